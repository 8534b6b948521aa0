import { timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../../common/domain-error.js';
import type { Role } from '../../contracts/auth.contract.js';
import { HANDOFF_TOKEN, type HandoffToken } from '../jobs/jobs.service.js';
import {
  ACCESS_HANDOFF_TOKEN,
  ACCESS_PENDING_PASSWORD,
  ACCESS_PUBLIC,
  ACCESS_ROLES,
} from './access.decorator.js';
import type { AuthRequest, RequestUser } from './auth-request.type.js';
import { DEMO_SIGN_IN, type DemoSignIn, demoSignInHeader, isLocalRequest } from './demo-sign-in.js';
import { sessionTokenFrom } from './session-cookie.util.js';
import { Sessions } from './sessions.repository.js';

/** What a route declares about who may use it (handler first, then its controller). */
export interface RouteAccess {
  public: boolean;
  roles: Role[] | null;
  handoffToken: boolean;
  pendingPassword: boolean;
}

/**
 * The global guard (APP_GUARD): every API route needs a session whose user has one of the route's
 * roles, except @Public() routes; a route that declares neither is refused, so a new route fails
 * closed. 401: no, expired or ended session; 403: the wrong role, or a one-time password to replace.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(Sessions) private readonly sessions: Sessions,
    @Inject(HANDOFF_TOKEN) private readonly handoffToken: HandoffToken,
    @Inject(DEMO_SIGN_IN) private readonly demo: DemoSignIn,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return false;
    }
    const access = this.accessOf(context);
    if (access.public) {
      return true;
    }
    if (!access.roles) {
      throw new DomainError('route has no role declared', 'FORBIDDEN');
    }
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const authorization = request.headers.authorization;
    if (access.handoffToken && typeof authorization === 'string' && authorization.startsWith('Bearer ')) {
      request.user = this.handoffUser(authorization.slice('Bearer '.length));
    } else {
      request.user = await this.sessionUser(request, context);
    }
    if (request.user.mustChangePassword && !access.pendingPassword) {
      throw new DomainError(
        'Choose a new password first: you signed in with a one-time password',
        'PASSWORD_CHANGE_REQUIRED',
      );
    }
    const needed = access.roles;
    if (!request.user.roles.some((role) => needed.includes(role))) {
      throw new DomainError(
        `This needs the role ${needed.join(' or ')}; ${request.user.username} has ${request.user.roles.join(', ')}`,
        'FORBIDDEN',
      );
    }
    return true;
  }

  /** The access a route declares. */
  accessOf(context: ExecutionContext): RouteAccess {
    const targets = [context.getHandler(), context.getClass()];
    return {
      public: this.reflector.getAllAndOverride<boolean>(ACCESS_PUBLIC, targets) === true,
      roles: this.reflector.getAllAndOverride<Role[] | undefined>(ACCESS_ROLES, targets) ?? null,
      handoffToken: this.reflector.getAllAndOverride<boolean>(ACCESS_HANDOFF_TOKEN, targets) === true,
      pendingPassword: this.reflector.getAllAndOverride<boolean>(ACCESS_PENDING_PASSWORD, targets) === true,
    };
  }

  private async sessionUser(request: AuthRequest, context: ExecutionContext): Promise<RequestUser> {
    const token = sessionTokenFrom(request.headers.cookie);
    const session = token ? await this.sessions.resolve(token) : null;
    if (!session) {
      if (this.demo.enabled && isLocalRequest(request.headers)) {
        // Tells the dashboard that the demo's sign-in would answer, so it asks only then.
        context
          .switchToHttp()
          .getResponse<{ setHeader(name: string, value: string): void }>()
          .setHeader(demoSignInHeader, '/api/auth/demo');
      }
      throw new DomainError(
        token ? 'Your session has ended: sign in again' : 'Sign in first',
        'UNAUTHENTICATED',
      );
    }
    const { user } = session;
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: [...user.roles],
      mustChangePassword: user.mustChangePassword,
      sessionId: session.id,
    };
  }

  private handoffUser(given: string): RequestUser {
    const expected = Buffer.from(this.handoffToken.value);
    const presented = Buffer.from(given);
    // An empty expected token (server not listening yet) matches nothing.
    if (
      expected.length === 0 ||
      presented.length !== expected.length ||
      !timingSafeEqual(presented, expected)
    ) {
      throw new DomainError('This route takes the token from server.json', 'UNAUTHENTICATED');
    }
    return {
      id: null,
      username: 'cli',
      displayName: 'Command line (server.json)',
      roles: ['admin'],
      mustChangePassword: false,
      sessionId: null,
    };
  }
}
