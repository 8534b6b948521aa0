import type { DateRange } from '../analytics/overview.types.js';

/** What a practice is keyed by: the ticket's policy, or its category where it cites none. */
export type PracticeKind = 'policy' | 'category';

/** A share of cases with its 95% Wilson interval; share and interval are null when `of` is 0. */
export interface CaseShare {
  count: number;
  of: number;
  share: number | null;
  interval: [number, number] | null;
}

/** Escalated cases per 1,000 tickets, with a 95% Wilson interval taken as a share of the tickets. */
export interface EscalationRate {
  tickets: number;
  escalated: number;
  per1000: number | null;
  interval: [number, number] | null;
}

/** One month of a practice (a range's first and last months hold only its days in the range). */
export interface PracticeMonth {
  /** YYYY-MM */
  month: string;
  tickets: number;
  escalated: number;
  decided: number;
  overturnedOrPartial: number;
}

/** A change point in a practice's monthly overturn share. */
export interface OverturnChange {
  /** The first month of the new level, YYYY-MM. */
  month: string;
  direction: 'up' | 'down';
  /** The overturn share of the months before it and of the months from it on (to the next change). */
  before: number;
  after: number;
  /** Likelihood-ratio test, Bonferroni-corrected for the months tried as the split. */
  pValue: number;
}

/** How the monthly overturn share moved over the range. */
export interface OverturnTrend {
  /** True when the latest change in the range was upward: the share is still above where it was. */
  rising: boolean;
  /** The month that latest rise began (consecutive upward changes are one rise), YYYY-MM; null when not rising. */
  since: string | null;
  /** Every change point found, in time order. */
  changes: OverturnChange[];
}

/** One practice over a date range: its escalations, how they ended, and whether that is unfair. */
export interface PracticeFigures {
  /** 1 = the strongest candidate; flagged practices come first. */
  rank: number;
  /** `policy:<name>` or `category:<name>`. */
  practice: string;
  kind: PracticeKind;
  name: string;
  /** Escalated cases per 1,000 of the practice's tickets (tickets dated by created_at). */
  escalationRate: EscalationRate;
  /**
   * (overturned + partial) of upheld + overturned + partial: the customer's position accepted, which
   * ombudsmen call their "uphold rate". Withdrawn is not a decision and is left out.
   */
  overturn: CaseShare;
  /** The overturn share of all other practices over the same range. */
  baseline: CaseShare;
  /** overturn.share − baseline.share, or null when either is null. */
  difference: number | null;
  /** Escalated cases that reached level 3 or 4. */
  reachedLevel3: CaseShare;
  /** Surveyed escalated cases with satisfaction below 50 (of 100). */
  dissatisfied: CaseShare;
  /** Escalated cases reopened or with more than one linked call. */
  repeatContact: CaseShare;
  /** False when the practice has fewer decided escalations than the minimum volume: too few to judge. */
  judged: boolean;
  /** One-sided Fisher's exact test of overturn share > baseline; null when not judged. */
  pValue: number | null;
  /** Benjamini–Hochberg adjusted over the judged practices; null when not judged. */
  adjustedPValue: number | null;
  /** Overturned significantly more often than elsewhere (adjusted p ≤ q). Volume alone never flags. */
  flagged: boolean;
  /** Change points in the monthly overturn share; null when not judged. */
  trend: OverturnTrend | null;
  /** One sentence with the numbers behind the verdict. */
  reason: string;
  monthly: PracticeMonth[];
}

/** `eqa practices --json`, GET /api/practices: every practice over a range, candidates first. */
export interface PracticesReport {
  /** The range applied, after defaults (the data's first and last day); null for an empty store. */
  range: DateRange | null;
  /** Decided escalations a practice needs to be judged (the rubric's minimum_volume). */
  minimumVolume: number;
  method: {
    test: 'fisher-exact-one-sided';
    correction: 'benjamini-hochberg';
    /** False discovery rate at which a practice is flagged. */
    q: number;
    trend: 'binary-segmentation-likelihood-ratio';
    /** Significance of each change point, after its Bonferroni correction. */
    trendAlpha: number;
  };
  practices: PracticeFigures[];
}

/** One side of the FAQ comparison (before or after publication) for one group of practices. */
export interface FaqPeriodFigures {
  range: DateRange;
  escalationRate: EscalationRate;
  overturn: CaseShare;
}

/** A difference-in-differences estimate with its 95% normal-approximation interval. */
export interface DiffInDiff {
  estimate: number | null;
  standardError: number | null;
  interval: [number, number] | null;
}

/** What an FAQ update changed for its practice, against all other practices as the control. */
export interface FaqEffect {
  practice: string;
  kind: PracticeKind;
  name: string;
  publishedAt: string;
  /** Days on each side: the same number before and after publication. */
  days: number;
  before: DateRange;
  after: DateRange;
  practiceFigures: { before: FaqPeriodFigures; after: FaqPeriodFigures };
  control: { before: FaqPeriodFigures; after: FaqPeriodFigures };
  /** (after − before) for the practice minus (after − before) for the control. */
  difference: {
    /** In escalated cases per 1,000 tickets. */
    escalationsPer1000: DiffInDiff;
    /** In overturn share (0–1). */
    overturnShare: DiffInDiff;
  };
  /** One sentence with the numbers. */
  summary: string;
}
