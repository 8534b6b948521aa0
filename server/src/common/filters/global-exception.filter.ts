import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { QueryError } from '../../../../etl/src/index.js';
import { DomainError, type DomainErrorCode } from '../domain-error.js';

function statusOf(code: DomainErrorCode): number {
  switch (code) {
    case 'INVALID_QUERY':
    case 'INVALID_BODY':
    case 'INGEST_FAILED':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
    case 'PASSWORD_CHANGE_REQUIRED':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'TOO_MANY_ATTEMPTS':
      return 429;
    case 'CONFLICT':
      return 409;
    case 'UNAVAILABLE':
      return 503;
  }
}

/** The part of the platform's response this filter uses (Express underneath). */
interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

/** Every error leaves the API as `{ message, code }`; stacks stay in the server log. */
@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(GlobalExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    if (exception instanceof DomainError) {
      response.status(statusOf(exception.code)).json({ message: exception.message, code: exception.code });
      return;
    }
    // A store query asked for something it cannot answer (etl's QueryError names the field): a 400.
    if (exception instanceof QueryError) {
      response.status(400).json({ message: `Invalid query: ${exception.message}`, code: 'INVALID_QUERY' });
      return;
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const message =
        typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      response
        .status(exception.getStatus())
        .json({ message: Array.isArray(message) ? message.join('; ') : String(message), code: 'HTTP_ERROR' });
      return;
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    response
      .status(500)
      .json({ message: 'Internal error: the server log has the details', code: 'INTERNAL' });
  }
}
