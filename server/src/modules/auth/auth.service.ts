import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from '../../common/domain-error.js';
import type { LoginBody, Me } from '../../contracts/auth.contract.js';
import { AuditLogEntry } from '../audit/audit-log.entity.js';
import { verifyAgainstNothing, verifyPassword } from '../users/password.util.js';
import { audit, UserAccounts } from '../users/user-accounts.service.js';
import type { RequestUser } from './auth-request.type.js';
import { DEMO_SIGN_IN, type DemoSignIn } from './demo-sign-in.js';
import { LoginThrottle } from './login-throttle.js';
import { Sessions } from './sessions.repository.js';

/** One message for an unknown name and a wrong password: an answer must not tell which it was. */
export const badCredentials = 'Wrong user name or password';

/** Sign-in, sign-out and the demo's sign-in; each one is written to the audit log. */
@Injectable()
export class AuthService {
  private readonly throttle = new LoginThrottle();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(UserAccounts) private readonly users: UserAccounts,
    @Inject(Sessions) private readonly sessions: Sessions,
    @Inject(DEMO_SIGN_IN) private readonly demo: DemoSignIn,
  ) {}

  /**
   * Checks the password and starts a session; returns its token for the cookie. Unknown name and
   * wrong password take the same time and give the same 401; five failures a minute for one name
   * from one address make it wait (429).
   */
  async login(body: LoginBody, address: string): Promise<{ token: string; me: Omit<Me, 'routeRoles'> }> {
    this.refuseWhileThrottled(body.username, address);
    const user = await this.users.findByUsername(body.username);
    const matches = user
      ? await verifyPassword(user.passwordHash, body.password)
      : await verifyAgainstNothing(body.password);
    if (!user || !matches) {
      this.throttle.recordFailure(body.username, address);
      await this.dataSource.getRepository(AuditLogEntry).insert({
        actor: user?.username ?? 'unknown',
        action: 'auth.sign-in-failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        // A name nobody has is not kept: people type their password into the name field.
        details: { address, reason: user ? 'wrong password' : 'unknown user' },
      });
      throw new DomainError(badCredentials, 'UNAUTHENTICATED');
    }
    if (user.disabled) {
      throw new DomainError(`${user.username} is disabled: ask an admin`, 'UNAUTHENTICATED');
    }
    this.throttle.recordSuccess(body.username, address);
    await this.sessions.purgeExpired();
    const { token } = await this.sessions.start(user.id);
    await audit(this.dataSource.manager, user.username, 'auth.sign-in', user, { address });
    return {
      token,
      me: {
        username: user.username,
        displayName: user.displayName,
        roles: [...user.roles],
        mustChangePassword: user.mustChangePassword,
      },
    };
  }

  /**
   * The user's own change of password. A wrong `current` counts as a failed sign-in for the user and
   * address (so a borrowed session cannot be used to guess the password faster than the sign-in can).
   */
  async changePassword(user: RequestUser, current: string, next: string, address: string): Promise<void> {
    if (!user.id || !user.sessionId) {
      throw new DomainError('Only a signed-in user changes their password', 'FORBIDDEN');
    }
    this.refuseWhileThrottled(user.username, address);
    try {
      await this.users.changePassword(user.id, current, next, user.sessionId);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'INVALID_BODY') {
        this.throttle.recordFailure(user.username, address);
      }
      throw error;
    }
  }

  async logout(user: RequestUser): Promise<void> {
    if (user.sessionId && user.id) {
      await this.sessions.end(user.sessionId);
      await audit(
        this.dataSource.manager,
        user.username,
        'auth.sign-out',
        { id: user.id, username: user.username },
        null,
      );
    }
  }

  /**
   * The `demo` admin's session, only while the demo sign-in is on and for a request from this machine
   * (`local`); 404 otherwise, as if the route did not exist.
   */
  async demoSignIn(address: string, local: boolean): Promise<{ token: string; me: Omit<Me, 'routeRoles'> }> {
    const user = this.demo.enabled && local ? await this.users.demoUser() : null;
    if (!user) {
      throw new DomainError('Cannot POST /api/auth/demo', 'NOT_FOUND');
    }
    const { token } = await this.sessions.start(user.id);
    await audit(this.dataSource.manager, user.username, 'auth.sign-in', user, { address, demo: true });
    return {
      token,
      me: {
        username: user.username,
        displayName: user.displayName,
        roles: [...user.roles],
        mustChangePassword: false,
      },
    };
  }

  private refuseWhileThrottled(username: string, address: string): void {
    const wait = this.throttle.retryAfterMs(username, address);
    if (wait > 0) {
      throw new DomainError(
        `Too many failed sign-ins for ${username} from this address: try again in ${Math.ceil(wait / 1000)} s`,
        'TOO_MANY_ATTEMPTS',
      );
    }
  }
}
