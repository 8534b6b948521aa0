import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, IsNull } from 'typeorm';
import { caseDetail, DuckDbStore, firedRules, stepElements } from '../../../../etl/src/index.js';
import { DomainError } from '../../common/domain-error.js';
import {
  type AgreementReport,
  type ExportReviewsQuery,
  type ReviewDto,
  type ReviewedElement,
  type ReviewItemDto,
  type ReviewStandard,
  reviewedElements,
  reviewStandards,
  type SubmitReview,
} from '../../contracts/reviews.contract.js';
import { AuditLogEntry } from '../audit/audit-log.entity.js';
import type { RequestUser } from '../auth/auth-request.type.js';
import { agreementReport } from './agreement.util.js';
import { Review, ReviewElementLabel, ReviewScore } from './review.entity.js';
import { csvTable } from './review-csv.util.js';
import { queueItemDto } from './review-queue.service.js';
import { ReviewQueueItem } from './review-queue-item.entity.js';

function reviewDto(r: Review): ReviewDto {
  const order = (s: ReviewScore) => reviewStandards.indexOf(s.standard as ReviewStandard);
  return {
    id: r.id,
    queueItemId: r.queueItemId,
    ticketId: r.ticketId,
    reviewer: r.reviewer,
    openedAt: r.openedAt?.toISOString() ?? null,
    submittedAt: r.submittedAt.toISOString(),
    comments: r.comments,
    scores: [...r.scores]
      .sort((a, b) => order(a) - order(b))
      .map((s) => ({
        standard: s.standard as ReviewStandard,
        automatic: s.automatic,
        human: s.human,
        overridden: s.overridden,
        reason: s.reason,
      })),
    elements: [...(r.elements ?? [])]
      .sort(
        (a, b) =>
          a.stepNo - b.stepNo ||
          reviewedElements.indexOf(a.element as ReviewedElement) -
            reviewedElements.indexOf(b.element as ReviewedElement),
      )
      .map((e) => ({
        stepNo: e.stepNo,
        element: e.element as ReviewedElement,
        detected: e.detected,
        present: e.present,
      })),
  };
}

/** What the detectors found per step of a ticket, by step number. */
type DetectedSteps = Map<number, Record<ReviewedElement, boolean | null>>;

/**
 * The review form: one queued case with its automatic scores and evidence (from DuckDB's caseDetail),
 * and the reviewer's submission, stored with every override and audited in one transaction.
 */
@Injectable()
export class ReviewFormService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DuckDbStore) private readonly store: DuckDbStore,
  ) {}

  /** The form for item `id`; the assignee's first look starts the review's clock. */
  async get(id: string, user: RequestUser): Promise<ReviewItemDto> {
    const item = await this.find(id);
    if (item.assignee === user.username && item.openedAt === null) {
      item.openedAt = new Date();
      await this.dataSource
        .getRepository(ReviewQueueItem)
        .update({ id, openedAt: IsNull() }, { openedAt: item.openedAt });
    }
    const detail = await caseDetail(this.store, item.ticketId);
    if (!detail) {
      throw new DomainError(`Not found: ticket ${item.ticketId} is no longer in the store`, 'NOT_FOUND');
    }
    const review = await this.dataSource
      .getRepository(Review)
      .findOne({ where: { queueItemId: id }, relations: { scores: true, elements: true } });
    const audit = review
      ? await this.dataSource.getRepository(AuditLogEntry).find({
          where: { entityType: 'review', entityId: review.id },
          order: { at: 'ASC', id: 'ASC' },
        })
      : [];
    return {
      item: queueItemDto(item),
      standards: reviewStandards.map((standard) => ({
        standard,
        automatic: (detail.score?.[standard] as number | null | undefined) ?? null,
        evidence: detail.evidence.filter((e) => e.standard === standard),
      })),
      detail,
      review: review ? reviewDto(review) : null,
      audit: audit.map((entry) => ({
        at: entry.at.toISOString(),
        actor: entry.actor,
        action: entry.action,
        details: entry.details,
      })),
    };
  }

  /** Stores the assignee's review of an open item, marks it done and audits the submission and each override. */
  async submit(id: string, input: SubmitReview, user: RequestUser): Promise<ReviewDto> {
    const ticketId = (await this.find(id)).ticketId;
    const [score] = await this.store.all<Record<ReviewStandard, number | null>>(
      `SELECT ${reviewStandards.join(', ')} FROM case_scores WHERE ticket_id = $t`,
      { t: ticketId },
    );
    const detected = await this.detectedSteps(ticketId);
    const unknown = input.elements.findIndex((e) => !detected.has(e.stepNo));
    if (unknown >= 0) {
      throw new DomainError(
        `elements.${unknown}.stepNo: ${ticketId} has no escalation step ${input.elements[unknown]?.stepNo} (its steps: ${[...detected.keys()].join(', ') || 'none'})`,
        'INVALID_BODY',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const item = await manager.findOne(ReviewQueueItem, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!item) {
        throw new DomainError(`Not found: review queue item ${id}`, 'NOT_FOUND');
      }
      if (item.assignee !== user.username) {
        throw new DomainError(
          `Forbidden: this case is assigned to ${item.assignee ?? 'nobody'}; only the assignee submits its review`,
          'FORBIDDEN',
        );
      }
      if (item.status !== 'open') {
        throw new DomainError(`Conflict: the review of ${item.ticketId} was already submitted`, 'CONFLICT');
      }
      const review = manager.create(Review, {
        queueItemId: item.id,
        ticketId: item.ticketId,
        reviewer: user.username,
        openedAt: item.openedAt,
        comments: input.comments,
        scores: input.scores.map((s) => {
          const automatic = score?.[s.standard] ?? null;
          return manager.create(ReviewScore, {
            standard: s.standard,
            automatic,
            human: s.override ? (s.score ?? null) : automatic,
            overridden: s.override,
            reason: s.override ? (s.reason ?? null) : s.reason || null,
          });
        }),
        elements: input.elements.flatMap((step) =>
          reviewedElements.map((element) =>
            manager.create(ReviewElementLabel, {
              stepNo: step.stepNo,
              element,
              detected: detected.get(step.stepNo)?.[element] ?? null,
              present: step.labels[element],
            }),
          ),
        ),
      });
      const saved = await manager.save(review);
      item.status = 'done';
      await manager.save(item);
      const audit = (action: string, details: Record<string, unknown>) =>
        manager.create(AuditLogEntry, {
          actor: user.username,
          action,
          entityType: 'review',
          entityId: saved.id,
          details,
        });
      await manager.save([
        audit('review.submit', {
          ticketId: item.ticketId,
          queueItemId: item.id,
          overrides: saved.scores.filter((s) => s.overridden).length,
          // how many element judgments, and how many of them differ from what the detectors found
          elements: saved.elements.length,
          corrected: saved.elements.filter((e) => e.detected !== null && e.detected !== e.present).length,
        }),
        ...saved.scores
          .filter((s) => s.overridden)
          .map((s) =>
            audit('review.override', {
              ticketId: item.ticketId,
              standard: s.standard,
              automatic: s.automatic,
              human: s.human,
              reason: s.reason,
            }),
          ),
      ]);
      return reviewDto(saved);
    });
  }

  /** Automatic against human scores over every submitted review. */
  async agreement(): Promise<AgreementReport> {
    const rows = await this.dataSource
      .getRepository(ReviewScore)
      .createQueryBuilder('s')
      .innerJoin('s.review', 'r')
      .select(['r.ticket_id AS "ticketId"', 's.standard AS standard', 's.automatic AS automatic'])
      .addSelect(['s.human AS human', 's.overridden AS overridden'])
      .getRawMany<{
        ticketId: string;
        standard: string;
        automatic: number | null;
        human: number | null;
        overridden: boolean;
      }>();
    const fired = await firedRules(
      this.store,
      rows.map((r) => r.ticketId),
    );
    return agreementReport(rows, fired);
  }

  /** Every submitted review as CSV, one row per review and standard, oldest first. */
  async exportCsv(query: ExportReviewsQuery): Promise<string> {
    const rows = await this.dataSource.query(
      `SELECT r.id AS review_id, r.ticket_id, q.rule, r.reviewer, r.opened_at, r.submitted_at, s.standard,
              s.automatic, s.human, s.overridden, s.reason, r.comments
       FROM reviews r JOIN review_scores s ON s.review_id = r.id JOIN review_queue_items q ON q.id = r.queue_item_id
       WHERE ($1::text IS NULL OR r.reviewer = $1)
       ORDER BY r.submitted_at, r.id, array_position($2::text[], s.standard)`,
      [query.reviewer ?? null, [...reviewStandards]],
    );
    const columns = [
      'review_id',
      'ticket_id',
      'rule',
      'reviewer',
      'opened_at',
      'submitted_at',
      'standard',
      'automatic',
      'human',
      'overridden',
      'reason',
      'comments',
    ] as const;
    return csvTable(columns, rows);
  }

  /** Every escalation step of `ticketId` with the elements the last scoring run found in its note. */
  private async detectedSteps(ticketId: string): Promise<DetectedSteps> {
    const steps = await stepElements(this.store, [ticketId], reviewedElements);
    return new Map(steps.map((s) => [s.step_no, s.detected]));
  }

  /**
   * Every element judgment of every submitted review as labelled steps, one JSON line per reviewed
   * step, in the shape of fixtures/labelled/ (`id`, `split`, `note`, `labels`, `comment`), so that
   * `eqa train-detectors` and `eqa choose-thresholds` read them as they are. The split is `review`.
   */
  async elementLabelsJsonl(): Promise<string> {
    const rows = await this.dataSource.query(
      `SELECT r.id AS review_id, r.ticket_id, r.reviewer, r.submitted_at, l.step_no,
              jsonb_object_agg(l.element, l.present) AS labels
       FROM reviews r JOIN review_element_labels l ON l.review_id = r.id
       GROUP BY r.id, r.ticket_id, r.reviewer, r.submitted_at, l.step_no
       ORDER BY r.submitted_at, r.id, l.step_no`,
    );
    if (!rows.length) {
      return '';
    }
    const steps = await stepElements(
      this.store,
      rows.map((r: { ticket_id: string }) => r.ticket_id),
      reviewedElements,
    );
    const noteOf = new Map(steps.map((n) => [`${n.ticket_id}#${n.step_no}`, n.note]));
    return rows
      .map(
        (r: {
          review_id: string;
          ticket_id: string;
          reviewer: string;
          submitted_at: Date;
          step_no: number;
          labels: Record<string, boolean>;
        }) =>
          `${JSON.stringify({
            id: `${r.ticket_id}#${r.step_no}@${r.review_id}`,
            split: 'review',
            note: noteOf.get(`${r.ticket_id}#${r.step_no}`) ?? null,
            labels: Object.fromEntries(reviewedElements.map((e) => [e, Boolean(r.labels[e])])),
            comment: `reviewed by ${r.reviewer} on ${r.submitted_at.toISOString().slice(0, 10)}`,
          })}\n`,
      )
      .join('');
  }

  private async find(id: string): Promise<ReviewQueueItem> {
    const item = await this.dataSource.getRepository(ReviewQueueItem).findOneBy({ id });
    if (!item) {
      throw new DomainError(`Not found: review queue item ${id}`, 'NOT_FOUND');
    }
    return item;
  }
}
