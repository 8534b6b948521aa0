import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DuckDbStore, reviewCandidates } from '../../../../etl/src/index.js';
import type {
  FillQueue,
  FillQueueResult,
  ListQueueQuery,
  ReviewerDto,
  ReviewerWorkload,
  ReviewQueueItemDto,
  ReviewRule,
} from '../../contracts/reviews.contract.js';
import { reviewRules } from '../../contracts/reviews.contract.js';
import { AuditLogEntry } from '../audit/audit-log.entity.js';
import { User } from '../users/user.entity.js';
import { csvTable } from './review-csv.util.js';
import { ReviewQueueItem } from './review-queue-item.entity.js';

const day = 86_400_000;
/** Today as a UTC calendar day: an item is overdue once its due day has passed. */
const today = () => new Date().toISOString().slice(0, 10);
const addDays = (days: number) => new Date(Date.now() + days * day).toISOString().slice(0, 10);

/** A queue item as the API sends it; overdue is judged against `now` (a UTC calendar day). */
export function queueItemDto(item: ReviewQueueItem, now = today()): ReviewQueueItemDto {
  return {
    id: item.id,
    ticketId: item.ticketId,
    rule: item.rule,
    month: item.month,
    agentId: item.agentId,
    channel: item.channel,
    overall: item.overall,
    assignee: item.assignee,
    dueOn: item.dueOn,
    status: item.status,
    overdue: item.status === 'open' && item.dueOn < now,
    createdAt: item.createdAt.toISOString(),
    createdBy: item.createdBy,
  };
}

/**
 * The review queue in PostgreSQL: filled from the sampling rules' candidates in DuckDB (each case
 * once, ever), each new item given to the least-loaded active reviewer (role qa); every fill audited.
 */
@Injectable()
export class ReviewQueueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DuckDbStore) private readonly store: DuckDbStore,
  ) {}

  /** The queue, due first; `mine` narrows it to `actor`'s items. */
  async list(query: ListQueueQuery, actor: string): Promise<ReviewQueueItemDto[]> {
    const qb = this.dataSource.getRepository(ReviewQueueItem).createQueryBuilder('q');
    if (query.mine === 'true') {
      qb.andWhere('q.assignee = :actor', { actor });
    } else if (query.assignee !== undefined) {
      qb.andWhere('q.assignee = :assignee', { assignee: query.assignee });
    }
    if (query.status !== undefined) {
      qb.andWhere('q.status = :status', { status: query.status });
    }
    if (query.overdue === 'true') {
      qb.andWhere(`q.status = 'open' AND q.due_on < :today`, { today: today() });
    }
    const rows = await qb.orderBy('q.due_on', 'ASC').addOrderBy('q.ticket_id', 'ASC').getMany();
    const now = today();
    return rows.map((row) => queueItemDto(row, now));
  }

  /** The queue as CSV with the list's filters applied, due first. */
  async exportCsv(query: ListQueueQuery, actor: string): Promise<string> {
    const items = await this.list(query, actor);
    const columns = [
      'id',
      'ticketId',
      'rule',
      'month',
      'agentId',
      'channel',
      'overall',
      'assignee',
      'dueOn',
      'status',
      'overdue',
      'createdAt',
      'createdBy',
    ] as const;
    return csvTable(columns, items);
  }

  /** Each assignee's open, overdue and done items and mean time per review (opened → submitted). */
  async workload(): Promise<ReviewerWorkload[]> {
    const rows: {
      reviewer: string;
      open: number;
      overdue: number;
      done: number;
      minutes: number | null;
    }[] = await this.dataSource.query(
      `SELECT q.assignee AS reviewer,
              count(*) FILTER (WHERE q.status = 'open')::int AS open,
              count(*) FILTER (WHERE q.status = 'open' AND q.due_on < $1::date)::int AS overdue,
              count(r.id)::int AS done,
              avg(extract(epoch FROM r.submitted_at - r.opened_at) / 60)::float8 AS minutes
       FROM review_queue_items q LEFT JOIN reviews r ON r.queue_item_id = q.id
       WHERE q.assignee IS NOT NULL
       GROUP BY q.assignee ORDER BY q.assignee`,
      [today()],
    );
    return rows.map((r) => ({
      reviewer: r.reviewer,
      open: r.open,
      overdue: r.overdue,
      done: r.done,
      avgMinutesPerReview: r.minutes,
    }));
  }

  /** Active users with the role qa or lead, by user name. */
  async reviewers(): Promise<ReviewerDto[]> {
    const users = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .where(`u.roles && ARRAY['qa', 'lead']::text[] AND NOT u.disabled`)
      .orderBy('u.username', 'ASC')
      .getMany();
    return users.map((u) => ({ username: u.username, displayName: u.displayName, roles: [...u.roles] }));
  }

  /** Runs the month's sampling rules and queues what they pick that is not queued yet. */
  async fill(input: FillQueue, actor: string): Promise<FillQueueResult> {
    const { dueInDays, ...rules } = input;
    return this.dataSource.transaction(async (manager) => {
      // Serialises fills, so that two at once cannot both queue the same case or skew the load.
      await manager.query(`LOCK TABLE "review_queue_items" IN SHARE ROW EXCLUSIVE MODE`);
      const queued = new Set(
        (await manager.find(ReviewQueueItem, { select: { ticketId: true } })).map((r) => r.ticketId),
      );
      const all = await reviewCandidates(this.store, rules);
      const fresh = all.filter((c) => !queued.has(c.ticket_id));
      const load = await this.reviewerLoad(manager);
      const dueOn = addDays(dueInDays);
      const byRule = Object.fromEntries(reviewRules.map((r) => [r, 0])) as Record<ReviewRule, number>;
      const items: ReviewQueueItem[] = [];
      for (const c of fresh) {
        const assignee = this.leastLoaded(load);
        items.push(
          manager.create(ReviewQueueItem, {
            ticketId: c.ticket_id,
            rule: c.rule,
            month: rules.month,
            agentId: c.agent_id,
            channel: c.channel,
            overall: c.overall,
            assignee,
            dueOn,
            status: 'open',
            createdBy: actor,
          }),
        );
        byRule[c.rule] += 1;
      }
      const saved = items.length > 0 ? await manager.save(items, { chunk: 500 }) : [];
      await manager.save(
        manager.create(AuditLogEntry, {
          actor,
          action: 'review-queue.fill',
          entityType: 'review_queue',
          entityId: rules.month,
          details: { rules: input, added: saved.length, byRule, alreadyQueued: all.length - fresh.length },
        }),
      );
      const now = today();
      return {
        added: saved.length,
        byRule,
        alreadyQueued: all.length - fresh.length,
        items: saved.map((item) => queueItemDto(item, now)),
      };
    });
  }

  /** Open items per active reviewer (role qa), every reviewer present even at zero. */
  private async reviewerLoad(manager: EntityManager): Promise<Map<string, number>> {
    const reviewers = await manager
      .getRepository(User)
      .createQueryBuilder('u')
      .where(`'qa' = ANY(u.roles) AND NOT u.disabled`)
      .orderBy('u.username', 'ASC')
      .getMany();
    const load = new Map(reviewers.map((u) => [u.username, 0]));
    const open = await manager
      .getRepository(ReviewQueueItem)
      .createQueryBuilder('q')
      .select('q.assignee', 'assignee')
      .addSelect('count(*)::int', 'n')
      .where(`q.status = 'open' AND q.assignee IS NOT NULL`)
      .groupBy('q.assignee')
      .getRawMany<{ assignee: string; n: number }>();
    for (const { assignee, n } of open) {
      if (load.has(assignee)) {
        load.set(assignee, n);
      }
    }
    return load;
  }

  /** The reviewer with the fewest open items (ties: first by user name); counts the new item in. */
  private leastLoaded(load: Map<string, number>): string | null {
    let best: string | null = null;
    for (const [name, n] of load) {
      if (best === null || n < (load.get(best) ?? 0)) {
        best = name;
      }
    }
    if (best !== null) {
      load.set(best, (load.get(best) ?? 0) + 1);
    }
    return best;
  }
}
