import { QueryError } from '../query-error.js';

/** An offers query that cannot be answered as asked; `field` names the input at fault. */
export class OfferQueryError extends QueryError {}
