import { z } from 'zod';
import type { StaffingReport, TierLoadReport } from '../../../etl/src/load/load.types.js';
import { tierLoadCaseGroups } from '../../../etl/src/load/tier-load-cases.queries.js';
import { from, fromAfterTo, fromNotAfterTo, optionalDay, to } from './date-range.contract.js';

export type {
  ManagementTime,
  StaffingHour,
  StaffingReport,
  TierArrivals,
  TierLoad,
  TierLoadReport,
  TierStaffing,
  TierWeek,
} from '../../../etl/src/load/load.types.js';
export type {
  TierLoadCase,
  TierLoadCaseGroup,
  TierLoadCasesPage,
} from '../../../etl/src/load/tier-load-cases.queries.js';

/**
 * GET /api/load and the `load` job: a date range (both ends inclusive, UTC; either may be left out),
 * widened to the whole ISO weeks it touches; `day` is the day the staffing figures show hour by hour
 * (default: the busiest day of the range).
 */
export const loadQuerySchema = z
  .object({
    from,
    to,
    day: optionalDay('day'),
  })
  .refine(fromNotAfterTo, fromAfterTo);

export type LoadQuery = z.infer<typeof loadQuerySchema>;

/** GET /api/load/cases: the cases behind one figure of one tier, over one week or the range's weeks. */
export const loadCasesQuerySchema = z
  .object({
    level: z.coerce
      .number({ error: 'level must be a level from 1 to 4' })
      .int('level must be a level from 1 to 4')
      .min(1, 'level must be a level from 1 to 4')
      .max(4, 'level must be a level from 1 to 4'),
    group: z.enum(tierLoadCaseGroups, { error: `group must be one of ${tierLoadCaseGroups.join(', ')}` }),
    week: z.iso.date({ error: 'week must be a Monday written YYYY-MM-DD' }).optional(),
    from,
    to,
    limit: z.coerce
      .number({ error: 'limit must be a whole number from 1 to 200' })
      .int('limit must be a whole number from 1 to 200')
      .min(1, 'limit must be a whole number from 1 to 200')
      .max(200, 'limit must be a whole number from 1 to 200')
      .default(50),
    offset: z.coerce
      .number({ error: 'offset must be a whole number of at least 0' })
      .int('offset must be a whole number of at least 0')
      .min(0, 'offset must be a whole number of at least 0')
      .default(0),
  })
  .refine(fromNotAfterTo, fromAfterTo);

export type LoadCasesQuery = z.infer<typeof loadCasesQuerySchema>;

/** What GET /api/load and `eqa load --json` answer: each tier's weekly load and its staffing. */
export interface LoadResponse {
  load: TierLoadReport;
  staffing: StaffingReport;
}
