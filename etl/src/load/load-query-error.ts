/** A load or staffing query that cannot be answered as asked; `field` names the input at fault. */
export class LoadQueryError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
