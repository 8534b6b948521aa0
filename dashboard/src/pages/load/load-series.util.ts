import type { StaffingHour, TierLoad, TierStaffing } from '../../lib/api/load.api.js';
import type { Series } from '../../lib/charts/chart-config.type.js';
import { formatDate } from '../../lib/format/format-date.js';

/** What each level is, in the domain's words (DOMAIN.md). */
export const LEVEL_NAMES: Readonly<Record<number, string>> = {
  1: 'first line',
  2: 'experts',
  3: 'managers',
  4: 'executives and outside',
};

export function tierName(level: number): string {
  return `Level ${level}${LEVEL_NAMES[level] ? ` · ${LEVEL_NAMES[level]}` : ''}`;
}

/** '2026-03-02' → "2 Mar" (a week's Monday, short enough for an axis). */
export function weekLabel(monday: string): string {
  return formatDate(monday).replace(/ \d{4}$/, '');
}

const colors = {
  arrived: '#0072b2',
  resolved: '#007a5a',
  passed: '#c45200',
  open: '#1f5fa8',
  waste: '#b91c1c',
  rest: '#9ca3af',
  needed: '#c45200',
  roster: '#f0b27a',
  observed: '#0072b2',
};

/** Cases arriving at the tier, resolved there, and passed on (up or down), per week. */
export function flowSeries(tier: TierLoad): Series[] {
  return [
    { label: 'Arrived', values: tier.weeks.map((w) => w.arrivals.total), color: colors.arrived },
    { label: 'Resolved here', values: tier.weeks.map((w) => w.resolved), color: colors.resolved },
    {
      label: 'Passed on (up or down)',
      values: tier.weeks.map((w) => w.escalatedUp + w.deEscalated),
      color: colors.passed,
    },
  ];
}

export function openSeries(tier: TierLoad): Series[] {
  return [
    { label: 'Open at the week’s end', values: tier.weeks.map((w) => w.openAtEnd), color: colors.open },
  ];
}

/** Median and 90th percentile of the days what is open has been at the tier; gaps where nothing is open. */
export function ageLines(tier: TierLoad): { label: string; values: (number | null)[] }[] {
  return [
    { label: 'Median', values: tier.weeks.map((w) => w.openAgeMedianDays) },
    { label: '90th percentile', values: tier.weeks.map((w) => w.openAgeP90Days) },
  ];
}

/** Management time split: on cases upheld unchanged or within a lower tier's authority, and the rest. */
export function managementSeries(tier: TierLoad, measure: 'callMinutes' | 'activeHours'): Series[] {
  const time = tier.weeks.map((w) => w.management?.[measure] ?? null);
  return [
    {
      label: 'Upheld unchanged, or within a lower tier’s authority',
      values: time.map((t) => (t ? round(t.either) : null)),
      color: colors.waste,
    },
    {
      label: 'Other cases',
      values: time.map((t) => (t ? round(t.total - t.either) : null)),
      color: colors.rest,
    },
  ];
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** '1999-01-01T09:00:00Z' → "09". */
export function hourLabel(hour: StaffingHour): string {
  return hour.hour.slice(11, 13);
}

/** Agents Erlang C needs (and the roster after shrinkage) next to the agents who handled calls, per hour. */
export function agentSeries(tier: TierStaffing): Series[] {
  return [
    { label: 'Needed (Erlang C)', values: tier.hours.map((h) => h.agentsNeeded), color: colors.needed },
    { label: 'On the roster for that', values: tier.hours.map((h) => h.rosterNeeded), color: colors.roster },
    { label: 'Handled calls', values: tier.hours.map((h) => h.agentsObserved), color: colors.observed },
  ];
}

/** Service level per hour, in percent: Erlang C's for the agents who worked, the observed, the target. */
export function serviceLines(
  tier: TierStaffing,
  target: number,
): { label: string; values: (number | null)[] }[] {
  const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  return [
    {
      label: 'Predicted for the agents who worked (Erlang C)',
      values: tier.hours.map((h) => (h.offered > 0 ? percent(h.predictedServiceLevel) : null)),
    },
    { label: 'Observed', values: tier.hours.map((h) => percent(h.observedServiceLevel)) },
    // the target only across a day with calls: alone it would draw a chart of nothing
    {
      label: 'Target',
      values: tier.hours.map(() => (tier.hours.some((h) => h.offered > 0) ? percent(target) : null)),
    },
  ];
}
