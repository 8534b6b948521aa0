import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { User } from '../users/user.entity.js';
import { Session } from './session.entity.js';

/** A session ends after this long without a request (sliding expiry)… */
export const sessionIdleHours = 12;
/** …and, however busy, this long after sign-in. */
export const sessionMaxDays = 7;
/** last_seen_at / expires_at are written at most this often per session, not on every request. */
const touchEverySeconds = 60;

/** The session of a request and its (enabled) user. */
export interface ActiveSession {
  id: string;
  user: User;
}

/** SHA-256 (hex) of a cookie's token: the session's id at rest. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Sessions in PostgreSQL; the caller holds the token, the table only its hash. */
export class Sessions {
  constructor(private readonly dataSource: DataSource) {}

  /** Starts a session for the user and returns the token for the cookie (shown nowhere else). */
  async start(userId: string): Promise<{ token: string; id: string }> {
    const token = randomBytes(32).toString('base64url');
    const id = sessionIdOf(token);
    await this.dataSource.query(
      `INSERT INTO sessions (id, user_id, expires_at)
       VALUES ($1, $2, now() + make_interval(hours => $3))`,
      [id, userId, sessionIdleHours],
    );
    return { token, id };
  }

  /**
   * The live session of a token with its user, sliding its expiry forward; null when the token is
   * unknown, expired, or its user is disabled. Times are the database's, so clocks cannot disagree.
   */
  async resolve(token: string): Promise<ActiveSession | null> {
    const id = sessionIdOf(token);
    const [row]: { user_id: string; stale: boolean }[] = await this.dataSource.query(
      `SELECT s.user_id, s.last_seen_at < now() - make_interval(secs => $2) AS stale
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = $1 AND s.expires_at > now() AND s.created_at > now() - make_interval(days => $3)
         AND NOT u.disabled`,
      [id, touchEverySeconds, sessionMaxDays],
    );
    if (!row) {
      return null;
    }
    if (row.stale) {
      await this.dataSource.query(
        `UPDATE sessions SET last_seen_at = now(),
           expires_at = least(now() + make_interval(hours => $2), created_at + make_interval(days => $3))
         WHERE id = $1`,
        [id, sessionIdleHours, sessionMaxDays],
      );
    }
    const user = await this.dataSource.getRepository(User).findOneBy({ id: row.user_id });
    return user && !user.disabled ? { id, user } : null;
  }

  /** Ends one session (sign-out). */
  async end(id: string): Promise<void> {
    await this.dataSource.getRepository(Session).delete({ id });
  }

  /** Deletes sessions that expired more than a day ago (the table would otherwise only grow). */
  async purgeExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM sessions WHERE expires_at < now() - interval '1 day'`);
  }
}
