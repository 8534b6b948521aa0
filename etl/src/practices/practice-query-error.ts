import { QueryError } from '../query-error.js';

/** A practices query that cannot be answered as asked; `field` names the input at fault. */
export class PracticeQueryError extends QueryError {}
