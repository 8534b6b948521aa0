import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One thing a person did that others may need to account for later (review, override, FAQ change). */
@Entity({ name: 'audit_log' })
@Index('IDX_audit_log_at', ['at'])
@Index('IDX_audit_log_entity', ['entityType', 'entityId'])
export class AuditLogEntry {
  /** bigserial: pg returns int8 as a string, so it stays a string here rather than lose precision. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_audit_log' })
  id: string;

  @Column({ name: 'at', type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** Who acted: a user name, or `system` / `cli` for what no person did. */
  @Column({ name: 'actor', type: 'text' })
  actor: string;

  /** What was done, as a dotted verb: `review.submit`, `user.reset-password`. */
  @Column({ name: 'action', type: 'text' })
  action: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType: string;

  @Column({ name: 'entity_id', type: 'text', nullable: true })
  entityId: string | null;

  @Column({ name: 'details', type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;
}
