import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ReviewRule } from '../../contracts/reviews.contract.js';

/** One case a sampling rule queued for a human review, assigned to a reviewer with a due day. */
@Entity({ name: 'review_queue_items' })
// A case is queued once, ever: a later fill skips it.
@Unique('UQ_review_queue_items_ticket', ['ticketId'])
@Check('CHK_review_queue_items_status', `status IN ('open', 'done')`)
@Index('IDX_review_queue_items_assignee', ['assignee', 'status'])
export class ReviewQueueItem {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_review_queue_items' })
  id: string;

  @Column({ name: 'ticket_id', type: 'text' })
  ticketId: string;

  @Column({ name: 'rule', type: 'text' })
  rule: ReviewRule;

  /** YYYY-MM of the case's first contact, the month the rules were run for. */
  @Column({ name: 'month', type: 'text' })
  month: string;

  @Column({ name: 'agent_id', type: 'text', nullable: true })
  agentId: string | null;

  @Column({ name: 'channel', type: 'text', nullable: true })
  channel: string | null;

  @Column({ name: 'overall', type: 'double precision', nullable: true })
  overall: number | null;

  @Column({ name: 'assignee', type: 'text', nullable: true })
  assignee: string | null;

  /** YYYY-MM-DD. */
  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'status', type: 'text', default: 'open' })
  status: 'open' | 'done';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  /** When the assignee first opened the item: the start of "time per review". */
  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt: Date | null;
}
