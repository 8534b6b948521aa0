import type {
  LoadResponse,
  StaffingHour,
  StaffingReport,
  TierLoad,
  TierLoadCase,
  TierLoadCaseGroup,
  TierLoadCasesPage,
  TierStaffing,
  TierWeek,
} from '../../../../server/src/contracts/load.contract.js';
import type { DateRange } from '../filters/date-range.codec.js';
import { getJson } from './client.js';

export type {
  LoadResponse,
  StaffingHour,
  StaffingReport,
  TierLoad,
  TierLoadCase,
  TierLoadCaseGroup,
  TierLoadCasesPage,
  TierStaffing,
  TierWeek,
};

/** Each tier's weekly load over the range's whole weeks, and its staffing; `day` is shown hour by hour. */
export function fetchLoad(range: DateRange, day: string | null, signal?: AbortSignal): Promise<LoadResponse> {
  return getJson<LoadResponse>('/api/load', { from: range.from, to: range.to, day }, signal);
}

/** Which cases of a tier to list: the ones behind one figure, over one week or the range. */
export interface LoadCasesRequest {
  level: number;
  group: TierLoadCaseGroup;
  week: string | null;
  range: DateRange;
  limit: number;
  offset: number;
}

/** One page of the cases behind a tier's figure, newest stay first. */
export function fetchLoadCases(request: LoadCasesRequest, signal?: AbortSignal): Promise<TierLoadCasesPage> {
  return getJson<TierLoadCasesPage>(
    '/api/load/cases',
    {
      level: request.level,
      group: request.group,
      week: request.week,
      from: request.range.from,
      to: request.range.to,
      limit: request.limit,
      offset: request.offset,
    },
    signal,
  );
}
