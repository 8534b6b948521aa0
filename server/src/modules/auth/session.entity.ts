import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity.js';

/**
 * A signed-in browser. The cookie holds a random 32-byte token; only its SHA-256 is stored, so a copy
 * of the database gives nobody a working session.
 */
@Entity({ name: 'sessions' })
@Index('IDX_sessions_user_id', ['userId'])
@Index('IDX_sessions_expires_at', ['expiresAt'])
export class Session {
  /** SHA-256 of the cookie's token, hex. */
  @PrimaryColumn({ name: 'id', type: 'text', primaryKeyConstraintName: 'PK_sessions' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_sessions_user_id' })
  user?: User;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  /** Moves forward with use (sliding expiry), never past the session's absolute limit. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt: Date;
}
