/** An offers query that cannot be answered as asked; `field` names the input at fault. */
export class OfferQueryError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
