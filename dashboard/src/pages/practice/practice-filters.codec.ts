import type { PracticeCaseOutcome } from '../../../../server/src/contracts/practices.contract.js';
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
 * The cases listed under the charts: `?month=2026-03` (a month's, within the range) and
 * `?outcome=overturned_or_partial`; with neither, no list is open. A month alone lists every
 * escalated case of it.
 */
export interface CaseSelection {
  readonly month: string | null;
  readonly outcome: PracticeCaseOutcome | null;
}

export const NO_CASES: CaseSelection = { month: null, outcome: null };

export const caseSelectionCodec: FilterCodec<CaseSelection> = {
  parse(params) {
    const month = params.get('month')?.trim() ?? '';
    const outcome = params.get('outcome')?.trim() ?? '';
    return {
      month: MONTH.test(month) ? month : null,
      outcome: OUTCOMES.includes(outcome) ? (outcome as PracticeCaseOutcome) : null,
    };
  },
  write(params, value) {
    for (const key of ['month', 'outcome'] as const) {
      const v = value[key];
      if (v === null) {
        params.delete(key);
      } else {
        params.set(key, v);
      }
    }
  },
};
