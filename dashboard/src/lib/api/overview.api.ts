import type {
  OverviewSummary,
  weeklyEscalationColumns,
  weeklyResolutionColumns,
} from '../../../../server/src/contracts/overview.contract.js';
import type { DateRange } from '../filters/date-range.codec.js';
import type { ColumnKind, DecodedColumns } from './arrow.js';
import { getArrowColumns, getJson } from './client.js';

// `satisfies` ties these to the contract's column lists at compile time without bundling its zod code.
const escalationSpec = {
  week: 'utf8',
  level: 'int32',
  escalations: 'int32',
} as const satisfies Record<(typeof weeklyEscalationColumns)[number], ColumnKind>;

const resolutionSpec = {
  week: 'utf8',
  due: 'int32',
  resolved_within_30_days: 'int32',
} as const satisfies Record<(typeof weeklyResolutionColumns)[number], ColumnKind>;

export type WeeklyEscalations = DecodedColumns<typeof escalationSpec>['columns'];
export type WeeklyResolution = DecodedColumns<typeof resolutionSpec>['columns'];

/** Everything the Overview shows for one date range. */
export interface OverviewData {
  summary: OverviewSummary;
  escalations: WeeklyEscalations;
  resolution: WeeklyResolution;
}

/** Loads the Overview's summary and both weekly series for a range, in parallel. */
export async function fetchOverview(range: DateRange, signal?: AbortSignal): Promise<OverviewData> {
  const params = { from: range.from, to: range.to };
  const [summary, escalations, resolution] = await Promise.all([
    getJson<OverviewSummary>('/api/overview', params, signal),
    getArrowColumns('/api/overview/escalations-weekly.arrow', escalationSpec, params, signal),
    getArrowColumns('/api/overview/resolution-weekly.arrow', resolutionSpec, params, signal),
  ]);
  return { summary, escalations: escalations.columns, resolution: resolution.columns };
}
