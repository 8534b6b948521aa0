import type { DateRange } from '../analytics/overview.types.js';
import type { Staffing } from '../scoring/rubric/rubric.schema.js';

/** Levels from this one up are management: supervisors and managers (3), executives and outside (4). */
export const managementFromLevel = 3;

/** Cases arriving at a tier, by how they came. */
export interface TierArrivals {
  /** first seen at this level (a new case at level 1; an entry case above it) */
  new: number;
  /** escalation steps to this level, as the Overview counts them */
  escalated: number;
  /** de-escalated to this level from above */
  returned: number;
  /** reopened at this level after being resolved */
  reopened: number;
  total: number;
}

/** Time spent on cases that management need not have spent it on. */
export interface ManagementTime {
  total: number;
  /** on cases whose outcome is upheld: the company's first answer stood unchanged */
  upheld: number;
  /** on cases settled with an offer a lower level could have granted on its own (rubric authority matrix) */
  withinLowerAuthority: number;
  /** on either (a case both upheld and within authority counts once) */
  either: number;
  /** either / total; null without any time */
  share: number | null;
}

/** A tier's figures over one week (flows) or at its end (what is open). */
export interface TierWeek {
  /** Monday of the ISO week, YYYY-MM-DD (UTC) */
  week: string;
  arrivals: TierArrivals;
  resolved: number;
  escalatedUp: number;
  deEscalated: number;
  /** cases open at this level at the week's end */
  openAtEnd: number;
  /** days at this level of what is open at the week's end (at the data's end for the last, cut week) */
  openAgeMedianDays: number | null;
  openAgeP90Days: number | null;
  openOver30Days: number;
  /** calls an agent answered at this level, and their minutes from answer to end */
  calls: number;
  callMinutes: number;
  /** hours open cases were at this level and not waiting on the customer or a third party */
  activeHours: number;
  management: { callMinutes: ManagementTime; activeHours: ManagementTime } | null;
}

/** One tier over the range: its weeks and their totals (what is open: at the range's last week's end). */
export interface TierLoad {
  level: number;
  isManagement: boolean;
  totals: Omit<TierWeek, 'week'>;
  weeks: TierWeek[];
}

/** What `tierLoadReport` answers: each tier, week by week, over whole ISO weeks. */
export interface TierLoadReport {
  /** The range asked for (defaults: the data's first and last day); null for an empty store. */
  range: DateRange | null;
  /** The whole ISO weeks it covers: Monday of the first, Sunday of the last. */
  weeks: DateRange | null;
  dataRange: DateRange | null;
  managementFromLevel: number;
  /** True when the store's last scoring run had an authority matrix (offers can be weighed). */
  authorityMatrix: boolean;
  tiers: TierLoad[];
}

/** One tier in one hour: the calls offered, what Erlang C needed, and what there was. */
export interface StaffingHour {
  /** the hour's start, ISO 8601 UTC */
  hour: string;
  /** calls offered to the tier's agents (inbound; queued, where the data has queue times) */
  offered: number;
  answered: number;
  abandoned: number;
  /** average handling time, seconds (answer to end); the tier's over the range when no call was answered this hour */
  ahtSeconds: number | null;
  /** offered × AHT / 3600 */
  trafficErlangs: number | null;
  /** the fewest agents that meet the service target within the occupancy cap (Erlang C) */
  agentsNeeded: number | null;
  /** staff on the roster for those agents, after shrinkage */
  rosterNeeded: number | null;
  /** agents who handled a call at this tier during the hour (any part of it) */
  agentsObserved: number;
  /** Erlang C's service level for the agents observed */
  predictedServiceLevel: number | null;
  /** calls whose wait is known: answered with an answer time, or abandoned */
  measured: number;
  /** of those, answered within the target wait; abandoned calls count as missed */
  withinTarget: number;
  observedServiceLevel: number | null;
  observedInterval: [number, number] | null;
}

/** A tier's staffing over the range and, hour by hour, on the chosen day. */
export interface TierStaffing {
  level: number;
  /** over every hour of the range */
  totals: {
    offered: number;
    answered: number;
    abandoned: number;
    ahtSeconds: number | null;
    hoursWithCalls: number;
    /** hours with fewer agents observed than Erlang C needed */
    hoursUnderstaffed: number;
    measured: number;
    withinTarget: number;
    observedServiceLevel: number | null;
    observedInterval: [number, number] | null;
    /** Erlang C's service level for the agents observed, weighted by calls offered */
    predictedServiceLevel: number | null;
  };
  hours: StaffingHour[];
}

/** What `staffingReport` answers. */
export interface StaffingReport {
  range: DateRange | null;
  target: Staffing;
  /** false when no call in the range has a level and start and end times: then `reason` says why */
  available: boolean;
  /** whether any call carries queue and answer times (the observed service level needs them) */
  queueTimes: boolean;
  reason: string | null;
  /** every day of the range with offered calls, in order, for choosing `day` */
  days: { day: string; offered: number }[];
  /** the day shown hour by hour: the one asked for, else the busiest */
  day: string | null;
  tiers: TierStaffing[];
}
