/** A role-play query (call finder, suggestions) that cannot be answered as asked; `field` names the input at fault. */
export class RoleplayQueryError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'RoleplayQueryError';
  }
}
