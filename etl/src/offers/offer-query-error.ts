import { QueryError } from '../query-error.js';

/** An offers query that cannot be answered as asked; `field` names the input at fault, and leads the message. */
export class OfferQueryError extends QueryError {
  constructor(field: string, message: string) {
    super(field, `${field}: ${message}`);
  }
}
