import { QueryError } from '../query-error.js';

/** A load or staffing query that cannot be answered as asked; `field` names the input at fault. */
export class LoadQueryError extends QueryError {}
