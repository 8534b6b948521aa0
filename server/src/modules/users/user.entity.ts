import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Role } from '../../contracts/auth.contract.js';

/** A person who signs in to the dashboard, with one or more roles. */
@Entity({ name: 'users' })
@Unique('UQ_users_username', ['username'])
@Check(
  'CHK_users_roles',
  `cardinality(roles) >= 1 AND roles <@ ARRAY['admin', 'qa', 'lead', 'trainer']::text[]`,
)
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_users' })
  id: string;

  /** Lower case; what the user types to sign in. */
  @Column({ name: 'username', type: 'text' })
  username: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  /** argon2id in PHC string form (`$argon2id$v=19$m=…`): algorithm, parameters and salt travel with it. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ name: 'roles', type: 'text', array: true })
  roles: Role[];

  /** Set by a one-time password (first start, new user, reset); cleared when the user picks one. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  /** A disabled user cannot sign in, and their sessions end. */
  @Column({ name: 'disabled', type: 'boolean', default: false })
  disabled: boolean;
}
