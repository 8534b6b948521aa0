import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { RoleplaySession } from './roleplay-session.entity.js';

/** One call of a role-play session at its position, with the briefs for the two players. */
@Entity({ name: 'roleplay_session_calls' })
@Index('IDX_roleplay_session_calls_call', ['callId'])
export class RoleplaySessionCall {
  @PrimaryColumn({ name: 'session_id', type: 'uuid', primaryKeyConstraintName: 'PK_roleplay_session_calls' })
  sessionId: string;

  /** 1, 2, 3 … in session order. */
  @PrimaryColumn({ name: 'position', type: 'integer', primaryKeyConstraintName: 'PK_roleplay_session_calls' })
  position: number;

  @ManyToOne(
    () => RoleplaySession,
    (session) => session.calls,
    { onDelete: 'CASCADE' },
  )
  @JoinColumn({
    name: 'session_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'FK_roleplay_session_calls_session',
  })
  // Relation<>: plain `RoleplaySession` would emit design:type metadata that reads the class while the
  // two entity modules import each other, which throws in the built ESM (Cannot access before initialization).
  session: Relation<RoleplaySession>;

  @Column({ name: 'call_id', type: 'text' })
  callId: string;

  /** The call's ticket when it was added (the DuckDB store may be reloaded since). */
  @Column({ name: 'ticket_id', type: 'text', nullable: true })
  ticketId: string | null;

  @Column({ name: 'customer_brief', type: 'text', default: '' })
  customerBrief: string;

  @Column({ name: 'agent_brief', type: 'text', default: '' })
  agentBrief: string;
}
