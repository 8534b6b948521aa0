import type { DateRange } from '../analytics/overview.types.js';
import type { CaseShare } from '../practices/practices.types.js';

/** An amount band of the rubric: lower edge included, upper edge not; null = open-ended. */
export interface AmountBand {
  /** 0 = under the first edge. */
  no: number;
  min: number | null;
  max: number | null;
  /** 'under 25', '100–250', '1000 and over' (amounts in `currency`). */
  label: string;
}

/** A median with its 95% order-statistic interval (ranks from the binomial with p = ½). */
export interface MedianFigure {
  n: number;
  median: number | null;
  interval: [number, number] | null;
}

/** A mean of 0–100 satisfaction scores with its 95% normal interval; surveyed cases only. */
export interface MeanFigure {
  n: number;
  mean: number | null;
  interval: [number, number] | null;
}

/** One kind and amount band of the requests that went up for approval (an authority gap when flagged). */
export interface AuthorityGap {
  kind: string;
  band: AmountBand;
  /** Each level's own limit for this kind (null = none; a level left out may grant nothing: 0). */
  limits: { level: number; maxAmount: number | null }[];
  /** Requests that went up and were answered there; `approved` of them were approved. */
  requests: number;
  approved: CaseShare;
  /** Escalation steps that went up only for these approvals, and the cases they were in. */
  escalations: number;
  cases: number;
  /** Management time after the first authority step: level-3+ call hours and hours open at level 3+. */
  managementCallHours: number;
  managementOpenHours: number;
  /** Days from the request to its answer. */
  approvalWaitDays: MedianFigure;
  /** Days from first contact to resolution, against cases of the same kind settled at level 1. */
  daysToResolution: MedianFigure;
  level1DaysToResolution: MedianFigure;
  /** Satisfaction (0–100), against cases of the same kind settled at level 1. */
  satisfaction: MeanFigure;
  level1Satisfaction: MeanFigure;
  /** At least the rubric's minimum volume of requests. */
  judged: boolean;
  /** The 95% interval's lower bound of the approval share is at or above the rubric's flag line. */
  flagged: boolean;
  reason: string;
}

export interface AuthorityReport {
  range: DateRange | null;
  /** The rubric's currency; null when the rubric has no authority matrix. */
  currency: string | null;
  minimumVolume: number;
  flagApprovalShare: number;
  bands: AmountBand[];
  limits: { kind: string; level: number; maxAmount: number | null }[];
  /** Offers decided in the range, and how many of them were in another currency (left out). */
  offers: { decided: number; otherCurrency: number };
  gaps: AuthorityGap[];
}

export interface WhatIfOptions {
  kind: string;
  /** The level that would get the higher limit: 1 or 2 (management is level 3 and above). */
  level: number;
  /** The new limit, in the rubric's currency. */
  upTo: number;
  from?: string;
  to?: string;
}

export interface WhatIfResult {
  kind: string;
  level: number;
  upTo: number;
  currency: string | null;
  /** The level's limit today (null = none, 0 = may grant nothing). */
  currentLimit: number | null;
  range: DateRange | null;
  /** Requests from this level or below, above its limit today and up to the new one, answered above it. */
  requests: number;
  approvedAbove: number;
  refusedAbove: number;
  /** Escalation steps that went up only for these approvals, starting at this level or above. */
  escalationsSaved: number;
  /** Level-3+ call hours and hours open at level 3+ after those steps. */
  managementCallHoursSaved: number;
  managementOpenHoursSaved: number;
  /** Days the customers waited for the answers. */
  daysSaved: number;
  /** The amounts refused above this level that it would now grant. */
  extraMoney: number;
  /** The amounts approved above anyway (granted today too, only later). */
  approvedMoney: number;
  assumptions: string[];
}

export type OfferFlagKind = 'authority' | 'pushing' | 'team' | 'value_band';

/** Which cases a flag or a breakdown row stands on (the Empowerment page's case list). */
export interface OfferCaseFilter {
  flag: OfferFlagKind | 'breakdown';
  kind?: string;
  band?: number;
  category?: string;
  team?: string;
  level?: number;
  valueBand?: number;
  /** breakdown rows: the comparable group and the dimension's value */
  policy?: string;
  outcome?: string;
  dimension?: OfferDimension;
  value?: string;
  from?: string;
  to?: string;
}

/** One comparison of comparable customers, flagged or not. */
export interface OfferComparison {
  flag: OfferFlagKind;
  /** Stable key: 'pushing:delivery:refund', 'team:1:fl_cedar:goodwill', 'value_band:2:refund'. */
  key: string;
  /** What the group is, in words ('delivery, refund'). */
  subject: string;
  /** The group and what it is compared with; `share` is the one the flag is about (granted or refused). */
  group: CaseShare;
  comparison: CaseShare;
  /** group share − comparison share, with Newcombe's 95% interval. */
  difference: number | null;
  differenceInterval: [number, number] | null;
  pValue: number | null;
  adjustedPValue: number | null;
  judged: boolean;
  flagged: boolean;
  /** One sentence with its numbers. */
  reason: string;
  cases: OfferCaseFilter;
}

export interface OfferFairnessReport {
  range: DateRange | null;
  minimumVolume: number;
  maxDifference: number;
  method: {
    test: 'fisher-exact-one-sided';
    correction: 'benjamini-hochberg';
    q: number;
    margin: 'newcombe-lower-bound';
  };
  /** Every flag of the page: authority gaps first, then pushing rewarded, teams, value bands. */
  flags: OfferComparison[];
  comparisons: OfferComparison[];
}

export const offerDimensions = ['team', 'level', 'channel', 'segment', 'value_band'] as const;
export type OfferDimension = (typeof offerDimensions)[number];

export interface OfferBreakdownOptions {
  dimension: OfferDimension;
  category?: string;
  policy?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

export interface OfferBreakdownRow {
  /** The dimension's value as the case list filters by it (a value band's number). */
  key: string;
  /** As shown: a value band's label. */
  value: string;
  cases: number;
  /** Cases granted any offer. */
  withOffer: CaseShare;
  /** The median total granted per case with an offer, in the rubric's currency. */
  amount: MedianFigure;
  judged: boolean;
}

export interface OfferBreakdown {
  range: DateRange | null;
  dimension: OfferDimension;
  comparable: { category: string | null; policy: string | null; outcome: string | null };
  currency: string | null;
  minimumVolume: number;
  rows: OfferBreakdownRow[];
  /** The values the comparable-group filters can take, for the page's selects. */
  choices: { categories: string[]; policies: string[]; outcomes: string[] };
}

export interface OfferCase {
  ticketId: string;
  offerId: string | null;
  kind: string | null;
  amount: number | null;
  currency: string | null;
  decision: string | null;
  decisionLevel: number | null;
  requestedLevel: number | null;
  decidedAt: string | null;
  category: string | null;
  team: string | null;
  pushed: boolean | null;
  grantedLater: boolean | null;
  authoritySteps: number;
}

export interface OfferCasesPage {
  total: number;
  offset: number;
  limit: number;
  cases: OfferCase[];
}
