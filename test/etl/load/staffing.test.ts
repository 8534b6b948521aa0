import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../etl/src/index.js';
import { LoadQueryError } from '../../../etl/src/load/load-query-error.js';
import { staffingReport } from '../../../etl/src/load/staffing.queries.js';
import {
  agentsNeeded,
  serviceLevel,
  staffOnRoster,
  trafficErlangs,
} from '../../../etl/src/stats/erlang-c.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';
import { absentReason, realDataSet } from '../ingest/real-data/real-data.util.js';

// Staffing per tier and hour (load/staffing-hourly.sql + Erlang C): a built hour whose figures are the
// textbook example's; the Technion bank's calls, counted again here from the raw CSV; and data that
// has no queue times.

const callsHeader =
  'call_id,ticket_id,customer_id,agent_id,department,level,started_at,ended_at,direction,disposition,recording_url,transcript,queued_at,answered_at';
const target = { service_level: 0.8, target_seconds: 20, max_occupancy: 0.85, shrinkage: 0.3 };

describe('staffing on an hour built to be the textbook example', () => {
  let t: TempStore;
  let dir: string;

  beforeAll(async () => {
    t = await openTempStore();
    dir = mkdtempSync(join(tmpdir(), 'eqa-staffing-'));
    // 360 calls queued at level 1 between 09:00 and 10:00, every 10 s, each handled for 240 s:
    // A = 360 × 240 / 3600 = 24 Erlangs. Of them, 300 answered 15 s after queueing (in time),
    // 30 answered after 45 s (late) and 30 abandoned after 60 s. Handled by 30 agents in turn.
    // Two outbound calls and one call that never queued do not count as offered.
    const rows: string[] = [];
    const at = (s: number) =>
      new Date(Date.UTC(2026, 2, 2, 9, 0, 0) + s * 1000).toISOString().replace('.000', '');
    for (let i = 0; i < 360; i++) {
      const queued = i * 10;
      const kind = i < 300 ? 'fast' : i < 330 ? 'late' : 'abandoned';
      const answered = kind === 'fast' ? queued + 15 : kind === 'late' ? queued + 45 : null;
      const agent = kind === 'abandoned' ? '' : `A-${i % 30}`;
      const ended = answered === null ? queued + 60 : answered + 240;
      rows.push(
        [
          `K-${i}`,
          '',
          '',
          agent,
          'first_line',
          1,
          at(queued - 5),
          at(ended),
          'inbound',
          kind === 'abandoned' ? 'abandoned' : 'resolved',
          '',
          '',
          at(queued),
          answered === null ? '' : at(answered),
        ].join(','),
      );
    }
    rows.push(`O-1,,,A-1,first_line,1,${at(100)},${at(400)},outbound,resolved,,,,`);
    rows.push(`O-2,,,A-2,first_line,1,${at(200)},${at(500)},outbound,resolved,,,,`);
    rows.push(`V-1,,,,first_line,1,${at(300)},${at(320)},inbound,abandoned,,,,`);
    writeFileSync(join(dir, 'calls.csv'), [callsHeader, ...rows].join('\n'));
    await ingestPaths(t.store, [dir]);
  });
  afterAll(() => {
    t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should need 29 agents (42 on the roster) and predict 89.5% for the 30 who worked', async () => {
    const sut = await staffingReport(t.store, { day: '2026-03-02' });
    expect(sut).toMatchObject({ available: true, queueTimes: true, reason: null, day: '2026-03-02', target });
    expect(sut.days).toEqual([{ day: '2026-03-02', offered: 360 }]);
    const nine = sut.tiers[0].hours[9];
    expect(nine).toMatchObject({
      hour: '2026-03-02T09:00:00Z',
      offered: 360,
      answered: 330,
      abandoned: 30,
      ahtSeconds: 240,
      trafficErlangs: 24,
      // 29 agents: 84.0% within 20 s, 82.8% busy, under the 85% cap; 29 / 0.7 = 41.4 → 42
      agentsNeeded: 29,
      rosterNeeded: 42,
      agentsObserved: 30,
      measured: 360,
      withinTarget: 300,
      observedServiceLevel: 300 / 360,
    });
    // 30 agents for 24 Erlangs: 1 − C·e^(−6·20/240), C = 0.172862055496838 → 0.895153863440221
    expect(nine.predictedServiceLevel).toBeCloseTo(0.895153863440221, 10);
    // the last call ends at 09:59:35: the next hour has no calls and no one busy
    expect(sut.tiers[0].hours[10]).toMatchObject({
      offered: 0,
      agentsObserved: 0,
      agentsNeeded: 0,
      predictedServiceLevel: null,
    });
    expect(sut.tiers[0].hours).toHaveLength(24);
    expect(sut.tiers[0].totals).toMatchObject({
      offered: 360,
      hoursWithCalls: 1,
      hoursUnderstaffed: 0,
      measured: 360,
      withinTarget: 300,
    });
  });

  it('should refuse a day that is not a date, naming it', async () => {
    await expect(staffingReport(t.store, { day: '2026-3-2' })).rejects.toThrow(LoadQueryError);
    await expect(staffingReport(t.store, { day: 'yesterday' })).rejects.toThrow(/day: expected a date/);
  });

  it('should refuse a day outside the range rather than show it as 24 hours without calls', async () => {
    await expect(
      staffingReport(t.store, { from: '2026-03-02', to: '2026-03-02', day: '2026-04-15' }),
    ).rejects.toThrow('day: 2026-04-15 is outside the range 2026-03-02 to 2026-03-02');
  });
});

// --- the Technion bank's day of calls, counted again from the raw file ---

const clock = (hms: string) => {
  const [h, m, s] = hms.split(':').map(Number);
  return h * 3600 + m * 60 + s;
};

interface ExpectedHour {
  offered: number;
  answered: number;
  abandoned: number;
  handling: number;
  handled: number;
  measured: number;
  within: number;
  agents: Set<string>;
}

/** Per hour of the day, from calls_one_day.csv as its SOURCE.md documents the fields. */
function countTechnion(file: string): Map<number, ExpectedHour> {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const names = header.split(',');
  const hours = new Map<number, ExpectedHour>();
  const hourOf = (h: number) => {
    let row = hours.get(h);
    if (!row) {
      row = {
        offered: 0,
        answered: 0,
        abandoned: 0,
        handling: 0,
        handled: 0,
        measured: 0,
        within: 0,
        agents: new Set(),
      };
      hours.set(h, row);
    }
    return row;
  };
  for (const line of lines) {
    const r = Object.fromEntries(line.split(',').map((v, i) => [names[i], v]));
    const happened = (v: string) => v !== '0:00:00';
    if (r.outcome === 'PHANTOM') {
      continue; // "virtual call, to be ignored"
    }
    const served = r.outcome === 'AGENT';
    const hasAgent = r.server !== 'NO_SERVER';
    // busy from the start of service to its end (else the call's own start and end)
    if (served && hasAgent) {
      const from = happened(r.ser_start) ? clock(r.ser_start) : clock(r.vru_entry);
      const to = [r.ser_exit, r.q_exit, r.vru_exit].find(happened);
      if (to) {
        for (let h = Math.floor(from / 3600); h <= Math.floor(Math.max(clock(to), from) / 3600); h++) {
          hourOf(h).agents.add(r.server);
        }
      }
    }
    // offered: inbound (TT is the bank calling back) and reached the agents: queued, or served at once
    const queued = [r.q_start, r.ser_start].find(happened);
    if (r.type === 'TT' || !queued) {
      continue;
    }
    const row = hourOf(Math.floor(clock(queued) / 3600));
    row.offered += 1;
    const answered = served && hasAgent;
    if (answered) {
      row.answered += 1;
      const end = [r.ser_exit, r.q_exit, r.vru_exit].find(happened);
      if (end) {
        row.handling += Math.max(
          clock(end) - (happened(r.ser_start) ? clock(r.ser_start) : clock(r.vru_entry)),
          0,
        );
        row.handled += 1;
      }
      if (happened(r.ser_start)) {
        row.measured += 1;
        if (Math.max(clock(r.ser_start) - clock(queued), 0) <= 20) {
          row.within += 1;
        }
      }
    } else if (r.outcome === 'HANG') {
      row.abandoned += 1;
      row.measured += 1;
    }
  }
  return hours;
}

const set = realDataSet('technion-anonymous-bank-call-center');
const copies = [
  { copy: 'the committed slice', dir: set.slice, skip: false },
  { copy: 'the whole set', dir: set.full, skip: !set.fullPresent },
];

describe.each(copies)('staffing on the Technion bank’s calls: $copy', ({ dir, skip }) => {
  const when = skip ? ` (skipped: ${absentReason})` : '';
  let t: TempStore;
  beforeAll(async () => {
    if (skip) {
      return;
    }
    t = await openTempStore();
    await ingestPaths(
      t.store,
      [dir],
      {},
      { mapping: `${set.mapping}/technion-anonymous-bank-call-center.yaml` },
    );
  });
  afterAll(() => t?.dispose());

  it.skipIf(skip)(`should count each hour as the raw file does, and size it by Erlang C${when}`, async () => {
    const file = join(dir, readdirSync(dir).find((f) => f.endsWith('.csv')) ?? '');
    const expected = countTechnion(file);
    const sut = await staffingReport(t.store);
    expect(sut).toMatchObject({ available: true, queueTimes: true, day: '1999-01-01' });
    expect(sut.tiers.map((x) => x.level)).toEqual([1]);
    const tier = sut.tiers[0];
    const handled = [...expected.values()].reduce((s, h) => s + h.handled, 0);
    const tierAht = [...expected.values()].reduce((s, h) => s + h.handling, 0) / handled;
    expect(tier.totals.ahtSeconds).toBeCloseTo(tierAht, 9);
    for (const got of tier.hours) {
      const want = expected.get(Number(got.hour.slice(11, 13)));
      const offered = want?.offered ?? 0;
      const aht = want && want.handled > 0 ? want.handling / want.handled : tierAht;
      const traffic = trafficErlangs(offered, aht);
      const plan = agentsNeeded({
        traffic,
        ahtSeconds: aht,
        targetSeconds: 20,
        serviceLevel: 0.8,
        maxOccupancy: 0.85,
      });
      const agents = want?.agents.size ?? 0;
      expect(got).toMatchObject({
        offered,
        answered: want?.answered ?? 0,
        abandoned: want?.abandoned ?? 0,
        agentsObserved: agents,
        measured: want?.measured ?? 0,
        withinTarget: want?.within ?? 0,
        agentsNeeded: plan.agents,
        rosterNeeded: staffOnRoster(plan.agents, 0.3),
      });
      expect(got.ahtSeconds).toBeCloseTo(aht, 9);
      if (offered > 0) {
        expect(got.predictedServiceLevel).toBeCloseTo(
          serviceLevel({ traffic, agents, ahtSeconds: aht, targetSeconds: 20 }),
          12,
        );
      }
    }
    const totals = [...expected.values()];
    expect(tier.totals).toMatchObject({
      offered: totals.reduce((s, h) => s + h.offered, 0),
      abandoned: totals.reduce((s, h) => s + h.abandoned, 0),
      withinTarget: totals.reduce((s, h) => s + h.within, 0),
      measured: totals.reduce((s, h) => s + h.measured, 0),
    });
    console.log(
      `Technion (${dir.includes('fixtures') ? 'slice' : 'whole day'}): ${tier.totals.offered} offered, observed ${(
        (tier.totals.observedServiceLevel ?? 0) * 100
      ).toFixed(1)}% within 20 s, Erlang C predicted ${(
        (tier.totals.predictedServiceLevel ?? 0) * 100
      ).toFixed(
        1,
      )}% for the agents on duty; understaffed in ${tier.totals.hoursUnderstaffed} of ${tier.totals.hoursWithCalls} hours`,
    );
  });
});

describe('staffing where the data has no queue times, and on an empty store', () => {
  let t: TempStore;
  let dir: string;
  beforeAll(async () => {
    t = await openTempStore();
    dir = mkdtempSync(join(tmpdir(), 'eqa-staffing-'));
  });
  afterAll(() => {
    t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should say there is nothing to staff against in an empty store', async () => {
    const sut = await staffingReport(t.store);
    expect(sut).toMatchObject({
      available: false,
      reason: 'The store holds no data yet.',
      tiers: [],
      day: null,
    });
  });

  it('should size the hours from start and end times, with no observed service level', async () => {
    // the canonical header without queued_at / answered_at: every inbound call is offered at its start
    const header = callsHeader.split(',').slice(0, 12).join(',');
    writeFileSync(
      join(dir, 'calls.csv'),
      [
        header,
        'K-1,,,A-1,experts,2,2026-03-02T14:00:00Z,2026-03-02T14:10:00Z,inbound,resolved,,',
        'K-2,,,A-2,experts,2,2026-03-02T14:20:00Z,2026-03-02T14:30:00Z,inbound,resolved,,',
        'K-3,,,,experts,2,2026-03-02T14:40:00Z,2026-03-02T14:41:00Z,inbound,abandoned,,',
      ].join('\n'),
    );
    await ingestPaths(t.store, [dir]);
    const sut = await staffingReport(t.store);
    expect(sut).toMatchObject({ available: true, queueTimes: false, day: '2026-03-02' });
    const two = sut.tiers.find((x) => x.level === 2);
    // 3 calls offered, 2 answered in 600 s each: A = 3 × 600 / 3600 = 0.5 Erlangs. By hand:
    // B(1) = 0.5 / 1.5 = 1/3, B(2) = (1/6) / (2 + 1/6) = 1/13; with 2 agents C = (2/13) / (2 − 0.5·12/13)
    // = 1/10 and SL = 1 − 0.1·e^(−1.5·20/600) = 0.904877; with 1 agent C = (1/3)/(1 − 0.5·2/3) = 1/2 and
    // SL = 1 − 0.5·e^(−0.5·20/600) = 0.508265 < 0.8: 2 agents needed, 3 on the roster (2 / 0.7 = 2.9)
    expect(two?.hours[14].predictedServiceLevel).toBeCloseTo(1 - 0.1 * Math.exp(-0.05), 12);
    expect(two?.hours[14]).toMatchObject({
      agentsNeeded: 2,
      rosterNeeded: 3,
      offered: 3,
      answered: 2,
      abandoned: 1,
      ahtSeconds: 600,
      trafficErlangs: 0.5,
      agentsObserved: 2,
      measured: 0,
      observedServiceLevel: null,
      observedInterval: null,
    });
    expect(two?.totals.observedServiceLevel).toBeNull();
  });
});

describe('staffing on an Aircall call log', () => {
  let t: TempStore;
  beforeAll(async () => {
    t = await openTempStore();
    const log = fileURLToPath(new URL('../../../fixtures/samples/call-log-csv/calls.csv', import.meta.url));
    await ingestPaths(t.store, [log], {}, { format: 'auto' });
  });
  afterAll(() => t.dispose());

  it('should count the calls nobody answered as missed, and not offer those that never reached the queue', async () => {
    // Tier 1 Support on 2 March, from the file: 09:00 answered after 35 s; 10:05 answered after 20 s;
    // 10:20 agents_did_not_answer; 10:40 no_available_agent, then a voicemail. 19:30 out of opening
    // hours has no team (no level) and, like 2281012 (abandoned_in_ivr), never joined the queue.
    const sut = await staffingReport(t.store, { from: '2026-03-02', to: '2026-03-02', day: '2026-03-02' });
    const one = sut.tiers.find((x) => x.level === 1);
    expect(one?.hours[9]).toMatchObject({
      offered: 1,
      answered: 1,
      abandoned: 0,
      measured: 1,
      withinTarget: 0,
    });
    expect(one?.hours[10]).toMatchObject({
      offered: 3,
      answered: 1,
      abandoned: 2,
      measured: 3,
      withinTarget: 1,
    });
    const notQueued = await t.store.all<{ call_id: string }>(
      `SELECT call_id FROM calls WHERE queued_at IS NULL ORDER BY call_id`,
    );
    expect(notQueued.map((c) => c.call_id)).toEqual(expect.arrayContaining(['2281008', '2281012']));
  });
});
