import { wilsonInterval } from '../stats/wilson-interval.js';
import { queryToArrowIpc } from '../store/arrow.js';
import type { DuckDbStore } from '../store/duckdb-store.js';
import type { DateRange, OverviewSummary } from './overview.types.js';

export interface RangeFilter {
  from?: string;
  to?: string;
}

/** First and last day of the data (UTC), or null for an empty store. */
export async function dataRange(store: DuckDbStore): Promise<DateRange | null> {
  const [row] = await store.all<{ from: string | null; to: string | null }>(
    `SELECT strftime(data_start, '%Y-%m-%d') AS "from", strftime(data_end, '%Y-%m-%d') AS "to" FROM store_facts`,
  );
  return row?.from && row.to ? { from: row.from, to: row.to } : null;
}

/** The range a filter means: its own ends, else the data's first and last day; null for an empty store. */
export async function resolveRange(store: DuckDbStore, filter: RangeFilter) {
  const data = await dataRange(store);
  const range = data ? { from: filter.from ?? data.from, to: filter.to ?? data.to } : null;
  return { data, range, params: { from: range?.from ?? '1970-01-01', to: range?.to ?? '1970-01-01' } };
}

/** The Overview's headline figures: escalations, escalated cases, and the 30-day resolution share. */
export async function overviewSummary(store: DuckDbStore, filter: RangeFilter): Promise<OverviewSummary> {
  const { data, range, params } = await resolveRange(store, filter);
  const [row] = await store.all<{
    escalations: number;
    cases: number;
    due: number;
    within: number;
    not_yet_due: number;
  }>(
    `SELECT
       (SELECT coalesce(sum(escalations), 0)::INTEGER FROM overview_daily_escalations
        WHERE day BETWEEN $from::DATE AND $to::DATE) AS escalations,
       coalesce(sum(escalated_cases), 0)::INTEGER AS cases,
       coalesce(sum(due), 0)::INTEGER AS due,
       coalesce(sum(resolved_within_30_days), 0)::INTEGER AS within,
       coalesce(sum(not_yet_due), 0)::INTEGER AS not_yet_due
     FROM overview_daily_resolution WHERE day BETWEEN $from::DATE AND $to::DATE`,
    params,
  );
  return {
    range,
    dataRange: data,
    escalations: row.escalations,
    escalatedCases: row.cases,
    resolution: {
      due: row.due,
      resolvedWithin30Days: row.within,
      notYetDue: row.not_yet_due,
      share: row.due > 0 ? row.within / row.due : null,
      interval: wilsonInterval(row.within, row.due),
    },
  };
}

/** Escalations per ISO week (Monday, UTC) and level reached, as an Arrow IPC stream. */
export async function weeklyEscalationsArrow(store: DuckDbStore, filter: RangeFilter): Promise<Uint8Array> {
  const { params } = await resolveRange(store, filter);
  return queryToArrowIpc(
    store,
    `SELECT strftime(date_trunc('week', day), '%Y-%m-%d') AS week, level::INTEGER AS level,
            sum(escalations)::INTEGER AS escalations
     FROM overview_daily_escalations WHERE day BETWEEN $from::DATE AND $to::DATE
     GROUP BY ALL ORDER BY week, level`,
    params,
    { week: 'utf8', level: 'int32', escalations: 'int32' },
  );
}

/** Escalated cases due and resolved within 30 days, per ISO week of first contact, as Arrow IPC. */
export async function weeklyResolutionArrow(store: DuckDbStore, filter: RangeFilter): Promise<Uint8Array> {
  const { params } = await resolveRange(store, filter);
  return queryToArrowIpc(
    store,
    `SELECT strftime(date_trunc('week', day), '%Y-%m-%d') AS week, sum(due)::INTEGER AS due,
            sum(resolved_within_30_days)::INTEGER AS resolved_within_30_days
     FROM overview_daily_resolution WHERE day BETWEEN $from::DATE AND $to::DATE
     GROUP BY ALL ORDER BY week`,
    params,
    { week: 'utf8', due: 'int32', resolved_within_30_days: 'int32' },
  );
}
