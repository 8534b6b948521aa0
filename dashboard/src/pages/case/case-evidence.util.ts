import type {
  CaseDetail,
  CaseScore,
  EvidenceItem,
  StandardKey,
  StepScore,
} from '../../../../server/src/contracts/standards.contract.js';
import type { HighlightSpan } from './highlight.util.js';

/** The four standards as the case API names them (snake_case columns), with the Overview's keys. */
export const CASE_STANDARDS: readonly {
  key: StandardKey;
  column: 'right_department' | 'assessment_quality' | 'satisfaction' | 'resolution';
  label: string;
}[] = [
  { key: 'rightDepartment', column: 'right_department', label: 'Right department' },
  { key: 'assessmentQuality', column: 'assessment_quality', label: 'Assessment quality' },
  { key: 'satisfaction', column: 'satisfaction', label: 'Satisfaction' },
  { key: 'resolution', column: 'resolution', label: 'Resolution' },
];

export type StandardColumn = (typeof CASE_STANDARDS)[number]['column'];

/** The six elements a handover note should hold, in the rubric's order, with their names for reading. */
export const HANDOVER_ELEMENTS = [
  ['problem', 'problem'],
  ['customer_ask', 'customer ask'],
  ['already_tried', 'already tried'],
  ['dispute_source', 'dispute source'],
  ['timeline', 'timeline'],
  ['severity', 'severity'],
] as const satisfies readonly (readonly [keyof StepScore, string])[];

/** An element's name for reading: 'customer_ask' → "customer ask". */
export function elementLabel(element: string): string {
  return element.replaceAll('_', ' ');
}

/** The element an evidence rule names ('element.customer_ask: ask-wants' → 'customer_ask'), or null. */
export function elementOf(rule: string): string | null {
  return /^element\.([a-z_]+)\s*:/.exec(rule)?.[1] ?? null;
}

/** How a reviewer should read an evidence row. */
export type Verdict = 'pass' | 'fail' | 'none';

/**
 * The row's verdict: its `passed` flag, except that a found "customer repeated" is a deduction (the
 * customer had to say it again), which the scorer records as a rule that fired (passed = true).
 */
export function verdictOf(item: EvidenceItem): Verdict {
  if (elementOf(item.rule) === 'customer_repeated') {
    return 'fail';
  }
  return item.passed === null ? 'none' : item.passed ? 'pass' : 'fail';
}

/** An evidence row with its position in the API's list (the id that ties a mark to its row). */
export interface IndexedEvidence {
  index: number;
  item: EvidenceItem;
}

/** One card's evidence, split into rows about the whole case and rows per escalation step. */
export interface StandardEvidence {
  caseRows: IndexedEvidence[];
  steps: { step: StepScore | null; stepNo: number; rows: IndexedEvidence[] }[];
}

/**
 * The evidence of one standard: case-level rows (critical failures first), then each step's rows in
 * step order. A critical-failure row names its standard, so it lands on that standard's card.
 */
export function evidenceOf(detail: CaseDetail, column: StandardColumn): StandardEvidence {
  const rows = detail.evidence
    .map((item, index) => ({ index, item }))
    .filter(({ item }) => item.standard === column);
  const caseRows = rows
    .filter(({ item }) => item.step_no === null)
    .sort((a, b) => Number(isCritical(b.item)) - Number(isCritical(a.item)) || a.index - b.index);
  const stepNos = [
    ...new Set(rows.flatMap(({ item }) => (item.step_no === null ? [] : [item.step_no]))),
  ].sort((a, b) => a - b);
  return {
    caseRows,
    steps: stepNos.map((stepNo) => ({
      stepNo,
      step: detail.steps.find((s) => s.step_no === stepNo) ?? null,
      rows: rows.filter(({ item }) => item.step_no === stepNo),
    })),
  };
}

function isCritical(item: EvidenceItem): boolean {
  return item.rule.startsWith('critical.');
}

/** A case's score on one standard, from case_scores (null: not scored, e.g. not surveyed, not yet due). */
export function caseScoreOf(score: CaseScore | null, column: StandardColumn): number | null {
  return score ? score[column] : null;
}

/** Why a standard has no score for this case, in words. */
export function caseNoScoreReason(score: CaseScore | null, column: StandardColumn): string {
  if (!score) {
    return 'not scored: the case has no escalation step';
  }
  switch (column) {
    case 'right_department':
      return 'no step had a routing rule and a department';
    case 'assessment_quality':
      return 'no step was scored';
    case 'satisfaction':
      return 'not surveyed: left out of the averages, never counted as 0';
    case 'resolution':
      return score.clock_status === 'not_yet_due' ? 'not yet due: the clock is still running' : 'not scored';
  }
}

/** The handover elements a step's note lacks, and whether the customer had to repeat themselves. */
export function missingElements(step: StepScore): string[] {
  return HANDOVER_ELEMENTS.filter(([element]) => !step[element]).map(([, label]) => label);
}

/** The spans to highlight in a step's handover note: its elements found in the note. */
export function noteSpans(detail: CaseDetail, stepNo: number): HighlightSpan[] {
  return spansWhere(detail, (item) => item.step_no === stepNo && item.source === 'note');
}

/** The spans to highlight in a call's transcript (such as the customer repeating themselves). */
export function transcriptSpans(detail: CaseDetail, callId: string): HighlightSpan[] {
  return spansWhere(detail, (item) => item.source === 'transcript' && item.call_id === callId);
}

function spansWhere(detail: CaseDetail, keep: (item: EvidenceItem) => boolean): HighlightSpan[] {
  const spans: HighlightSpan[] = [];
  detail.evidence.forEach((item, index) => {
    if (keep(item) && item.span_start !== null && item.span_length !== null) {
      spans.push({
        start: item.span_start,
        length: item.span_length,
        label: elementLabel(elementOf(item.rule) ?? item.rule),
        ref: index,
      });
    }
  });
  return spans;
}

/** "Level 1 → 2", or "Entered at level 2" for a case that started above the first level. */
export function levelChange(step: StepScore): string {
  if (step.is_entry || step.from_level === null) {
    return `Entered at level ${step.to_level}`;
  }
  return `Level ${step.from_level} → ${step.to_level}`;
}
