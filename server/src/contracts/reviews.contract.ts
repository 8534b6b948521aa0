import { z } from 'zod';
import type { CaseDetail, EvidenceItem } from '../../../etl/src/index.js';
import { handoverElements } from '../../../etl/src/scoring/rubric/rubric.schema.js';
import type { Role } from './auth.contract.js';
import { from, fromAfterTo, fromNotAfterTo, to } from './date-range.contract.js';

/** Why a case was queued for review: the sampling rule that picked it first. */
export const reviewRules = ['level4', 'dissatisfied', 'outlier', 'lowest_overall', 'random_quota'] as const;

export type ReviewRule = (typeof reviewRules)[number];

/** One case waiting for (or given) a human review; dueOn is a calendar day, overdue is computed today (UTC). */
export interface ReviewQueueItemDto {
  id: string;
  ticketId: string;
  rule: ReviewRule;
  month: string;
  agentId: string | null;
  channel: string | null;
  /** The automatic overall score when the case was queued. */
  overall: number | null;
  /** The reviewer's user name; null when no active user had the qa role at fill time. */
  assignee: string | null;
  dueOn: string;
  status: 'open' | 'done';
  overdue: boolean;
  createdAt: string;
  createdBy: string;
}

/** What one fill added, per rule. */
export interface FillQueueResult {
  added: number;
  byRule: Record<ReviewRule, number>;
  /** Cases the rules picked that were already queued (any month), left alone. */
  alreadyQueued: number;
  items: ReviewQueueItemDto[];
}

const count = (name: string, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(0, `${name} must be at least 0`)
    .max(max, `${name} must be at most ${max}`);

/** The sampling rules a lead sets for one month, and how long reviewers get. */
export const fillQueueSchema = z.object({
  month: z
    .string({ error: 'month must be YYYY-MM' })
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM'),
  randomPerAgentChannel: count('randomPerAgentChannel', 100).default(2),
  lowestOverall: count('lowestOverall', 1000).default(10),
  level4: z.boolean({ error: 'level4 must be true or false' }).default(true),
  dissatisfiedBelow: z.number().min(0).max(100).nullable().default(50),
  outlierSd: z.number().positive('outlierSd must be above 0').max(10).nullable().default(2),
  seed: count('seed', 2_147_483_647).default(1),
  dueInDays: count('dueInDays', 365).default(7),
});

export type FillQueue = z.infer<typeof fillQueueSchema>;

/** GET /api/reviews/queue: only my items (`mine=true`), an assignee's, a status, only overdue ones. */
export const listQueueQuerySchema = z.object({
  mine: z.enum(['true', 'false']).optional(),
  assignee: z.string().min(1).optional(),
  status: z.enum(['open', 'done']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});

export type ListQueueQuery = z.infer<typeof listQueueQuerySchema>;

/** The four QA standards a reviewer confirms or overrides, as case_scores names them. */
export const reviewStandards = [
  'right_department',
  'assessment_quality',
  'satisfaction',
  'resolution',
] as const;

export type ReviewStandard = (typeof reviewStandards)[number];

/**
 * The handover elements a reviewer judges in each step's note: the detectors' note elements (the
 * customer repeating themselves is judged on the call after, not the note).
 */
export const reviewedElements = handoverElements;

export type ReviewedElement = (typeof reviewedElements)[number];

/** A reviewer's judgment of one element of one step, beside what the detectors found. */
export interface ReviewElementLabelDto {
  stepNo: number;
  element: ReviewedElement;
  /** What the detectors found when the review was submitted; null when the step was not scored. */
  detected: boolean | null;
  present: boolean;
}

/** One standard's decision in a submitted review. */
export interface ReviewScoreDto {
  standard: ReviewStandard;
  automatic: number | null;
  human: number | null;
  overridden: boolean;
  reason: string | null;
}

export interface ReviewDto {
  id: string;
  queueItemId: string;
  ticketId: string;
  reviewer: string;
  openedAt: string | null;
  submittedAt: string;
  comments: string;
  scores: ReviewScoreDto[];
  elements: ReviewElementLabelDto[];
}

export const queueItemParamsSchema = z.object({ id: z.uuid('id must be a UUID') });

/**
 * A review: every standard once, either confirmed (`override: false`, the automatic score stands) or
 * overridden with a 0–100 score and a reason.
 */
export const submitReviewSchema = z
  .object({
    scores: z
      .array(
        z
          .object({
            standard: z.enum(reviewStandards, {
              error: `standard must be one of ${reviewStandards.join(', ')}`,
            }),
            override: z.boolean({ error: 'override must be true or false' }),
            score: z.number().min(0, 'score must be 0–100').max(100, 'score must be 0–100').optional(),
            reason: z.string().trim().max(2000).optional(),
          })
          .refine((s) => !s.override || s.score !== undefined, {
            message: 'an override needs a score',
            path: ['score'],
          })
          .refine((s) => !s.override || (s.reason ?? '').length > 0, {
            message: 'an override needs a reason',
            path: ['reason'],
          }),
      )
      .length(
        reviewStandards.length,
        `scores must hold each of the ${reviewStandards.length} standards once`,
      ),
    comments: z.string().max(10_000).default(''),
    // optional: per escalation step, whether the note holds each element (all six, or the step is left out)
    elements: z
      .array(
        z.object({
          stepNo: z
            .number({ error: 'stepNo must be a step number' })
            .int('stepNo must be a whole number')
            .min(1, 'stepNo must be 1 or more'),
          labels: z.strictObject(
            Object.fromEntries(
              reviewedElements.map((e) => [e, z.boolean({ error: `${e} must be true or false` })]),
            ) as Record<ReviewedElement, z.ZodBoolean>,
            { error: `labels must give each of ${reviewedElements.join(', ')} as true or false` },
          ),
        }),
      )
      .max(100, 'elements may judge at most 100 steps')
      .default([]),
  })
  .refine((r) => new Set(r.scores.map((s) => s.standard)).size === reviewStandards.length, {
    message: 'scores must hold each standard once',
    path: ['scores'],
  })
  .refine((r) => new Set(r.elements.map((e) => e.stepNo)).size === r.elements.length, {
    message: 'elements must judge each step once',
    path: ['elements'],
  });

export type SubmitReview = z.infer<typeof submitReviewSchema>;

/** One audit-log row about a review (`review.submit`, `review.override`): who, when, what. */
export interface ReviewAuditEntry {
  at: string;
  actor: string;
  action: string;
  details: Record<string, unknown> | null;
}

/**
 * The review form: the queue item, each standard's automatic score and evidence, the whole case, and
 * once submitted the review with its audit-log rows, oldest first.
 */
export interface ReviewItemDto {
  item: ReviewQueueItemDto;
  standards: { standard: ReviewStandard; automatic: number | null; evidence: EvidenceItem[] }[];
  detail: CaseDetail;
  review: ReviewDto | null;
  audit: ReviewAuditEntry[];
}

/** GET /api/reviews/reviewers: the active users who review (qa) or lead reviews (lead), for pickers. */
export interface ReviewerDto {
  username: string;
  displayName: string;
  roles: Role[];
}

const key = (name: string) =>
  z
    .string({ error: `${name} must be text` })
    .trim()
    .min(1, `${name} must not be empty`)
    .max(200)
    .optional();

/**
 * GET /api/reviews/cases.csv: which escalated cases, by first contact (inclusive UTC days), category,
 * department or team that handled them (as the Overview's breakdown credits them), reviewed or not.
 */
export const caseExportQuerySchema = z
  .object({
    from,
    to,
    category: key('category'),
    department: key('department'),
    team: key('team'),
    reviewed: z.enum(['true', 'false'], { error: 'reviewed must be true or false' }).optional(),
  })
  .refine(fromNotAfterTo, fromAfterTo);

export type CaseExportQuery = z.infer<typeof caseExportQuerySchema>;

/** How often reviewers overrode the automatic score, and by how much (mean |human − automatic|). */
export interface AgreementFigures {
  /** Reviewed standards (scores with both an automatic and a human value count in meanAbsDiff). */
  reviewed: number;
  overridden: number;
  /** overridden / reviewed; null with none reviewed. */
  overrideShare: number | null;
  meanAbsDiff: number | null;
}

/** GET /api/reviews/agreement: automatic against human, per standard and per evidence rule that fired. */
export interface AgreementReport {
  standards: (AgreementFigures & { standard: ReviewStandard })[];
  /** Sorted by override share, highest first: the rules that mislead most on top. */
  rules: (AgreementFigures & { rule: string; standard: string })[];
}

/** GET /api/reviews/workload: per reviewer (assignee), what is open, overdue and done, and time per review. */
export interface ReviewerWorkload {
  reviewer: string;
  open: number;
  overdue: number;
  done: number;
  /** Mean minutes from first opening the item to submitting its review; null with no timed review. */
  avgMinutesPerReview: number | null;
}

/** GET /api/reviews/export.csv: one row per review × standard, optionally one reviewer's. */
export const exportReviewsQuerySchema = z.object({ reviewer: z.string().min(1).optional() });

export type ExportReviewsQuery = z.infer<typeof exportReviewsQuerySchema>;
