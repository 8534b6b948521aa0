import type { CaseDetail } from '../../../../etl/src/index.js';
import {
  type ReviewAuditEntry,
  type ReviewedElement,
  type ReviewStandard,
  reviewedElements,
  type SubmitReview,
} from '../../../../server/src/contracts/reviews.contract.js';
import { formatScore } from '../../lib/format/format-score.js';
import { STANDARD_LABELS } from './review-labels.util.js';

/** What the reviewer decided for one standard, as typed: the score stays text until it is checked. */
export interface Decision {
  override: boolean;
  score: string;
  reason: string;
}

export type Decisions = Record<ReviewStandard, Decision>;

/** Per standard, what must be fixed before the review can be sent. */
export type DecisionErrors = Partial<Record<ReviewStandard, { score?: string; reason?: string }>>;

/** Every standard confirmed: the starting point of a review. */
export function confirmAll(standards: readonly ReviewStandard[]): Decisions {
  return Object.fromEntries(
    standards.map((standard) => [standard, { override: false, score: '', reason: '' }]),
  ) as Decisions;
}

/** An override needs a 0–100 score and a reason (the server checks the same; this says it before sending). */
export function decisionErrors(decisions: Decisions): DecisionErrors {
  const errors: DecisionErrors = {};
  for (const [standard, decision] of Object.entries(decisions) as [ReviewStandard, Decision][]) {
    if (!decision.override) {
      continue;
    }
    const problems: { score?: string; reason?: string } = {};
    const text = decision.score.trim();
    const score = Number(text);
    if (text === '') {
      problems.score = 'An override needs a score.';
    } else if (!Number.isFinite(score) || score < 0 || score > 100) {
      problems.score = 'A score is a number from 0 to 100.';
    }
    if (decision.reason.trim() === '') {
      problems.reason = 'An override needs a reason.';
    }
    if (problems.score || problems.reason) {
      errors[standard] = problems;
    }
  }
  return errors;
}

/** An escalation step with a handover note, and the elements the detectors found in it. */
export interface StepNote {
  stepNo: number;
  fromLevel: number | null;
  toLevel: number;
  note: string;
  detected: Record<ReviewedElement, boolean>;
}

/** Per step number, whether the reviewer judges each element present in the note. */
export type ElementJudgments = Record<number, Record<ReviewedElement, boolean>>;

/** The case's escalation steps that carry a note (the note is on the step's event), in step order. */
export function stepNotes(detail: CaseDetail): StepNote[] {
  const noteOf = new Map(detail.events.map((e) => [e.seq, e.note]));
  return detail.steps.flatMap((step) => {
    const note = noteOf.get(step.seq)?.trim();
    return note
      ? [
          {
            stepNo: step.step_no,
            fromLevel: step.from_level,
            toLevel: step.to_level,
            note,
            detected: Object.fromEntries(reviewedElements.map((e) => [e, Boolean(step[e])])) as Record<
              ReviewedElement,
              boolean
            >,
          },
        ]
      : [];
  });
}

/** The reviewer's starting point: what the detectors found, step by step. */
export function detectedJudgments(steps: readonly StepNote[]): ElementJudgments {
  return Object.fromEntries(steps.map((s) => [s.stepNo, { ...s.detected }]));
}

/**
 * The body POST /api/reviews/queue/:id/review takes; only call it when decisionErrors found nothing.
 * `elements` are sent only when the reviewer chose to judge them.
 */
export function reviewBody(
  standards: readonly ReviewStandard[],
  decisions: Decisions,
  comments: string,
  elements: ElementJudgments | null = null,
): SubmitReview {
  return {
    scores: standards.map((standard) => {
      const d = decisions[standard];
      return d.override
        ? { standard, override: true, score: Number(d.score.trim()), reason: d.reason.trim() }
        : { standard, override: false };
    }),
    comments: comments.trim(),
    elements: Object.entries(elements ?? {}).map(([stepNo, labels]) => ({
      stepNo: Number(stepNo),
      labels: { ...labels },
    })),
  };
}

const ACTIONS: Readonly<Record<string, string>> = {
  'review.submit': 'submitted the review',
  'review.override': 'overrode a score',
};

/** One audit-log row in words: "submitted the review (1 override)", "overrode Right department: 80.0 → 12.5, “reason”". */
export function auditText(entry: ReviewAuditEntry): string {
  const d = entry.details ?? {};
  const action = ACTIONS[entry.action] ?? entry.action;
  if (entry.action === 'review.submit' && typeof d.overrides === 'number') {
    const judged =
      typeof d.elements === 'number' && d.elements > 0
        ? `, ${d.elements} element judgment${d.elements === 1 ? '' : 's'}, ${Number(d.corrected ?? 0)} corrected`
        : '';
    return `${action} (${d.overrides} override${d.overrides === 1 ? '' : 's'}${judged})`;
  }
  if (entry.action === 'review.override') {
    const standard = STANDARD_LABELS[d.standard as ReviewStandard] ?? String(d.standard);
    const score = (value: unknown) => formatScore(typeof value === 'number' ? value : null, 'no score');
    return `overrode ${standard}: ${score(d.automatic)} → ${score(d.human)}, “${String(d.reason ?? '')}”`;
  }
  return action;
}
