import type {
  ReviewAuditEntry,
  ReviewStandard,
  SubmitReview,
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

/** The body POST /api/reviews/queue/:id/review takes; only call it when decisionErrors found nothing. */
export function reviewBody(
  standards: readonly ReviewStandard[],
  decisions: Decisions,
  comments: string,
): SubmitReview {
  return {
    scores: standards.map((standard) => {
      const d = decisions[standard];
      return d.override
        ? { standard, override: true, score: Number(d.score.trim()), reason: d.reason.trim() }
        : { standard, override: false };
    }),
    comments: comments.trim(),
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
    return `${action} (${d.overrides} override${d.overrides === 1 ? '' : 's'})`;
  }
  if (entry.action === 'review.override') {
    const standard = STANDARD_LABELS[d.standard as ReviewStandard] ?? String(d.standard);
    const score = (value: unknown) => formatScore(typeof value === 'number' ? value : null, 'no score');
    return `overrode ${standard}: ${score(d.automatic)} → ${score(d.human)}, “${String(d.reason ?? '')}”`;
  }
  return action;
}
