import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
} from 'typeorm';
import { ReviewQueueItem } from './review-queue-item.entity.js';

/** A reviewer's submitted review of one queued case. */
@Entity({ name: 'reviews' })
@Unique('UQ_reviews_queue_item', ['queueItemId'])
export class Review {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_reviews' })
  id: string;

  @Column({ name: 'queue_item_id', type: 'uuid' })
  queueItemId: string;

  // declared so that TypeORM knows the migration's foreign key and never drops it
  @ManyToOne(() => ReviewQueueItem)
  @JoinColumn({ name: 'queue_item_id', foreignKeyConstraintName: 'FK_reviews_queue_item' })
  queueItem?: Relation<ReviewQueueItem>;

  @Column({ name: 'ticket_id', type: 'text' })
  ticketId: string;

  @Column({ name: 'reviewer', type: 'text' })
  reviewer: string;

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', default: () => 'now()' })
  submittedAt: Date;

  @Column({ name: 'comments', type: 'text', default: '' })
  comments: string;

  @OneToMany(
    () => ReviewScore,
    (score) => score.review,
    { cascade: ['insert'] },
  )
  scores: ReviewScore[];

  @OneToMany(
    () => ReviewElementLabel,
    (label) => label.review,
    { cascade: ['insert'] },
  )
  elements: ReviewElementLabel[];
}

/** The reviewer's decision on one standard: confirmed (human = automatic) or overridden with a reason. */
@Entity({ name: 'review_scores' })
@Unique('UQ_review_scores_standard', ['reviewId', 'standard'])
@Check('CHK_review_scores_human', 'human IS NULL OR (human >= 0 AND human <= 100)')
@Check('CHK_review_scores_reason', 'NOT overridden OR length(trim(reason)) > 0')
export class ReviewScore {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_review_scores' })
  id: string;

  @Column({ name: 'review_id', type: 'uuid' })
  reviewId: string;

  @ManyToOne(
    () => Review,
    (review) => review.scores,
    { onDelete: 'CASCADE' },
  )
  @JoinColumn({ name: 'review_id', foreignKeyConstraintName: 'FK_review_scores_review' })
  review: Review;

  @Column({ name: 'standard', type: 'text' })
  standard: string;

  @Column({ name: 'automatic', type: 'double precision', nullable: true })
  automatic: number | null;

  @Column({ name: 'human', type: 'double precision', nullable: true })
  human: number | null;

  @Column({ name: 'overridden', type: 'boolean' })
  overridden: boolean;

  @Column({ name: 'reason', type: 'text', nullable: true })
  reason: string | null;
}

/** The reviewer's judgment of one handover element in one step's note, beside what the detectors found. */
@Entity({ name: 'review_element_labels' })
@Unique('UQ_review_element_labels_step', ['reviewId', 'stepNo', 'element'])
export class ReviewElementLabel {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_review_element_labels' })
  id: string;

  @Column({ name: 'review_id', type: 'uuid' })
  reviewId: string;

  @ManyToOne(
    () => Review,
    (review) => review.elements,
    { onDelete: 'CASCADE' },
  )
  @JoinColumn({ name: 'review_id', foreignKeyConstraintName: 'FK_review_element_labels_review' })
  review: Review;

  @Column({ name: 'step_no', type: 'integer' })
  stepNo: number;

  @Column({ name: 'element', type: 'text' })
  element: string;

  /** What the detectors found when the review was submitted; null when the step was not scored. */
  @Column({ name: 'detected', type: 'boolean', nullable: true })
  detected: boolean | null;

  @Column({ name: 'present', type: 'boolean' })
  present: boolean;
}
