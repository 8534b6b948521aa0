import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { DuckDbStore, redactTexts, roleplayCall } from '../../../../etl/src/index.js';
import { DomainError } from '../../common/domain-error.js';
import type {
  CreateSession,
  PackCall,
  RoleplaySessionDto,
  SessionCallDto,
  SessionPack,
  UpdateSession,
} from '../../contracts/roleplay.contract.js';
import { AuditLogEntry } from '../audit/audit-log.entity.js';
import { RoleplaySession } from './roleplay-session.entity.js';
import { RoleplaySessionCall } from './roleplay-session-call.entity.js';

const entityType = 'roleplay_session';

type CallInput = CreateSession['calls'][number];

function toDto(s: RoleplaySession): RoleplaySessionDto {
  return {
    id: s.id,
    title: s.title,
    learningGoal: s.learningGoal,
    notes: s.notes,
    calls: [...(s.calls ?? [])]
      .sort((a, b) => a.position - b.position)
      .map((c) => ({
        callId: c.callId,
        ticketId: c.ticketId,
        customerBrief: c.customerBrief,
        agentBrief: c.agentBrief,
      })),
    createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    version: s.version,
  };
}

/**
 * Role-play sessions in PostgreSQL: create, read, change (optimistic concurrency on `version`) and
 * delete, each change with its audit-log row in the same transaction; and how many sessions use a
 * call. Briefs a trainer leaves out are drafted from the call's case in the DuckDB store.
 */
@Injectable()
export class RoleplaySessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DuckDbStore) private readonly store: DuckDbStore,
  ) {}

  /** Newest change first. */
  async list(): Promise<RoleplaySessionDto[]> {
    const rows = await this.dataSource.getRepository(RoleplaySession).find({
      relations: { calls: true },
      order: { updatedAt: 'DESC', id: 'ASC' },
    });
    return rows.map(toDto);
  }

  async get(id: string): Promise<RoleplaySessionDto> {
    return toDto(await this.find(this.dataSource.manager, id));
  }

  async create(input: CreateSession, actor: string): Promise<RoleplaySessionDto> {
    const calls = await this.resolveCalls(input.calls, new Map());
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(RoleplaySession, {
          title: input.title,
          learningGoal: input.learningGoal,
          notes: input.notes,
          createdBy: actor,
        }),
      );
      await this.replaceCalls(manager, saved.id, calls);
      const dto = toDto(await this.find(manager, saved.id));
      await this.audit(manager, actor, 'roleplay-session.create', saved.id, {
        version: dto.version,
        after: dto,
      });
      return dto;
    });
  }

  /** Applies a change made to `version`; a stale version is a 409. A change that changes nothing writes nothing. */
  async update(id: string, input: UpdateSession, actor: string): Promise<RoleplaySessionDto> {
    const current = toDto(await this.find(this.dataSource.manager, id));
    const kept = new Map(current.calls.map((c) => [c.callId, c]));
    const calls = input.calls ? await this.resolveCalls(input.calls, kept) : null;
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.find(manager, id, true);
      if (locked.version !== input.version) {
        throw new DomainError(
          `Conflict: version: this session was changed since version ${input.version} (it is now at version ${locked.version}); reload it and make the change again`,
          'CONFLICT',
        );
      }
      const before = toDto(locked);
      const changed: string[] = [];
      for (const field of ['title', 'learningGoal', 'notes'] as const) {
        if (input[field] !== undefined && input[field] !== locked[field]) {
          locked[field] = input[field];
          changed.push(field);
        }
      }
      if (calls && JSON.stringify(calls) !== JSON.stringify(before.calls)) {
        changed.push('calls');
      }
      if (changed.length === 0) {
        return before;
      }
      // Saved even when only the calls changed, so that version and updated_at move with them.
      locked.updatedAt = new Date();
      const { calls: _calls, ...row } = locked;
      await manager.save(RoleplaySession, row);
      if (calls) {
        await this.replaceCalls(manager, id, calls);
      }
      const after = toDto(await this.find(manager, id));
      await this.audit(manager, actor, 'roleplay-session.edit', id, {
        version: after.version,
        changed,
        before: Object.fromEntries(changed.map((f) => [f, before[f as keyof RoleplaySessionDto]])),
        after: Object.fromEntries(changed.map((f) => [f, after[f as keyof RoleplaySessionDto]])),
      });
      return after;
    });
  }

  async remove(id: string, actor: string): Promise<{ deleted: string }> {
    return this.dataSource.transaction(async (manager) => {
      const found = toDto(await this.find(manager, id, true));
      await manager.delete(RoleplaySession, { id });
      await this.audit(manager, actor, 'roleplay-session.delete', id, {
        version: found.version,
        before: found,
      });
      return { deleted: id };
    });
  }

  /** How many sessions use each of the given calls (calls no session uses are absent). */
  async usedCounts(callIds: readonly string[]): Promise<Map<string, number>> {
    if (callIds.length === 0) {
      return new Map();
    }
    const rows: Array<{ call_id: string; sessions: string }> = await this.dataSource
      .getRepository(RoleplaySessionCall)
      .createQueryBuilder('c')
      .select('c.call_id', 'call_id')
      .addSelect('count(DISTINCT c.session_id)', 'sessions')
      .where({ callId: In([...callIds]) })
      .groupBy('c.call_id')
      .getRawMany();
    return new Map(rows.map((r) => [r.call_id, Number(r.sessions)]));
  }

  /**
   * The session with, per call, its case's facts and its transcript as speaker turns; every text of
   * the pack (briefs, turns, notes) run once more through the ingest's redaction as a last guard.
   */
  async pack(id: string): Promise<SessionPack> {
    const session = await this.get(id);
    const calls: PackCall[] = [];
    for (const [i, c] of session.calls.entries()) {
      const found = await roleplayCall(this.store, c.callId);
      const ticket = found?.case?.ticket ?? null;
      calls.push({
        ...c,
        position: i + 1,
        startedAt: found?.call.started_at ?? null,
        durationSeconds: found?.call.duration_seconds ?? null,
        category: ticket?.category ?? null,
        policy: ticket?.policy ?? null,
        maxLevel: found?.case?.score?.max_level ?? (ticket ? 1 : null),
        outcome: ticket?.outcome ?? null,
        recordingUrl: found?.call.recording_url ?? null,
        turns: found?.turns ?? [],
      });
    }
    const texts: string[] = [session.title, session.learningGoal, session.notes];
    for (const call of calls) {
      texts.push(call.customerBrief, call.agentBrief, ...call.turns.map((t) => t.text));
    }
    const guarded = await redactTexts(this.store, texts);
    let at = 0;
    const next = () => guarded.texts[at++] ?? '';
    const out: SessionPack = {
      session: { ...session, title: next(), learningGoal: next(), notes: next() },
      calls: calls.map((call) => ({
        ...call,
        customerBrief: next(),
        agentBrief: next(),
        turns: call.turns.map((t) => ({ speaker: t.speaker, text: next() })),
      })),
      redactedAtExport: Object.values(guarded.redacted).reduce((a, b) => a + b, 0),
    };
    out.session.calls = out.calls.map(({ callId, ticketId, customerBrief, agentBrief }) => ({
      callId,
      ticketId,
      customerBrief,
      agentBrief,
    }));
    return out;
  }

  /** Each call with its ticket and briefs: those given, the ones already in the session, else drafted. */
  private async resolveCalls(
    calls: readonly CallInput[],
    kept: ReadonlyMap<string, SessionCallDto>,
  ): Promise<SessionCallDto[]> {
    const out: SessionCallDto[] = [];
    for (const [i, c] of calls.entries()) {
      const previous = kept.get(c.callId);
      if (previous && c.customerBrief !== undefined && c.agentBrief !== undefined) {
        out.push({ ...previous, customerBrief: c.customerBrief, agentBrief: c.agentBrief });
        continue;
      }
      const found = await roleplayCall(this.store, c.callId);
      if (!found) {
        throw new DomainError(
          `Invalid body: calls.${i}.callId: no call ${c.callId} in the store`,
          'INVALID_BODY',
        );
      }
      out.push({
        callId: c.callId,
        ticketId: found.call.ticket_id,
        customerBrief: c.customerBrief ?? previous?.customerBrief ?? found.briefs.customerBrief,
        agentBrief: c.agentBrief ?? previous?.agentBrief ?? found.briefs.agentBrief,
      });
    }
    return out;
  }

  private async replaceCalls(manager: EntityManager, sessionId: string, calls: readonly SessionCallDto[]) {
    await manager.delete(RoleplaySessionCall, { sessionId });
    if (calls.length > 0) {
      await manager.insert(
        RoleplaySessionCall,
        calls.map((c, i) => ({ sessionId, position: i + 1, ...c })),
      );
    }
  }

  private async find(manager: EntityManager, id: string, lock = false): Promise<RoleplaySession> {
    const found = await manager.findOne(RoleplaySession, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : { relations: { calls: true } }),
    });
    if (!found) {
      throw new DomainError(`No role-play session ${id}`, 'NOT_FOUND');
    }
    if (lock) {
      found.calls = await manager.find(RoleplaySessionCall, {
        where: { sessionId: id },
        order: { position: 'ASC' },
      });
    }
    return found;
  }

  private async audit(
    manager: EntityManager,
    actor: string,
    action: string,
    id: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await manager.save(manager.create(AuditLogEntry, { actor, action, entityType, entityId: id, details }));
  }
}
