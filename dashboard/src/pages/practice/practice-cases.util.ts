import type { PracticeCaseOutcome } from '../../../../server/src/contracts/practices.contract.js';
import { monthName } from '../../lib/format/format-month.js';

/** A case's outcome as the tables show it. */
export function outcomeLabel(outcome: string | null): string {
  return outcome ?? 'none recorded';
}

const SELECTION_LABELS: Record<PracticeCaseOutcome, string> = {
  any: 'escalated cases',
  decided: 'decided cases (upheld, overturned or partial)',
  overturned_or_partial: 'overturned or partial cases',
  upheld: 'upheld cases',
  overturned: 'overturned cases',
  partial: 'partial cases',
  withdrawn: 'withdrawn cases',
  none: 'cases with no outcome recorded',
};

/** The heading of a cases list: 'Overturned or partial cases first escalated in March 2026'. */
export function casesHeading(
  month: string | null,
  outcome: PracticeCaseOutcome | null,
  total: number | null,
): string {
  const what = SELECTION_LABELS[outcome ?? 'any'];
  const when = month ? ` first escalated in ${monthName(month)}` : ' in the range';
  const count = total === null ? '' : ` (${total.toLocaleString('en-GB')})`;
  return `${what.charAt(0).toUpperCase()}${what.slice(1)}${when}${count}`;
}
