import type {
  PracticeCaseGroup,
  PracticeCaseOutcome,
} from '../../../../server/src/contracts/practices.contract.js';
import type { FilterCodec } from '../../lib/filters/filter-codec.type.js';

/** The outcome filters of the cases list, in the order of its buttons (the server's practiceCaseOutcomes). */
export const CASE_OUTCOMES: readonly { value: PracticeCaseOutcome; label: string }[] = [
  { value: 'any', label: 'All escalated' },
  { value: 'decided', label: 'Decided' },
  { value: 'overturned_or_partial', label: 'Overturned or partial' },
  { value: 'upheld', label: 'Upheld' },
  { value: 'withdrawn', label: 'Withdrawn' },
  { value: 'none', label: 'No outcome' },
];

const GROUPS: readonly string[] = [
  'reached_l3',
  'dissatisfied',
  'repeat_contact',
  'decided',
  'overturned_or_partial',
];

const KEY = /^(policy|category):.+$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const OUTCOMES: readonly string[] = [
  'any',
  'decided',
  'overturned_or_partial',
  'upheld',
  'overturned',
  'partial',
  'withdrawn',
  'none',
];

/** `?key=policy:late_fee_policy`: which practice the page shows; null shows the list to pick from. */
export const practiceKeyCodec: FilterCodec<string | null> = {
  parse(params) {
    const key = params.get('key')?.trim() ?? '';
    return KEY.test(key) ? key : null;
  },
  write(params, value) {
    if (value === null) {
      params.delete('key');
    } else {
      params.set('key', value);
    }
  },
};

/**
 * The cases listed under the charts: `?month=2026-03` (a month's, within the range),
 * `?outcome=overturned_or_partial`, `?group=dissatisfied` (the cases behind one of the report's
 * figures), `?control=1` (every other practice's cases instead: the control) and `?offset=50` (the
 * list's page); with none of month, outcome, group and control, no list is open. A month alone lists
 * every escalated case of it.
 */
export interface CaseSelection {
  readonly month: string | null;
  readonly outcome: PracticeCaseOutcome | null;
  readonly group: PracticeCaseGroup | null;
  readonly control: boolean;
  readonly offset: number;
}

export const NO_CASES: CaseSelection = { month: null, outcome: null, group: null, control: false, offset: 0 };

export const caseSelectionCodec: FilterCodec<CaseSelection> = {
  parse(params) {
    const month = params.get('month')?.trim() ?? '';
    const outcome = params.get('outcome')?.trim() ?? '';
    const group = params.get('group')?.trim() ?? '';
    const offset = params.get('offset')?.trim() ?? '';
    return {
      month: MONTH.test(month) ? month : null,
      outcome: OUTCOMES.includes(outcome) ? (outcome as PracticeCaseOutcome) : null,
      group: GROUPS.includes(group) ? (group as PracticeCaseGroup) : null,
      control: params.get('control') === '1',
      offset: /^\d{1,9}$/.test(offset) ? Number(offset) : 0,
    };
  },
  write(params, value) {
    for (const key of ['month', 'outcome', 'group'] as const) {
      const v = value[key];
      if (v === null) {
        params.delete(key);
      } else {
        params.set(key, v);
      }
    }
    if (value.control) {
      params.set('control', '1');
    } else {
      params.delete('control');
    }
    if (value.offset > 0) {
      params.set('offset', String(value.offset));
    } else {
      params.delete('offset');
    }
  },
};
