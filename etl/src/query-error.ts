/**
 * A query that cannot be answered as asked (a day outside the range, an unknown kind, a page past the
 * end): `field` names the input at fault and `reason` says what to change; the message is both, on
 * one line (`day: 2026-04-15 is outside the range …`). The server's exception filter answers it with
 * a 400 and the command line prints it as one line; each area has its own subclass so that a caller
 * can tell them apart.
 */
export class QueryError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = new.target.name;
  }
}
