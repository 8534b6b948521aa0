import { z } from 'zod';
import { from, fromAfterTo, fromNotAfterTo, to } from './date-range.contract.js';

export type {
  DateRange,
  OverviewSummary,
  ResolutionShare,
} from '../../../etl/src/analytics/overview.types.js';

/**
 * The Overview's date filter. Both ends are calendar dates (UTC) and inclusive; either may be left
 * out, meaning "from the first" or "to the last" day of the data.
 */
export const overviewQuerySchema = z.object({ from, to }).refine(fromNotAfterTo, fromAfterTo);

export type OverviewQuery = z.infer<typeof overviewQuerySchema>;

/**
 * Columns of GET /api/overview/escalations-weekly.arrow (Arrow IPC stream), one row per ISO week
 * (Monday start, UTC) and level reached: week Utf8 'YYYY-MM-DD', level Int32, escalations Int32.
 */
export const weeklyEscalationColumns = ['week', 'level', 'escalations'] as const;

/**
 * Columns of GET /api/overview/resolution-weekly.arrow (Arrow IPC stream), one row per ISO week of
 * first contact: week Utf8, due Int32, resolved_within_30_days Int32.
 */
export const weeklyResolutionColumns = ['week', 'due', 'resolved_within_30_days'] as const;
