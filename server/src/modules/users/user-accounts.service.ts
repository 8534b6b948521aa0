import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../../common/domain-error.js';
import type { Role, UserDto } from '../../contracts/auth.contract.js';
import { AuditLogEntry } from '../audit/audit-log.entity.js';
import { Session } from '../auth/session.entity.js';
import { hashPassword, oneTimePassword, verifyPassword } from './password.util.js';
import { User } from './user.entity.js';

/** A user and the password to hand them once (they must change it at their first sign-in). */
export interface UserWithPassword {
  user: User;
  oneTimePassword: string;
}

/** What an admin may change about a user. */
export interface UserChange {
  roles?: Role[];
  disabled?: boolean;
  displayName?: string;
}

/** The name of the account that `npm start`'s demo signs in as on localhost. */
export const demoUsername = 'demo';

/** The API's view of a user: never the hash. */
export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: [...user.roles],
    mustChangePassword: user.mustChangePassword,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
  };
}

/**
 * Users in PostgreSQL, for the server and the `eqa user` command alike (it holds a DataSource, not a
 * Nest context). Every change writes its audit-log row in the same transaction; `actor` names who did it.
 */
export class UserAccounts {
  constructor(private readonly dataSource: DataSource) {}

  /** Every user, by name. */
  list(): Promise<User[]> {
    return this.dataSource.getRepository(User).find({ order: { username: 'ASC' } });
  }

  findByUsername(username: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ username: username.toLowerCase() });
  }

  findById(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id });
  }

  /** A new user with a one-time password; a taken name is a 409. */
  async create(
    input: { username: string; displayName?: string; roles: Role[] },
    actor: string,
  ): Promise<UserWithPassword> {
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO users (username, display_name, password_hash, roles, must_change_password)
         VALUES ($1, $2, $3, $4, true)
         ON CONFLICT ON CONSTRAINT "UQ_users_username" DO NOTHING
         RETURNING id`,
        [input.username, input.displayName ?? input.username, passwordHash, input.roles],
      );
      if (inserted.length === 0) {
        throw new DomainError(`Conflict: username: there is already a user ${input.username}`, 'CONFLICT');
      }
      const user = await manager.findOneByOrFail(User, { id: inserted[0].id });
      await audit(manager, actor, 'user.add', user, { roles: user.roles, displayName: user.displayName });
      return { user, oneTimePassword: password };
    });
  }

  /**
   * Changes roles, the disabled flag or the display name. Disabling ends the user's sessions; no change
   * may leave the store without an enabled admin.
   */
  async update(id: string, change: UserChange, actor: string): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      // Serialises admin changes, so two of them cannot each remove "the other" last admin.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['eqa.users.admins']);
      const user = await this.lockedUser(manager, id);
      const before = { roles: [...user.roles], disabled: user.disabled, displayName: user.displayName };
      const after = {
        roles: change.roles ?? before.roles,
        disabled: change.disabled ?? before.disabled,
        displayName: change.displayName ?? before.displayName,
      };
      const wasAdmin = before.roles.includes('admin') && !before.disabled;
      const staysAdmin = after.roles.includes('admin') && !after.disabled;
      if (wasAdmin && !staysAdmin) {
        const [{ n }]: { n: number }[] = await manager.query(
          `SELECT count(*)::int AS n FROM users WHERE 'admin' = ANY(roles) AND NOT disabled AND id <> $1`,
          [id],
        );
        if (n === 0) {
          throw new DomainError(
            `Conflict: ${user.username} is the last enabled admin; make another user admin first`,
            'CONFLICT',
          );
        }
      }
      Object.assign(user, after);
      await manager.save(user);
      if (after.disabled && !before.disabled) {
        await manager.delete(Session, { userId: id });
      }
      for (const [field, action] of [
        ['roles', 'user.change-roles'],
        ['disabled', after.disabled ? 'user.disable' : 'user.enable'],
        ['displayName', 'user.rename'],
      ] as const) {
        if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
          await audit(manager, actor, action, user, { before: before[field], after: after[field] });
        }
      }
      return user;
    });
  }

  /** A new one-time password for the user named by id or name; their sessions end. */
  async resetPassword(by: { id: string } | { username: string }, actor: string): Promise<UserWithPassword> {
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, {
        where: 'id' in by ? { id: by.id } : { username: by.username.toLowerCase() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) {
        throw new DomainError(`No user ${'id' in by ? by.id : by.username}`, 'NOT_FOUND');
      }
      user.passwordHash = passwordHash;
      user.mustChangePassword = true;
      await manager.save(user);
      await manager.delete(Session, { userId: user.id });
      await audit(manager, actor, 'user.reset-password', user, null);
      return { user, oneTimePassword: password };
    });
  }

  /**
   * The user's own change of password: `current` must match. Ends their other sessions (a stolen one
   * stops working) and clears must_change_password.
   */
  async changePassword(userId: string, current: string, next: string, keepSessionId: string): Promise<void> {
    const user = await this.findById(userId);
    if (!user || !(await verifyPassword(user.passwordHash, current))) {
      throw new DomainError('Invalid body: current: the current password is wrong', 'INVALID_BODY');
    }
    const passwordHash = await hashPassword(next);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: userId }, { passwordHash, mustChangePassword: false });
      await manager
        .createQueryBuilder()
        .delete()
        .from(Session)
        .where('user_id = :userId AND id <> :keep', { userId, keep: keepSessionId })
        .execute();
      await audit(manager, user.username, 'user.change-password', user, null);
    });
  }

  /**
   * On a store with no user at all: creates `admin` (role admin) with a one-time password and returns
   * it; null when there are users already.
   */
  async createFirstAdmin(): Promise<UserWithPassword | null> {
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['eqa.users.admins']);
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO users (username, display_name, password_hash, roles, must_change_password)
         SELECT 'admin', 'Administrator', $1, ARRAY['admin']::text[], true
         WHERE NOT EXISTS (SELECT 1 FROM users)
         RETURNING id`,
        [passwordHash],
      );
      if (inserted.length === 0) {
        return null;
      }
      const user = await manager.findOneByOrFail(User, { id: inserted[0].id });
      await audit(manager, 'system', 'user.add', user, { roles: user.roles, firstStart: true });
      return { user, oneTimePassword: password };
    });
  }

  /**
   * The `demo` admin that `npm start`'s demo signs in as on localhost, created on first use with a
   * random password nobody knows. Null when an admin disabled it.
   */
  async demoUser(): Promise<User | null> {
    const existing = await this.findByUsername(demoUsername);
    if (existing) {
      return existing.disabled ? null : existing;
    }
    const passwordHash = await hashPassword(oneTimePassword());
    return this.dataSource.transaction(async (manager) => {
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO users (username, display_name, password_hash, roles, must_change_password)
         VALUES ($1, 'Demo admin', $2, ARRAY['admin']::text[], false)
         ON CONFLICT ON CONSTRAINT "UQ_users_username" DO NOTHING
         RETURNING id`,
        [demoUsername, passwordHash],
      );
      const user = await manager.findOneByOrFail(User, { username: demoUsername });
      if (inserted.length > 0) {
        await audit(manager, 'system', 'user.add', user, { roles: user.roles, demo: true });
      }
      return user.disabled ? null : user;
    });
  }

  private async lockedUser(manager: EntityManager, id: string): Promise<User> {
    const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!user) {
      throw new DomainError(`No user ${id}`, 'NOT_FOUND');
    }
    return user;
  }
}

/** Writes one audit-log row about a user. */
export async function audit(
  manager: EntityManager,
  actor: string,
  action: string,
  user: Pick<User, 'id' | 'username'>,
  details: Record<string, unknown> | null,
): Promise<void> {
  await manager.insert(AuditLogEntry, {
    actor,
    action,
    entityType: 'user',
    entityId: user.id,
    details: { username: user.username, ...details },
  });
}
