import type {
  PracticeCaseGroup,
  PracticeCaseOutcome,
} from '../../../../server/src/contracts/practices.contract.js';
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

const GROUP_LABELS: Record<PracticeCaseGroup, string> = {
  reached_l3: 'cases that reached level 3 or 4',
  dissatisfied: 'dissatisfied cases (surveyed below 50)',
  repeat_contact: 'repeat-contact cases (reopened or called more than once)',
  decided: 'decided cases (upheld, overturned or partial)',
  overturned_or_partial: 'overturned or partial cases',
};

/**
 * The heading of a cases list: 'Overturned or partial cases first escalated in March 2026', and
 * 'of the other practices' for the control.
 */
export function casesHeading(
  selection: {
    month: string | null;
    outcome: PracticeCaseOutcome | null;
    group?: PracticeCaseGroup | null;
    control?: boolean;
  },
  total: number | null,
): string {
  const { month, outcome, group, control } = selection;
  const filtered = outcome && outcome !== 'any' ? `, ${SELECTION_LABELS[outcome]}` : '';
  const what = `${group ? `${GROUP_LABELS[group]}${filtered}` : SELECTION_LABELS[outcome ?? 'any']}${control ? ' of the other practices' : ''}`;
  const when = month ? ` first escalated in ${monthName(month)}` : ' in the range';
  const count = total === null ? '' : ` (${total.toLocaleString('en-GB')})`;
  return `${what.charAt(0).toUpperCase()}${what.slice(1)}${when}${count}`;
}
