import {
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { RoleplaySessionCall } from './roleplay-session-call.entity.js';

/** A role-play session a trainer prepares: a learning goal, chosen calls in order with briefs, notes. */
@Entity({ name: 'roleplay_sessions' })
export class RoleplaySession {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_roleplay_sessions' })
  id: string;

  @Column({ name: 'title', type: 'text' })
  title: string;

  @Column({ name: 'learning_goal', type: 'text', default: '' })
  learningGoal: string;

  /** The trainer's notes for running the session. */
  @Column({ name: 'notes', type: 'text', default: '' })
  notes: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  /** In session order; replaced whole when the calls change. */
  @OneToMany(
    () => RoleplaySessionCall,
    (call) => call.session,
    { cascade: false },
  )
  calls: RoleplaySessionCall[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Optimistic concurrency: a PATCH names the version it read. */
  @VersionColumn({ name: 'version', type: 'integer' })
  version: number;
}
