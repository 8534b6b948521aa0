/** The codes a domain error may carry; the exception filter maps each to an HTTP status. */
export type DomainErrorCode =
  | 'INVALID_QUERY'
  | 'INVALID_BODY'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'TOO_MANY_ATTEMPTS'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INGEST_FAILED'
  | 'UNAVAILABLE';

/** An error meant for the user: its message is shown as is, never a stack trace. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: DomainErrorCode,
  ) {
    super(message);
  }
}
