/** A date range, both ends inclusive, as YYYY-MM-DD (UTC). */
export interface DateRange {
  from: string;
  to: string;
}

/**
 * Share of escalated cases resolved within 30 days of their first contact. A case still open whose
 * first contact is less than 30 days before the data's end is "not yet due" and left out of the share.
 */
export interface ResolutionShare {
  due: number;
  resolvedWithin30Days: number;
  notYetDue: number;
  /** resolvedWithin30Days / due, or null when nothing is due. */
  share: number | null;
  /** 95% Wilson interval of the share, or null when nothing is due. */
  interval: [number, number] | null;
}

/** The Overview's headline figures for a date range. */
export interface OverviewSummary {
  /** The range applied, after defaults (the data's own first and last day); null for an empty store. */
  range: DateRange | null;
  /** First and last day with any event or call in the store; null when the store is empty. */
  dataRange: DateRange | null;
  /** Escalation steps (level increases, entry steps excluded) dated within the range. */
  escalations: number;
  /** Cases with at least one escalation step, whose first contact falls within the range. */
  escalatedCases: number;
  resolution: ResolutionShare;
}
