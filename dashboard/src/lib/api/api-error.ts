/** An API failure reduced to what a user may read: a one-line message, never a stack trace. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    message: string,
    /** HTTP status, or 0 when no response arrived (network failure, aborted, undecodable body). */
    readonly status: number,
    /** The server's machine-readable code, when it sent one. */
    readonly code: string | null = null,
  ) {
    super(message);
  }
}
