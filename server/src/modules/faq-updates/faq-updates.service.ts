import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { DuckDbStore, practiceKnown } from '../../../../etl/src/index.js';
import { DomainError } from '../../common/domain-error.js';
import {
  canMoveFaqUpdate,
  type FaqUpdateStatus,
  publishedStatuses,
} from '../../contracts/faq-update-status.contract.js';
import type {
  CreateFaqUpdate,
  FaqUpdateDto,
  FaqUpdateHistoryEntry,
  ListFaqUpdatesQuery,
  UpdateFaqUpdate,
} from '../../contracts/faq-updates.contract.js';
import { AuditLogEntry } from '../audit/audit-log.entity.js';
import { FaqUpdate } from './faq-update.entity.js';

/** The fields a change may touch, in the order the audit log lists them. */
const editable = [
  'practice',
  'title',
  'guidanceMarkdown',
  'evidenceTicketIds',
  'owner',
  'status',
  'publishedAt',
] as const;

type Editable = (typeof editable)[number];

/** The audit action of a status move; a change without one is an edit. */
const moveActions: Record<string, string> = {
  'draft>in_review': 'faq-update.submit',
  'in_review>draft': 'faq-update.return-to-draft',
  'in_review>published': 'faq-update.publish',
  'published>retired': 'faq-update.retire',
};

const entityType = 'faq_update';

/** Today as a UTC calendar day, the publication date when publishing names none. */
const today = () => new Date().toISOString().slice(0, 10);

function invalid(field: string, message: string): DomainError {
  return new DomainError(`Invalid body: ${field}: ${message}`, 'INVALID_BODY');
}

function toDto(f: FaqUpdate): FaqUpdateDto {
  return {
    id: f.id,
    practice: f.practice,
    title: f.title,
    guidanceMarkdown: f.guidanceMarkdown,
    evidenceTicketIds: [...f.evidenceTicketIds],
    owner: f.owner,
    status: f.status,
    publishedAt: f.publishedAt,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
    version: f.version,
  };
}

function snapshot(f: FaqUpdate): Record<Editable, unknown> {
  return {
    practice: f.practice,
    title: f.title,
    guidanceMarkdown: f.guidanceMarkdown,
    evidenceTicketIds: [...f.evidenceTicketIds],
    owner: f.owner,
    status: f.status,
    publishedAt: f.publishedAt,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * FAQ updates in PostgreSQL: create, read, change with optimistic concurrency and the allowed status
 * moves; every create and change writes its audit-log row in the same transaction.
 */
@Injectable()
export class FaqUpdatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DuckDbStore) private readonly store: DuckDbStore,
  ) {}

  /** Newest change first, optionally one practice's and of one status. */
  async list(query: ListFaqUpdatesQuery): Promise<FaqUpdateDto[]> {
    // TypeORM 1.x throws on an undefined where value rather than skip it: leave absent filters out.
    const where: FindOptionsWhere<FaqUpdate> = {};
    if (query.practice !== undefined) {
      where.practice = query.practice;
    }
    if (query.status !== undefined) {
      where.status = query.status;
    }
    const rows = await this.dataSource.getRepository(FaqUpdate).find({
      where,
      order: { updatedAt: 'DESC', id: 'ASC' },
    });
    return rows.map(toDto);
  }

  async get(id: string): Promise<FaqUpdateDto> {
    return toDto(await this.find(this.dataSource.manager, id));
  }

  /** The audit log of one FAQ update, oldest first. */
  async history(id: string): Promise<FaqUpdateHistoryEntry[]> {
    await this.find(this.dataSource.manager, id);
    const rows = await this.dataSource.getRepository(AuditLogEntry).find({
      where: { entityType, entityId: id },
      order: { at: 'ASC', id: 'ASC' },
    });
    return rows.map((r) => ({
      at: r.at.toISOString(),
      actor: r.actor,
      action: r.action,
      details: r.details as FaqUpdateHistoryEntry['details'],
    }));
  }

  /** A new draft, owned by `owner` or else by whoever creates it. */
  async create(input: CreateFaqUpdate, actor: string): Promise<FaqUpdateDto> {
    await this.checkPractice(input.practice);
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(FaqUpdate, {
          practice: input.practice,
          title: input.title,
          guidanceMarkdown: input.guidanceMarkdown,
          evidenceTicketIds: input.evidenceTicketIds,
          owner: input.owner ?? actor,
          status: 'draft',
          publishedAt: input.publishedAt ?? null,
        }),
      );
      const after = snapshot(saved);
      await this.audit(manager, actor, 'faq-update.create', saved, {
        version: saved.version,
        changed: [...editable],
        before: null,
        after,
      });
      return toDto(saved);
    });
  }

  /**
   * Applies a change made to `version`: a stale version is a 409, a status move outside the allowed
   * ones a 400 naming status. A change that changes nothing writes nothing.
   */
  async update(id: string, input: UpdateFaqUpdate, actor: string): Promise<FaqUpdateDto> {
    if (input.practice !== undefined) {
      await this.checkPractice(input.practice);
    }
    return this.dataSource.transaction(async (manager) => {
      // Locked, so two changes made to the same version cannot both pass the check below.
      const current = await this.find(manager, id, true);
      if (current.version !== input.version) {
        throw new DomainError(
          `Conflict: version: this FAQ update was changed since version ${input.version} (it is now at version ${current.version}); reload it and make the change again`,
          'CONFLICT',
        );
      }
      const before = snapshot(current);
      const next = this.applyChange(current, input);
      const changed = editable.filter((field) => !same(before[field], next[field]));
      if (changed.length === 0) {
        return toDto(current);
      }
      Object.assign(current, next);
      const saved = await manager.save(current);
      const moved = before.status !== saved.status ? moveActions[`${before.status}>${saved.status}`] : null;
      await this.audit(manager, actor, moved ?? 'faq-update.edit', saved, {
        version: saved.version,
        changed,
        before: Object.fromEntries(changed.map((f) => [f, before[f]])),
        after: Object.fromEntries(changed.map((f) => [f, next[f]])),
      });
      return toDto(saved);
    });
  }

  /** The fields after the change, or a 400 naming the field that cannot change so. */
  private applyChange(current: FaqUpdate, input: UpdateFaqUpdate): Record<Editable, unknown> {
    const next = snapshot(current);
    if (current.status === 'retired') {
      throw invalid('status', 'a retired FAQ update cannot be changed');
    }
    const status: FaqUpdateStatus = input.status ?? current.status;
    if (status !== current.status && !canMoveFaqUpdate(current.status, status)) {
      throw invalid(
        'status',
        `an FAQ update cannot move from ${current.status} to ${status} (from ${current.status} it may move to ${
          ['draft', 'in_review', 'published', 'retired']
            .filter((s) => canMoveFaqUpdate(current.status, s as FaqUpdateStatus))
            .join(' or ') || 'nothing'
        })`,
      );
    }
    let publishedAt = input.publishedAt === undefined ? current.publishedAt : input.publishedAt;
    if (status === 'published' && current.status !== 'published') {
      publishedAt = publishedAt ?? today();
    }
    if (publishedStatuses.includes(status) && publishedAt === null) {
      throw invalid('publishedAt', 'a published FAQ update needs its publication date');
    }
    for (const field of ['practice', 'title', 'guidanceMarkdown', 'evidenceTicketIds', 'owner'] as const) {
      if (input[field] !== undefined) {
        next[field] = input[field];
      }
    }
    next.status = status;
    next.publishedAt = publishedAt;
    return next;
  }

  private async find(manager: EntityManager, id: string, lock = false): Promise<FaqUpdate> {
    const found = await manager.findOne(FaqUpdate, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!found) {
      throw new DomainError(`No FAQ update ${id}`, 'NOT_FOUND');
    }
    return found;
  }

  private async checkPractice(practice: string): Promise<void> {
    if (!(await practiceKnown(this.store, practice))) {
      throw invalid('practice', `${practice} is not a practice in the store`);
    }
  }

  private async audit(
    manager: EntityManager,
    actor: string,
    action: string,
    update: FaqUpdate,
    details: FaqUpdateHistoryEntry['details'],
  ): Promise<void> {
    await manager.save(
      manager.create(AuditLogEntry, {
        actor,
        action,
        entityType,
        entityId: update.id,
        details: { ...details },
      }),
    );
  }
}
