import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../etl/src/index.js';
import { LoadQueryError } from '../../../etl/src/load/load-query-error.js';
import { tierLoadReport } from '../../../etl/src/load/tier-load.queries.js';
import { type TierLoadCaseGroup, tierLoadCases } from '../../../etl/src/load/tier-load-cases.queries.js';
import { loadScoringRules, scoreStore } from '../../../etl/src/scoring/score-store.js';
import { generateDataset } from '../../../fixtures/generator/generate-dataset.js';
import type { Truth } from '../../../fixtures/generator/truth.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';

// What each tier carries (load/tier-load.sql). First a handful of cases written by hand, whose every
// figure is worked out below; then a generated year, against a second implementation of the same
// definitions written here in plain JavaScript over the raw events and calls, and against the
// generator's own weekly escalations in truth.json.

const eventsHeader = 'ticket_id,at,type,level,department,agent_id,escalation_type,note,status,value';
const callsHeader =
  'call_id,ticket_id,customer_id,agent_id,department,level,started_at,ended_at,direction,disposition,recording_url,transcript,queued_at,answered_at';
const ticketsHeader =
  'ticket_id,created_at,resolved_at,customer_id,channel,category,policy,priority,status,csat,outcome';

const hour = 3600;

describe('tier load on hand-written cases', () => {
  let t: TempStore;
  let dir: string;

  beforeAll(async () => {
    t = await openTempStore();
    dir = mkdtempSync(join(tmpdir(), 'eqa-load-'));
    // Week of Monday 2026-01-05, then the week of Monday 2026-01-12.
    // P-1: L1 → (waits 2 h) → L2 → back to L1 → resolved → reopened at L1 → L3, still open.
    // P-2: a new case at L1 on Wednesday 14th at 12:00, the data's last moment.
    writeFileSync(
      join(dir, 'events.csv'),
      [
        eventsHeader,
        'P-1,2026-01-05T09:00:00Z,created,1,first_line,A-1,,,new,',
        'P-1,2026-01-05T10:00:00Z,note,1,first_line,A-1,,asked for the statement,pending,',
        'P-1,2026-01-05T12:00:00Z,customer_reply,,,,,,open,',
        'P-1,2026-01-06T09:00:00Z,escalated,2,billing_experts,A-1,expertise,fee dispute,open,',
        'P-1,2026-01-08T09:00:00Z,de-escalated,1,first_line,A-7,,,open,',
        'P-1,2026-01-09T09:00:00Z,resolved,1,first_line,A-1,,,solved,',
        'P-1,2026-01-12T09:00:00Z,reopened,1,first_line,A-1,,,open,',
        'P-1,2026-01-12T10:00:00Z,escalated,3,complaints,A-1,hierarchical,refund over limit,open,',
        'P-2,2026-01-14T12:00:00Z,created,1,first_line,A-2,,,new,',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'tickets.csv'),
      [
        ticketsHeader,
        'P-1,2026-01-05T09:00:00Z,,C-1,phone,billing,,normal,open,,upheld',
        'P-2,2026-01-14T12:00:00Z,,C-2,phone,billing,,normal,new,,',
      ].join('\n'),
    );
    // A manager's call on P-1: queued 10:00, answered 10:05, ended 10:30 → 25 handling minutes.
    // An abandoned call has no agent and no handling time.
    writeFileSync(
      join(dir, 'calls.csv'),
      [
        callsHeader,
        'K-1,P-1,C-1,M-1,complaints,3,2026-01-13T10:00:00Z,2026-01-13T10:30:00Z,inbound,resolved,,,2026-01-13T10:00:00Z,2026-01-13T10:05:00Z',
        'K-2,P-1,C-1,,complaints,3,2026-01-13T11:00:00Z,2026-01-13T11:02:00Z,inbound,abandoned,,,2026-01-13T11:00:00Z,',
      ].join('\n'),
    );
    // P-1's refund of 40 GBP, asked for at level 1 and approved by the manager: the default rubric
    // lets level 1 grant refunds up to 50 GBP on its own
    writeFileSync(
      join(dir, 'offers.csv'),
      [
        'offer_id,ticket_id,at,level,agent_id,kind,amount,currency,status',
        'O-1,P-1,2026-01-12T09:30:00Z,1,A-1,refund,40.00,GBP,requested',
        'O-1,P-1,2026-01-12T11:00:00Z,3,M-1,refund,40.00,GBP,approved',
      ].join('\n'),
    );
    await ingestPaths(t.store, [dir]);
    await scoreStore(t.store, await loadScoringRules());
  });
  afterAll(() => {
    t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should cut each case into stays at one level, with how each began and ended', async () => {
    const stints = await t.store.all(
      `SELECT ticket_id, level, strftime(started_at, '%d %H:%M') AS started, strftime(ended_at, '%d %H:%M') AS ended,
              arrival, departure, upheld, within_lower_authority
       FROM tier_stints ORDER BY ticket_id, started_at`,
    );
    expect(stints).toEqual([
      {
        ticket_id: 'P-1',
        level: 1,
        started: '05 09:00',
        ended: '06 09:00',
        arrival: 'new',
        departure: 'escalated',
        upheld: true,
        within_lower_authority: false,
      },
      {
        ticket_id: 'P-1',
        level: 2,
        started: '06 09:00',
        ended: '08 09:00',
        arrival: 'escalated',
        departure: 'de_escalated',
        upheld: true,
        within_lower_authority: true,
      },
      {
        ticket_id: 'P-1',
        level: 1,
        started: '08 09:00',
        ended: '09 09:00',
        arrival: 'returned',
        departure: 'resolved',
        upheld: true,
        within_lower_authority: false,
      },
      {
        ticket_id: 'P-1',
        level: 1,
        started: '12 09:00',
        ended: '12 10:00',
        arrival: 'reopened',
        departure: 'escalated',
        upheld: true,
        within_lower_authority: false,
      },
      {
        ticket_id: 'P-1',
        level: 3,
        started: '12 10:00',
        ended: null,
        arrival: 'escalated',
        departure: null,
        upheld: true,
        within_lower_authority: true,
      },
      {
        ticket_id: 'P-2',
        level: 1,
        started: '14 12:00',
        ended: null,
        arrival: 'new',
        departure: null,
        upheld: false,
        within_lower_authority: false,
      },
    ]);
  });

  it('should count each week’s flows, what is open at its end, and the hours not spent waiting', async () => {
    const sut = await tierLoadReport(t.store);
    const week = (level: number, monday: string) =>
      sut.tiers.find((x) => x.level === level)?.weeks.find((w) => w.week === monday);

    expect(sut.weeks).toEqual({ from: '2026-01-05', to: '2026-01-18' });
    expect(sut.authorityMatrix).toBe(true);
    expect(sut.tiers.map((x) => x.level)).toEqual([1, 2, 3]);
    // level 1, first week: new P-1, its return from level 2; out by escalation and resolution.
    // Active: Mon 09:00 → Tue 09:00 less the 2 h waiting on the customer = 22 h, Thu → Fri 24 h.
    expect(week(1, '2026-01-05')).toMatchObject({
      arrivals: { new: 1, escalated: 0, returned: 1, reopened: 0, total: 2 },
      resolved: 1,
      escalatedUp: 1,
      deEscalated: 0,
      openAtEnd: 0,
      activeHours: 46,
      management: null,
    });
    // level 1, second week: P-1 reopened (1 h at level 1 before going to 3) and P-2 new; P-2 is open
    // at the week's end, aged 0 days at the data's end (its own creation, Wed 14th 12:00)
    expect(week(1, '2026-01-12')).toMatchObject({
      arrivals: { new: 1, escalated: 0, returned: 0, reopened: 1, total: 2 },
      escalatedUp: 1,
      openAtEnd: 1,
      openAgeMedianDays: 0,
      activeHours: 1,
    });
    expect(week(2, '2026-01-05')).toMatchObject({
      arrivals: { escalated: 1, total: 1 },
      deEscalated: 1,
      openAtEnd: 0,
      activeHours: 48,
    });
    // level 3: P-1 since Mon 12th 10:00; at the data's end (Wed 14th 12:00) 50 h = 2.083 days there
    const manager = week(3, '2026-01-12');
    expect(manager).toMatchObject({
      arrivals: { escalated: 1, total: 1 },
      openAtEnd: 1,
      openOver30Days: 0,
      calls: 1,
      callMinutes: 25,
      activeHours: 50,
    });
    expect(manager?.openAgeMedianDays).toBeCloseTo(50 / 24, 10);
    // P-1 is upheld, and its refund of 40 was within level 1's authority: all of the manager's
    // time on it counts, once, under "either"
    expect(manager?.management).toEqual({
      callMinutes: { total: 25, upheld: 25, withinLowerAuthority: 25, either: 25, share: 1 },
      activeHours: { total: 50, upheld: 50, withinLowerAuthority: 50, either: 50, share: 1 },
    });
  });

  it('should total a tier over the range: flows summed, what is open taken at the last week’s end', async () => {
    const sut = await tierLoadReport(t.store);
    const first = sut.tiers.find((x) => x.level === 1);
    expect(first?.totals).toMatchObject({
      arrivals: { new: 2, escalated: 0, returned: 1, reopened: 1, total: 4 },
      resolved: 1,
      escalatedUp: 2,
      openAtEnd: 1,
      activeHours: 47,
    });
    // a range inside the first week is widened to that whole week
    const firstWeek = await tierLoadReport(t.store, { from: '2026-01-06', to: '2026-01-07' });
    expect(firstWeek.weeks).toEqual({ from: '2026-01-05', to: '2026-01-11' });
    expect(firstWeek.tiers.find((x) => x.level === 1)?.totals.openAtEnd).toBe(0);
  });

  it('should list the cases behind a figure, counted as the figure counts them', async () => {
    const page = (level: number, group: TierLoadCaseGroup, week?: string) =>
      tierLoadCases(t.store, { level, group, week, limit: 50, offset: 0 });
    const arrived = await page(1, 'arrived', '2026-01-05');
    expect(arrived.total).toBe(2);
    expect(arrived.cases.map((c) => [c.ticketId, c.arrival])).toEqual([
      ['P-1', 'returned'],
      ['P-1', 'new'],
    ]);
    expect((await page(1, 'open', '2026-01-12')).cases.map((c) => c.ticketId)).toEqual(['P-2']);
    expect((await page(1, 'resolved')).cases).toMatchObject([
      { ticketId: 'P-1', endedAt: '2026-01-09T09:00:00Z' },
    ]);
    const manager = await page(3, 'within_authority', '2026-01-12');
    expect(manager.cases).toEqual([
      {
        ticketId: 'P-1',
        level: 3,
        startedAt: '2026-01-12T10:00:00Z',
        endedAt: null,
        arrival: 'escalated',
        departure: null,
        upheld: true,
        withinLowerAuthority: true,
        category: 'billing',
        policy: null,
        outcome: 'upheld',
      },
    ]);
    expect((await page(3, 'upheld', '2026-01-05')).total).toBe(0);
    await expect(page(1, 'open', '2026-01-06')).rejects.toThrow(LoadQueryError);
    await expect(page(1, 'open', '2026-01-06')).rejects.toThrow(/week: expected the Monday/);
  });
});

// --- a second implementation, in plain JavaScript, over the raw rows ---

interface RawEvent {
  ticket_id: string;
  at: number;
  type: string;
  level: number | null;
  status: string | null;
}

interface Stint {
  level: number;
  start: number;
  end: number | null;
  arrival: string;
  departure: string | null;
}

interface ExpectedWeek {
  arrived_new: number;
  arrived_escalated: number;
  arrived_returned: number;
  arrived_reopened: number;
  resolved: number;
  escalated_up: number;
  de_escalated: number;
  open_at_end: number;
  open_age_median_days: number | null;
  active_hours: number;
  calls: number;
  call_minutes: number;
}

const day = 86_400_000;
const mondayOf = (ms: number) => {
  const d = new Date(ms);
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return midnight - ((d.getUTCDay() + 6) % 7) * day;
};
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The stays of one case at one level, walking its events in order (DECISIONS §1: state from events). */
function stintsOf(events: RawEvent[]): { stints: Stint[]; active: [number, number, number][] } {
  const stints: Stint[] = [];
  const active: [number, number, number][] = []; // [level, from, to]; to NaN: open at the data's end
  let level: number | null = null;
  let open = true;
  let status: string | null = null;
  let current = null as Stint | null;
  let activeLevel: number | null = null;
  let activeFrom = 0;
  for (const e of events) {
    const levelBefore: number | null = level;
    const openBefore: boolean = open;
    if (e.level !== null) {
      level = e.level;
    }
    if (e.type === 'resolved') {
      open = false;
    } else if (['created', 'reopened', 'escalated', 'de-escalated', 'assigned'].includes(e.type)) {
      open = true;
    }
    if (e.status !== null) {
      status = e.status;
    }
    const tier: number | null = open ? level : null;
    if (tier !== (current?.level ?? null)) {
      if (current) {
        current.end = e.at;
        current.departure = tier === null ? 'resolved' : tier > current.level ? 'escalated' : 'de_escalated';
      }
      current = null;
      if (tier !== null) {
        const stepUp: boolean =
          (levelBefore !== null && tier > levelBefore) || (levelBefore === null && e.type === 'escalated');
        const arrival: string = stepUp
          ? 'escalated'
          : levelBefore === null
            ? 'new'
            : !openBefore
              ? 'reopened'
              : 'returned';
        current = { level: tier, start: e.at, end: null, arrival, departure: null };
        stints.push(current);
      }
    }
    const waiting = status === 'pending' || status === 'on_hold';
    const activeTier = tier !== null && !waiting ? tier : null;
    if (activeTier !== activeLevel) {
      if (activeLevel !== null) {
        active.push([activeLevel, activeFrom, e.at]);
      }
      activeLevel = activeTier;
      activeFrom = e.at;
    }
  }
  if (activeLevel !== null) {
    active.push([activeLevel, activeFrom, Number.NaN]);
  }
  return { stints, active };
}

function medianOf(values: number[]): number | null {
  if (!values.length) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)] + sorted[Math.ceil(mid)]) / 2;
}

describe('tier load on a generated year, against a second implementation (seed 11)', () => {
  let t: TempStore;
  let out: string;
  let truth: Truth;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'eqa-load-gen-'));
    truth = await generateDataset({ tickets: 4000, seed: 11, out });
    t = await openTempStore();
    await ingestPaths(t.store, [out], {}, { format: 'auto' });
    await scoreStore(t.store, await loadScoringRules());
  }, 120_000);
  afterAll(() => {
    t.dispose();
    rmSync(out, { recursive: true, force: true });
  });

  it('should count, per week and level, the escalations that truth.json counts', async () => {
    const rows = await t.store.all<{ week: string; level: number; escalations: number }>(
      `SELECT strftime(week, '%Y-%m-%d') AS week, level, arrived_escalated::INTEGER AS escalations
       FROM tier_weekly_load WHERE arrived_escalated > 0 ORDER BY week, level`,
    );
    expect(rows).toEqual(truth.overview.weeklyEscalations);
  });

  it('should list as many cases behind each figure as the figure counts', async () => {
    const weeks = await t.store.all<{
      week: string;
      level: number;
      arrived: number;
      resolved: number;
      open: number;
    }>(
      `SELECT strftime(week, '%Y-%m-%d') AS week, level,
              (arrived_new + arrived_escalated + arrived_returned + arrived_reopened)::INTEGER AS arrived,
              resolved::INTEGER AS resolved, open_at_end::INTEGER AS open
       FROM tier_weekly_load USING SAMPLE 12 ROWS (reservoir, 5)`,
    );
    for (const w of weeks) {
      const total = async (group: TierLoadCaseGroup) =>
        (await tierLoadCases(t.store, { level: w.level, group, week: w.week, limit: 1, offset: 0 })).total;
      expect([await total('arrived'), await total('resolved'), await total('open')]).toEqual([
        w.arrived,
        w.resolved,
        w.open,
      ]);
    }
  });

  it('should keep every week’s books: open at its end = open before + arrived − left', async () => {
    const rows = await t.store.all<{ level: number; open_at_end: number; arrived: number; left: number }>(
      `SELECT level, open_at_end::INTEGER AS open_at_end,
              (arrived_new + arrived_escalated + arrived_returned + arrived_reopened)::INTEGER AS arrived,
              (resolved + escalated_up + de_escalated)::INTEGER AS left
       FROM tier_weekly_load ORDER BY level, week`,
    );
    let previous = { level: -1, open: 0 };
    for (const r of rows) {
      const before = r.level === previous.level ? previous.open : 0;
      expect(r.open_at_end).toBe(before + r.arrived - r.left);
      previous = { level: r.level, open: r.open_at_end };
    }
  });

  it('should give the figures a plain walk over the raw events and calls gives', async () => {
    const events = await t.store.all<RawEvent>(
      `SELECT ticket_id, epoch_ms("at")::DOUBLE AS "at", type, level, status FROM events ORDER BY ticket_id, "at", seq`,
    );
    const [{ data_end }] = await t.store.all<{ data_end: number }>(
      'SELECT epoch_ms(data_end)::DOUBLE AS data_end FROM store_facts',
    );
    const calls = await t.store.all<{ level: number; at: number; minutes: number }>(
      `SELECT level, epoch_ms(coalesce(answered_at, started_at))::DOUBLE AS "at",
              (epoch_ms(ended_at) - epoch_ms(coalesce(answered_at, started_at))) / 60000.0 AS minutes
       FROM calls WHERE level IS NOT NULL AND agent_id IS NOT NULL AND ended_at IS NOT NULL
         AND coalesce(disposition, '') <> 'abandoned'`,
    );
    const byTicket = new Map<string, RawEvent[]>();
    for (const e of events) {
      byTicket.set(e.ticket_id, [...(byTicket.get(e.ticket_id) ?? []), e]);
    }
    const expected = new Map<string, ExpectedWeek>();
    const cell = (level: number, monday: number) => {
      const key = `${isoDay(monday)}|${level}`;
      let row = expected.get(key);
      if (!row) {
        row = {
          arrived_new: 0,
          arrived_escalated: 0,
          arrived_returned: 0,
          arrived_reopened: 0,
          resolved: 0,
          escalated_up: 0,
          de_escalated: 0,
          open_at_end: 0,
          open_age_median_days: null,
          active_hours: 0,
          calls: 0,
          call_minutes: 0,
        };
        expected.set(key, row);
      }
      return row;
    };
    const allStints: Stint[] = [];
    for (const ticketEvents of byTicket.values()) {
      const { stints, active } = stintsOf(ticketEvents);
      allStints.push(...stints);
      for (const s of stints) {
        cell(s.level, mondayOf(s.start))[`arrived_${s.arrival}` as 'arrived_new'] += 1;
        if (s.end !== null && s.departure) {
          const key =
            s.departure === 'escalated' ? 'escalated_up' : (s.departure as 'resolved' | 'de_escalated');
          cell(s.level, mondayOf(s.end))[key] += 1;
        }
      }
      for (const [level, from, rawTo] of active) {
        const to = Number.isNaN(rawTo) ? data_end : rawTo;
        for (let monday = mondayOf(from); monday < to; monday += 7 * day) {
          const hours = (Math.min(to, monday + 7 * day) - Math.max(from, monday)) / (hour * 1000);
          if (hours > 0) {
            cell(level, monday).active_hours += hours;
          }
        }
      }
    }
    for (const c of calls) {
      const row = cell(c.level, mondayOf(c.at));
      row.calls += 1;
      row.call_minutes += Math.max(c.minutes, 0);
    }
    const stored = await t.store.all<ExpectedWeek & { week: string; level: number }>(
      `SELECT strftime(week, '%Y-%m-%d') AS week, level, arrived_new::INTEGER AS arrived_new,
              arrived_escalated::INTEGER AS arrived_escalated, arrived_returned::INTEGER AS arrived_returned,
              arrived_reopened::INTEGER AS arrived_reopened, resolved::INTEGER AS resolved,
              escalated_up::INTEGER AS escalated_up, de_escalated::INTEGER AS de_escalated,
              open_at_end::INTEGER AS open_at_end, open_age_median_days, active_hours, calls::INTEGER AS calls,
              call_minutes
       FROM tier_weekly_load ORDER BY week, level`,
    );
    // what is open at each week's end, and its median age there (at the data's end for the last week)
    for (const r of stored) {
      const monday = Date.parse(`${r.week}T00:00:00Z`);
      const end = monday + 7 * day;
      const ages = allStints
        .filter((s) => s.level === r.level && s.start < end && (s.end === null || s.end >= end))
        .map((s) => (Math.min(end, data_end) - s.start) / day);
      const row = cell(r.level, monday);
      row.open_at_end = ages.length;
      row.open_age_median_days = medianOf(ages);
    }
    expect(stored.length).toBeGreaterThan(100);
    expect(new Set(stored.map((r) => `${r.week}|${r.level}`))).toEqual(new Set(expected.keys()));
    for (const r of stored) {
      const want = expected.get(`${r.week}|${r.level}`);
      const { week, level, ...got } = r;
      expect({
        week,
        level,
        ...got,
        active_hours: Math.round(got.active_hours * 1e6) / 1e6,
        call_minutes: Math.round(got.call_minutes * 1e6) / 1e6,
        open_age_median_days:
          got.open_age_median_days === null ? null : Math.round(got.open_age_median_days * 1e6) / 1e6,
      }).toEqual({
        week,
        level,
        ...want,
        active_hours: Math.round((want?.active_hours ?? 0) * 1e6) / 1e6,
        call_minutes: Math.round((want?.call_minutes ?? 0) * 1e6) / 1e6,
        open_age_median_days:
          want?.open_age_median_days == null ? null : Math.round(want.open_age_median_days * 1e6) / 1e6,
      });
    }
  });
});
