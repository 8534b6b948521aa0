import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthRequest, RequestUser } from './auth-request.type.js';

/** The user the AuthGuard found for this request (routes with @Roles only). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): RequestUser => {
  const user = context.switchToHttp().getRequest<AuthRequest>().user;
  if (!user) {
    // Only reachable if a @Public route asked for a user: a programming mistake, not a user's.
    throw new Error('CurrentUser on a route without a session');
  }
  return user;
});

/** The client's address as the socket saw it (no proxy is trusted). */
export function clientAddress(request: AuthRequest): string {
  return request.ip ?? request.socket?.remoteAddress ?? 'unknown';
}
