import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
} from 'typeorm';

/** The same cases sent to several reviewers and a facilitator, each scoring blind to the others. */
@Entity({ name: 'calibration_sessions' })
export class CalibrationSession {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_calibration_sessions' })
  id: string;

  @Column({ name: 'title', type: 'text' })
  title: string;

  @Column({ name: 'facilitator', type: 'text' })
  facilitator: string;

  @Column({ name: 'reviewers', type: 'text', array: true })
  reviewers: string[];

  @Column({ name: 'ticket_ids', type: 'text', array: true })
  ticketIds: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;
}

/** One participant's score of one standard of one case in a calibration session. */
@Entity({ name: 'calibration_scores' })
@Unique('UQ_calibration_scores_cell', ['sessionId', 'reviewer', 'ticketId', 'standard'])
export class CalibrationScore {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_calibration_scores' })
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  // declared so that TypeORM knows the migration's foreign key and never drops it
  @ManyToOne(() => CalibrationSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_calibration_scores_session' })
  session?: Relation<CalibrationSession>;

  @Column({ name: 'reviewer', type: 'text' })
  reviewer: string;

  @Column({ name: 'ticket_id', type: 'text' })
  ticketId: string;

  @Column({ name: 'standard', type: 'text' })
  standard: string;

  @Column({ name: 'score', type: 'double precision' })
  score: number;
}
