/**
 * A query that cannot be answered as asked (a day outside the range, an unknown kind, a page past the
 * end): `field` names the input at fault and the message says what to change, on one line. The
 * API answers it with a 400 and the command line with one line; each area has its own subclass so
 * that a caller can tell them apart, and every caller may catch them all as QueryError.
 */
export class QueryError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
