import type { DateRange } from './overview.types.js';

/** The four QA standards, in the order every screen and report shows them. */
export const standardKeys = ['rightDepartment', 'assessmentQuality', 'satisfaction', 'resolution'] as const;
export type StandardKey = (typeof standardKeys)[number];

/** Breakdowns of the standards: who or what the figures are credited to. */
export const standardDimensions = ['category', 'department', 'team', 'agent'] as const;
export type StandardDimension = (typeof standardDimensions)[number];

/**
 * Means (0–100) of the four standards and the overall score over a set of steps and cases. A mean is
 * null when nothing had a score: no step with a routing rule, no case surveyed, no case due.
 */
export interface StandardFigures {
  /** Escalation steps (entry steps included) dated in the range. */
  steps: number;
  /** Scored cases whose first contact is in the range. */
  cases: number;
  rightDepartment: number | null;
  assessmentQuality: number | null;
  satisfaction: number | null;
  resolution: number | null;
  overall: number | null;
  /** Steps with a right-department score (a routing rule for their category and level): that mean's base. */
  routed: number;
  /** Steps with an assessment-quality score (their export carries notes): that mean's base. */
  assessed: number;
  /** Cases with a survey answer (the satisfaction mean's base; the rest are "not surveyed"). */
  surveyed: number;
  /** Cases whose resolution clock has run out or that are resolved (the resolution mean's base). */
  due: number;
}

export interface KeyedStandardFigures extends StandardFigures {
  key: string;
}

/** The rubric behind the scores, as recorded by the last scoring run. */
export interface ScoredWith {
  version: string;
  hash: string;
  file: string;
  scoredAt: string;
}

/** `eqa summary --json`: the whole store and each breakdown over a range. */
export interface StandardsSummary {
  range: DateRange | null;
  /** Null when the store has never been scored. */
  scoredWith: ScoredWith | null;
  total: StandardFigures;
  byCategory: KeyedStandardFigures[];
  byDepartment: KeyedStandardFigures[];
  byTeam: KeyedStandardFigures[];
  byAgent: KeyedStandardFigures[];
}

export interface WeeklyStandards {
  /** Monday of the ISO week (UTC), YYYY-MM-DD. */
  week: string;
  /** The bases of the week's means, so that a chart can leave thin weeks out. */
  routed: number;
  assessed: number;
  surveyed: number;
  due: number;
  rightDepartment: number | null;
  assessmentQuality: number | null;
  satisfaction: number | null;
  resolution: number | null;
}

/** A breakdown row with this period's and the previous period's figures. */
export interface ComparedFigures {
  key: string;
  current: StandardFigures;
  previous: StandardFigures;
}

/** The Overview's standards panel: this period against the one before it, the trend, and breakdowns. */
export interface StandardsOverview {
  range: DateRange | null;
  /** The period of the same length just before `range`. */
  previousRange: DateRange | null;
  scoredWith: ScoredWith | null;
  current: StandardFigures;
  previous: StandardFigures;
  weekly: WeeklyStandards[];
  breakdown: Record<StandardDimension, ComparedFigures[]>;
  /** The lowest overall scores of the period, for a click through to their Case pages. */
  lowestCases: Array<{ ticketId: string; overall: number; category: string | null; firstContact: string }>;
}
