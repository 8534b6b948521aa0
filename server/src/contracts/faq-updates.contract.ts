import { z } from 'zod';
import { type FaqUpdateStatus, faqUpdateStatuses } from './faq-update-status.contract.js';

export {
  canMoveFaqUpdate,
  type FaqUpdateStatus,
  faqUpdateStatuses,
  faqUpdateTransitions,
  publishedStatuses,
} from './faq-update-status.contract.js';

/** One FAQ update as the API sends it; timestamps are ISO 8601 (UTC), publishedAt a calendar day. */
export interface FaqUpdateDto {
  id: string;
  /** `policy:<name>` or `category:<name>`. */
  practice: string;
  title: string;
  guidanceMarkdown: string;
  evidenceTicketIds: string[];
  owner: string;
  status: FaqUpdateStatus;
  /** YYYY-MM-DD; set by publishing (today unless given), may be planned before. */
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Starts at 1 and grows with every change; a PATCH must send the version it read. */
  version: number;
}

/** One audit-log row of an FAQ update: who did what, when, and the fields before and after. */
export interface FaqUpdateHistoryEntry {
  at: string;
  actor: string;
  /** `faq-update.create`, `faq-update.edit`, `faq-update.submit`, `faq-update.return-to-draft`, `faq-update.publish`, `faq-update.retire`. */
  action: string;
  details: {
    version: number;
    changed: string[];
    before: Record<string, unknown> | null;
    after: Record<string, unknown>;
  };
}

const practice = z
  .string({ error: 'practice must be written policy:<name> or category:<name>' })
  .trim()
  .regex(/^(policy|category):.+$/, 'practice must be written policy:<name> or category:<name>');
const title = z
  .string({ error: 'title must be text' })
  .trim()
  .min(1, 'title must not be empty')
  .max(200, 'title must be at most 200 characters');
const guidanceMarkdown = z
  .string({ error: 'guidanceMarkdown must be text' })
  .max(50_000, 'guidanceMarkdown must be at most 50,000 characters');
const evidenceTicketIds = z
  .array(
    z
      .string({ error: 'evidenceTicketIds must hold ticket ids' })
      .trim()
      .min(1, 'evidenceTicketIds must not hold an empty ticket id')
      .max(200, 'a ticket id in evidenceTicketIds is too long'),
    { error: 'evidenceTicketIds must be a list of ticket ids' },
  )
  .max(500, 'evidenceTicketIds must hold at most 500 ticket ids')
  // The same case cited twice is one piece of evidence.
  .transform((ids) => [...new Set(ids)]);
const owner = z
  .string({ error: 'owner must be text' })
  .trim()
  .min(1, 'owner must not be empty')
  .max(100, 'owner must be at most 100 characters');
const publishedAt = z.iso.date({ error: 'publishedAt must be a date written YYYY-MM-DD' });

/** POST /api/faq-updates: a new FAQ update starts as a draft; owner defaults to whoever creates it. */
export const createFaqUpdateSchema = z.strictObject({
  practice,
  title,
  guidanceMarkdown: guidanceMarkdown.default(''),
  evidenceTicketIds: evidenceTicketIds.default([]),
  owner: owner.optional(),
  publishedAt: publishedAt.optional(),
});

export type CreateFaqUpdate = z.infer<typeof createFaqUpdateSchema>;

/**
 * PATCH /api/faq-updates/:id: the version read (optimistic concurrency: a stale one is a 409), the
 * fields to change, and optionally a new status (moves in faqUpdateTransitions only). Publishing
 * sets publishedAt to the given day, else the one already planned, else today.
 */
export const updateFaqUpdateSchema = z.strictObject({
  version: z
    .number({ error: 'version must be the whole number the FAQ update was read with' })
    .int('version must be the whole number the FAQ update was read with')
    .min(1, 'version must be the whole number the FAQ update was read with'),
  practice: practice.optional(),
  title: title.optional(),
  guidanceMarkdown: guidanceMarkdown.optional(),
  evidenceTicketIds: evidenceTicketIds.optional(),
  owner: owner.optional(),
  status: z
    .enum(faqUpdateStatuses, { error: `status must be one of ${faqUpdateStatuses.join(', ')}` })
    .optional(),
  publishedAt: publishedAt.nullable().optional(),
});

export type UpdateFaqUpdate = z.infer<typeof updateFaqUpdateSchema>;

/** GET /api/faq-updates: optionally one practice's, and of one status. */
export const listFaqUpdatesQuerySchema = z.object({
  practice: practice.optional(),
  status: z
    .enum(faqUpdateStatuses, { error: `status must be one of ${faqUpdateStatuses.join(', ')}` })
    .optional(),
});

export type ListFaqUpdatesQuery = z.infer<typeof listFaqUpdatesQuerySchema>;

/** /api/faq-updates/:id */
export const faqUpdateParamsSchema = z.object({
  id: z.uuid({ error: 'id must be the UUID of an FAQ update' }),
});
