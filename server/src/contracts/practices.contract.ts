import { z } from 'zod';
import {
  practiceCaseGroups,
  practiceCaseOutcomes,
} from '../../../etl/src/practices/practice-cases.queries.js';
import { from, fromAfterTo, fromNotAfterTo, to } from './date-range.contract.js';

export type {
  PracticeCase,
  PracticeCaseGroup,
  PracticeCaseOrder,
  PracticeCaseOutcome,
  PracticeCasesPage,
} from '../../../etl/src/practices/practice-cases.queries.js';
export type {
  CaseShare,
  DiffInDiff,
  EscalationRate,
  FaqEffect,
  FaqPeriodFigures,
  OverturnChange,
  OverturnTrend,
  PracticeFigures,
  PracticeKind,
  PracticeMonth,
  PracticesReport,
} from '../../../etl/src/practices/practices.types.js';

/**
 * GET /api/practices and the `practices` job: a date range (both ends inclusive, UTC; either may be
 * left out), and the decided escalations a practice needs to be judged (default: the rubric's
 * minimum_volume). Ranges are whole days and may cut a month.
 */
export const practicesQuerySchema = z
  .object({
    from,
    to,
    minimumVolume: z.coerce
      .number({ error: 'minimumVolume must be a whole number of at least 1' })
      .int('minimumVolume must be a whole number of at least 1')
      .min(1, 'minimumVolume must be a whole number of at least 1')
      .optional(),
  })
  .refine(fromNotAfterTo, fromAfterTo);

export type PracticesQuery = z.infer<typeof practicesQuerySchema>;

/**
 * GET /api/practices/faq-effect: the practice an FAQ update was about (`policy:<name>` or
 * `category:<name>`), the day it was published, and optionally the limits of the data to compare.
 */
export const faqEffectQuerySchema = z
  .object({
    practice: z
      .string({ error: 'practice must be written policy:<name> or category:<name>' })
      .regex(/^(policy|category):.+$/, 'practice must be written policy:<name> or category:<name>'),
    publishedAt: z.iso.date({ error: 'publishedAt must be a date written YYYY-MM-DD' }),
    from,
    to,
  })
  .refine(fromNotAfterTo, fromAfterTo);

export type FaqEffectQuery = z.infer<typeof faqEffectQuerySchema>;

const practiceOrOthersMessage =
  'practice must be written policy:<name> or category:<name>, or others:<practice> for the control';
const practiceOrOthers = z
  .string({ error: practiceOrOthersMessage })
  .regex(/^(others:)?(policy|category):.+$/, practiceOrOthersMessage);

/**
 * GET /api/practices/cases: the escalated cases behind a practice's figure (or, with
 * `others:<practice>`, every other practice's: the control): its range, optionally one month
 * (YYYY-MM), some outcomes and one of the report's groups, a page of them, oldest first escalation first or highest
 * level first.
 */
export const practiceCasesQuerySchema = z
  .object({
    practice: practiceOrOthers,
    from,
    to,
    month: z
      .string({ error: 'month must be written YYYY-MM' })
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be written YYYY-MM')
      .optional(),
    outcome: z
      .enum(practiceCaseOutcomes, { error: `outcome must be one of ${practiceCaseOutcomes.join(', ')}` })
      .default('any'),
    group: z
      .enum(practiceCaseGroups, { error: `group must be one of ${practiceCaseGroups.join(', ')}` })
      .optional(),
    order: z.enum(['first', 'level'], { error: 'order must be first or level' }).default('first'),
    limit: z.coerce
      .number({ error: 'limit must be a whole number from 1 to 500' })
      .int('limit must be a whole number from 1 to 500')
      .min(1, 'limit must be a whole number from 1 to 500')
      .max(500, 'limit must be a whole number from 1 to 500')
      .default(50),
    offset: z.coerce
      .number({ error: 'offset must be a whole number of at least 0' })
      .int('offset must be a whole number of at least 0')
      .min(0, 'offset must be a whole number of at least 0')
      .default(0),
  })
  .refine(fromNotAfterTo, fromAfterTo);

export type PracticeCasesQuery = z.infer<typeof practiceCasesQuerySchema>;
