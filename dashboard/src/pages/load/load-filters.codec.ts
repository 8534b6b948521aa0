import type { TierLoadCaseGroup } from '../../../../server/src/contracts/load.contract.js';
import { isIsoDate } from '../../lib/dates/iso-date.util.js';
import type { FilterCodec } from '../../lib/filters/filter-codec.type.js';
import { setOrDelete } from '../../lib/filters/set-or-delete.util.js';

/** The figures whose cases can be listed, in the server's order (tierLoadCaseGroups), with their names. */
export const CASE_GROUPS: readonly { value: TierLoadCaseGroup; label: string }[] = [
  { value: 'arrived', label: 'Arrived' },
  { value: 'arrived_new', label: 'Arrived new' },
  { value: 'arrived_escalated', label: 'Escalated in' },
  { value: 'arrived_returned', label: 'Returned from above' },
  { value: 'arrived_reopened', label: 'Reopened' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'escalated_up', label: 'Escalated up' },
  { value: 'de_escalated', label: 'De-escalated' },
  { value: 'open', label: 'Open at the end' },
  { value: 'upheld', label: 'Upheld unchanged' },
  { value: 'within_authority', label: 'Within a lower tier’s authority' },
];

const GROUPS: readonly string[] = CASE_GROUPS.map((g) => g.value);

/** `?level=3`: the tier whose weeks are drawn; null: the page's default (the first management tier). */
export const levelCodec: FilterCodec<number | null> = {
  parse(params) {
    const level = params.get('level')?.trim() ?? '';
    return /^[1-4]$/.test(level) ? Number(level) : null;
  },
  write(params, value) {
    setOrDelete(params, 'level', value === null ? null : String(value));
  },
};

/** `?day=1999-01-01`: the day the staffing charts show hour by hour; null: the range's busiest. */
export const dayCodec: FilterCodec<string | null> = {
  parse(params) {
    const day = params.get('day')?.trim() ?? '';
    return isIsoDate(day) ? day : null;
  },
  write(params, value) {
    setOrDelete(params, 'day', value);
  },
};

/**
 * The cases listed under the charts: `?group=open` (the figure), `?week=2026-03-02` (one week's,
 * else the range's) and `?offset=50` (the list's page); without a group no list is open.
 */
export interface CaseSelection {
  readonly group: TierLoadCaseGroup | null;
  readonly week: string | null;
  readonly offset: number;
}

export const NO_CASES: CaseSelection = { group: null, week: null, offset: 0 };

export const caseSelectionCodec: FilterCodec<CaseSelection> = {
  parse(params) {
    const group = params.get('group')?.trim() ?? '';
    const week = params.get('week')?.trim() ?? '';
    const offset = params.get('offset')?.trim() ?? '';
    return {
      group: GROUPS.includes(group) ? (group as TierLoadCaseGroup) : null,
      week: isIsoDate(week) && new Date(`${week}T00:00:00Z`).getUTCDay() === 1 ? week : null,
      offset: /^\d{1,9}$/.test(offset) ? Number(offset) : 0,
    };
  },
  write(params, value) {
    setOrDelete(params, 'group', value.group);
    setOrDelete(params, 'week', value.week);
    setOrDelete(params, 'offset', value.offset > 0 ? String(value.offset) : null);
  },
};
