import { QueryError } from '../query-error.js';

/** A role-play query (call finder, suggestions) that cannot be answered as asked; `field` names the input at fault. */
export class RoleplayQueryError extends QueryError {}
