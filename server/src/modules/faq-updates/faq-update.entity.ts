import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { FaqUpdateStatus } from '../../contracts/faq-update-status.contract.js';

/** New guidance for staff about one practice, from draft to publication; every change is audited. */
@Entity({ name: 'faq_updates' })
@Check('CHK_faq_updates_status', `status IN ('draft', 'in_review', 'published', 'retired')`)
// A published (or once published, now retired) update always says from which day it was in force.
@Check('CHK_faq_updates_published_at', `status IN ('draft', 'in_review') OR published_at IS NOT NULL`)
@Index('IDX_faq_updates_practice', ['practice'])
export class FaqUpdate {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_faq_updates' })
  id: string;

  /** `policy:<name>` or `category:<name>`, as the practices report keys it. */
  @Column({ name: 'practice', type: 'text' })
  practice: string;

  @Column({ name: 'title', type: 'text' })
  title: string;

  @Column({ name: 'guidance_markdown', type: 'text', default: '' })
  guidanceMarkdown: string;

  /** The cases that showed the problem, by ticket id. */
  @Column({ name: 'evidence_ticket_ids', type: 'text', array: true, default: '{}' })
  evidenceTicketIds: string[];

  @Column({ name: 'owner', type: 'text' })
  owner: string;

  @Column({ name: 'status', type: 'text', default: 'draft' })
  status: FaqUpdateStatus;

  /** YYYY-MM-DD (TypeORM reads a date column as that string). */
  @Column({ name: 'published_at', type: 'date', nullable: true })
  publishedAt: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Optimistic concurrency: TypeORM raises it on every save; a PATCH names the version it read. */
  @VersionColumn({ name: 'version', type: 'integer' })
  version: number;
}
