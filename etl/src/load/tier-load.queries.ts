import { type RangeFilter, resolveRange } from '../analytics/overview.queries.js';
import type { DuckDbStore } from '../store/duckdb-store.js';
import {
  type ManagementTime,
  managementFromLevel,
  type TierLoad,
  type TierLoadReport,
  type TierWeek,
} from './load.types.js';

// Every figure is read from tier_weekly_load (load/tier-load.sql, rebuilt by each scoring run). The
// open count is a stock, not a flow, so weeks cannot be cut into days: a range is widened to the whole
// ISO weeks it touches, and the report says which.

interface WeekRow {
  week: string;
  level: number;
  arrived_new: number;
  arrived_escalated: number;
  arrived_returned: number;
  arrived_reopened: number;
  resolved: number;
  escalated_up: number;
  de_escalated: number;
  open_at_end: number;
  open_age_median_days: number | null;
  open_age_p90_days: number | null;
  open_over_30_days: number;
  calls: number;
  call_minutes: number;
  active_hours: number;
  call_minutes_upheld: number;
  call_minutes_within_authority: number;
  call_minutes_either: number;
  active_hours_upheld: number;
  active_hours_within_authority: number;
  active_hours_either: number;
}

function managementTime(total: number, upheld: number, within: number, either: number): ManagementTime {
  return { total, upheld, withinLowerAuthority: within, either, share: total > 0 ? either / total : null };
}

function weekOf(row: WeekRow): TierWeek {
  const arrivals = {
    new: row.arrived_new,
    escalated: row.arrived_escalated,
    returned: row.arrived_returned,
    reopened: row.arrived_reopened,
    total: row.arrived_new + row.arrived_escalated + row.arrived_returned + row.arrived_reopened,
  };
  return {
    week: row.week,
    arrivals,
    resolved: row.resolved,
    escalatedUp: row.escalated_up,
    deEscalated: row.de_escalated,
    openAtEnd: row.open_at_end,
    openAgeMedianDays: row.open_age_median_days,
    openAgeP90Days: row.open_age_p90_days,
    openOver30Days: row.open_over_30_days,
    calls: row.calls,
    callMinutes: row.call_minutes,
    activeHours: row.active_hours,
    management:
      row.level >= managementFromLevel
        ? {
            callMinutes: managementTime(
              row.call_minutes,
              row.call_minutes_upheld,
              row.call_minutes_within_authority,
              row.call_minutes_either,
            ),
            activeHours: managementTime(
              row.active_hours,
              row.active_hours_upheld,
              row.active_hours_within_authority,
              row.active_hours_either,
            ),
          }
        : null,
  };
}

function sumOf(weeks: TierWeek[], pick: (w: TierWeek) => number): number {
  return weeks.reduce((sum, w) => sum + pick(w), 0);
}

function sumTime(weeks: TierWeek[], pick: (w: TierWeek) => ManagementTime | undefined): ManagementTime {
  const times = weeks.map(pick).filter((t): t is ManagementTime => t !== undefined);
  return managementTime(
    times.reduce((s, t) => s + t.total, 0),
    times.reduce((s, t) => s + t.upheld, 0),
    times.reduce((s, t) => s + t.withinLowerAuthority, 0),
    times.reduce((s, t) => s + t.either, 0),
  );
}

/** A tier's totals over its weeks: flows summed, what is open taken at the last week's end. */
function totalsOf(level: number, weeks: TierWeek[]): TierLoad['totals'] {
  const last = weeks[weeks.length - 1];
  return {
    arrivals: {
      new: sumOf(weeks, (w) => w.arrivals.new),
      escalated: sumOf(weeks, (w) => w.arrivals.escalated),
      returned: sumOf(weeks, (w) => w.arrivals.returned),
      reopened: sumOf(weeks, (w) => w.arrivals.reopened),
      total: sumOf(weeks, (w) => w.arrivals.total),
    },
    resolved: sumOf(weeks, (w) => w.resolved),
    escalatedUp: sumOf(weeks, (w) => w.escalatedUp),
    deEscalated: sumOf(weeks, (w) => w.deEscalated),
    openAtEnd: last?.openAtEnd ?? 0,
    openAgeMedianDays: last?.openAgeMedianDays ?? null,
    openAgeP90Days: last?.openAgeP90Days ?? null,
    openOver30Days: last?.openOver30Days ?? 0,
    calls: sumOf(weeks, (w) => w.calls),
    callMinutes: sumOf(weeks, (w) => w.callMinutes),
    activeHours: sumOf(weeks, (w) => w.activeHours),
    management:
      level >= managementFromLevel
        ? {
            callMinutes: sumTime(weeks, (w) => w.management?.callMinutes),
            activeHours: sumTime(weeks, (w) => w.management?.activeHours),
          }
        : null,
  };
}

/**
 * What each tier carried, week by week, over the whole ISO weeks that the range touches (default:
 * all the data): cases arriving (new, escalated, returned, reopened) and leaving (resolved, escalated
 * up, de-escalated), what is open at each week's end and its age, call minutes and active hours, and
 * at management levels the time spent on cases upheld unchanged or within a lower tier's authority.
 */
export async function tierLoadReport(store: DuckDbStore, filter: RangeFilter = {}): Promise<TierLoadReport> {
  const { data, range, params } = await resolveRange(store, filter);
  const rows = await store.all<WeekRow>(
    `SELECT strftime(week, '%Y-%m-%d') AS week, level::INTEGER AS level,
            arrived_new::INTEGER AS arrived_new, arrived_escalated::INTEGER AS arrived_escalated,
            arrived_returned::INTEGER AS arrived_returned, arrived_reopened::INTEGER AS arrived_reopened,
            resolved::INTEGER AS resolved, escalated_up::INTEGER AS escalated_up,
            de_escalated::INTEGER AS de_escalated, open_at_end::INTEGER AS open_at_end,
            open_age_median_days, open_age_p90_days, open_over_30_days::INTEGER AS open_over_30_days,
            calls::INTEGER AS calls, call_minutes, active_hours,
            call_minutes_upheld, call_minutes_within_authority, call_minutes_either,
            active_hours_upheld, active_hours_within_authority, active_hours_either
     FROM tier_weekly_load
     WHERE week BETWEEN date_trunc('week', $from::DATE) AND $to::DATE
     ORDER BY level, week`,
    params,
  );
  const [facts] = await store.all<{ matrix: boolean }>(
    'SELECT count(*) > 0 AS matrix FROM rubric_authority_limits',
  );
  const levels = [...new Set(rows.map((r) => r.level))];
  const tiers = levels.map((level) => {
    const weeks = rows.filter((r) => r.level === level).map(weekOf);
    return { level, isManagement: level >= managementFromLevel, totals: totalsOf(level, weeks), weeks };
  });
  const weeks = rows.map((r) => r.week).sort();
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  return {
    range,
    weeks: first ? { from: first, to: sundayOf(last) } : null,
    dataRange: data,
    managementFromLevel,
    authorityMatrix: facts?.matrix ?? false,
    tiers,
  };
}

function sundayOf(monday: string): string {
  const d = new Date(`${monday}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 6);
  return d.toISOString().slice(0, 10);
}
