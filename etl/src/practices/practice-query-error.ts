/** A practices query that cannot be answered as asked; `field` names the input at fault. */
export class PracticeQueryError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
