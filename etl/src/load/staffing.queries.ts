import { type RangeFilter, resolveRange } from '../analytics/overview.queries.js';
import { defaultStaffing, type Staffing } from '../scoring/rubric/rubric.schema.js';
import { lastScoringRules } from '../scoring/score-store.js';
import { agentsNeeded, serviceLevel, staffOnRoster, trafficErlangs } from '../stats/erlang-c.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import type { DuckDbStore } from '../store/duckdb-store.js';
import { loadSql } from '../store/sql-files.js';
import type { StaffingHour, StaffingReport, TierStaffing } from './load.types.js';
import { LoadQueryError } from './load-query-error.js';

const hourlySql = new URL('./staffing-hourly.sql', import.meta.url);

// The calls are counted in DuckDB (staffing-hourly.sql); Erlang C runs here on the hourly counts,
// which are few (hours × tiers), because its search for the agents needed is a loop that SQL would
// only make harder to read. Erlang C assumes callers who wait and never hang up: where many abandon,
// the observed service level is below the prediction for that reason too.

export interface StaffingOptions extends RangeFilter {
  /** YYYY-MM-DD: the day shown hour by hour (default: the busiest day of the range). */
  day?: string;
}

interface HourRow {
  level: number;
  hour: string;
  offered: number;
  answered: number;
  abandoned: number;
  handling_seconds: number;
  handled_with_time: number;
  measured: number;
  within_target: number;
  agents: number;
}

/** The rubric's staffing section from the store's last scoring run, else the shipped default. */
export async function rubricStaffing(store: DuckDbStore): Promise<Staffing> {
  // a rubric stored before the section existed has none
  return (await lastScoringRules(store))?.rubric.staffing ?? defaultStaffing;
}

function hourFigures(row: HourRow, tierAht: number | null, target: Staffing): StaffingHour {
  const aht = row.handled_with_time > 0 ? row.handling_seconds / row.handled_with_time : tierAht;
  const usable = aht !== null && aht > 0;
  const traffic = usable ? trafficErlangs(row.offered, aht) : null;
  const plan =
    traffic !== null && usable
      ? agentsNeeded({
          traffic,
          ahtSeconds: aht,
          targetSeconds: target.target_seconds,
          serviceLevel: target.service_level,
          maxOccupancy: target.max_occupancy,
        })
      : null;
  const predicted =
    traffic !== null && usable && row.offered > 0
      ? serviceLevel({ traffic, agents: row.agents, ahtSeconds: aht, targetSeconds: target.target_seconds })
      : null;
  return {
    hour: row.hour,
    offered: row.offered,
    answered: row.answered,
    abandoned: row.abandoned,
    ahtSeconds: aht,
    trafficErlangs: traffic,
    agentsNeeded: plan?.agents ?? null,
    rosterNeeded: plan ? staffOnRoster(plan.agents, target.shrinkage) : null,
    agentsObserved: row.agents,
    predictedServiceLevel: predicted,
    measured: row.measured,
    withinTarget: row.within_target,
    observedServiceLevel: row.measured > 0 ? row.within_target / row.measured : null,
    observedInterval: wilsonInterval(row.within_target, row.measured),
  };
}

function emptyHour(hour: string): HourRow {
  return {
    level: 0,
    hour,
    offered: 0,
    answered: 0,
    abandoned: 0,
    handling_seconds: 0,
    handled_with_time: 0,
    measured: 0,
    within_target: 0,
    agents: 0,
  };
}

function tierOf(level: number, rows: HourRow[], day: string | null, target: Staffing): TierStaffing {
  const handled = rows.reduce((s, r) => s + r.handled_with_time, 0);
  const tierAht = handled > 0 ? rows.reduce((s, r) => s + r.handling_seconds, 0) / handled : null;
  const all = rows.map((r) => hourFigures(r, tierAht, target));
  const withCalls = all.filter((h) => h.offered > 0);
  const measured = all.reduce((s, h) => s + h.measured, 0);
  const withinTarget = all.reduce((s, h) => s + h.withinTarget, 0);
  const predicted = withCalls.filter((h) => h.predictedServiceLevel !== null);
  const predictedWeight = predicted.reduce((s, h) => s + h.offered, 0);
  // the chosen day's 24 hours, the quiet ones included, so that a chart has every hour on its axis
  const ofDay = new Map(rows.filter((r) => day && r.hour.startsWith(day)).map((r) => [r.hour, r]));
  const hours = day
    ? Array.from({ length: 24 }, (_, h) => {
        const hour = `${day}T${String(h).padStart(2, '0')}:00:00Z`;
        return hourFigures(ofDay.get(hour) ?? emptyHour(hour), tierAht, target);
      })
    : [];
  return {
    level,
    totals: {
      offered: all.reduce((s, h) => s + h.offered, 0),
      answered: all.reduce((s, h) => s + h.answered, 0),
      abandoned: all.reduce((s, h) => s + h.abandoned, 0),
      ahtSeconds: tierAht,
      hoursWithCalls: withCalls.length,
      hoursUnderstaffed: withCalls.filter((h) => h.agentsNeeded !== null && h.agentsObserved < h.agentsNeeded)
        .length,
      measured,
      withinTarget,
      observedServiceLevel: measured > 0 ? withinTarget / measured : null,
      observedInterval: wilsonInterval(withinTarget, measured),
      predictedServiceLevel:
        predictedWeight > 0
          ? predicted.reduce((s, h) => s + (h.predictedServiceLevel ?? 0) * h.offered, 0) / predictedWeight
          : null,
    },
    hours,
  };
}

/**
 * Per tier and hour of the range: calls offered, AHT, the agents Erlang C needs for the rubric's
 * service target (within its occupancy cap) and the roster after shrinkage, next to the agents who
 * handled calls that hour, with the service level Erlang C predicts for them and the one observed
 * (answered within the target wait; abandoned calls missed). Hour by hour for one day; totals over
 * the range.
 */
export async function staffingReport(
  store: DuckDbStore,
  options: StaffingOptions = {},
): Promise<StaffingReport> {
  if (options.day !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.day)) {
    throw new LoadQueryError('day', `expected a date as YYYY-MM-DD, got '${options.day}'`);
  }
  const target = await rubricStaffing(store);
  const { range, params } = await resolveRange(store, options);
  if (options.day !== undefined && range && (options.day < range.from || options.day > range.to)) {
    // hours outside the range are not read: such a day would show 24 empty hours as if nobody called
    throw new LoadQueryError('day', `${options.day} is outside the range ${range.from} to ${range.to}`);
  }
  const rows = await store.all<HourRow>(loadSql(hourlySql), {
    ...params,
    target_seconds: target.target_seconds,
  });
  const [{ queue }] = await store.all<{ queue: boolean }>(
    `SELECT coalesce(bool_or(queued_at IS NOT NULL), false) AS queue FROM calls
     WHERE coalesce(queued_at, started_at) >= $from::DATE AND coalesce(queued_at, started_at) < $to::DATE + INTERVAL 1 DAY`,
    params,
  );
  const perDay = new Map<string, number>();
  for (const r of rows) {
    if (r.offered > 0) {
      const day = r.hour.slice(0, 10);
      perDay.set(day, (perDay.get(day) ?? 0) + r.offered);
    }
  }
  const days = [...perDay]
    .map(([day, offered]) => ({ day, offered }))
    .sort((a, b) => a.day.localeCompare(b.day));
  const busiest = days.reduce<{ day: string; offered: number } | null>(
    (best, d) => (best === null || d.offered > best.offered ? d : best),
    null,
  );
  const day = options.day ?? busiest?.day ?? null;
  const levels = [...new Set(rows.map((r) => r.level))].sort((a, b) => a - b);
  const tiers = levels
    .map((level) =>
      tierOf(
        level,
        rows.filter((r) => r.level === level),
        day,
        target,
      ),
    )
    .filter((t) => t.totals.offered > 0 || t.hours.some((h) => h.agentsObserved > 0));
  const available = tiers.some((t) => t.totals.offered > 0 && t.totals.ahtSeconds !== null);
  return {
    range,
    target,
    available,
    queueTimes: queue,
    reason: available
      ? null
      : range === null
        ? 'The store holds no data yet.'
        : 'No call in this range has a level, an agent and start and end times, so there is nothing to staff against.',
    days,
    day,
    tiers,
  };
}
