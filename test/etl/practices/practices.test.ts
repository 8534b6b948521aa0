import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  faqEffect,
  ingestPaths,
  type PracticeFigures,
  PracticeQueryError,
  type PracticesReport,
  practicesReport,
  scoreStore,
} from '../../../etl/src/index.js';
import { generateDataset } from '../../../fixtures/generator/generate-dataset.js';
import type { Truth } from '../../../fixtures/generator/truth.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';

// The generator plants an unfair policy (overturned ~63% of the time from `from` until an FAQ update,
// against ~13% elsewhere) and a fair policy with the most escalations; the report must tell them
// apart on every seed, with truth.json's counts wherever the definitions match (periods are decided
// by the first escalation step, DEFINITIONS in fixtures/generator/truth.ts).

const day = 86_400_000;
const shift = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * day).toISOString().slice(0, 10);
const nextMonth = (month: string) => shift(`${month}-28`, 4).slice(0, 7);
const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

function find(report: PracticesReport, practice: string): PracticeFigures {
  const figures = report.practices.find((p) => p.practice === practice);
  if (!figures) {
    throw new Error(`${practice} is not in the report`);
  }
  return figures;
}

describe.each([1, 2, 3])('practices on generated data (seed %i)', (seed) => {
  let t: TempStore;
  let out: string;
  let truth: Truth;
  let whole: PracticesReport;
  let unfair: string;
  let fair: string;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'eqa-practices-'));
    truth = await generateDataset({ tickets: 25_000, seed, out });
    t = await openTempStore();
    await ingestPaths(t.store, [out], {}, { format: 'auto' });
    await scoreStore(t.store);
    whole = await practicesReport(t.store);
    unfair = `policy:${truth.planted.unfairPolicy.policy}`;
    fair = `policy:${truth.planted.fairHighVolumePolicy.policy}`;
  }, 120_000);
  afterAll(() => {
    t?.dispose();
    rmSync(out, { recursive: true, force: true });
  });

  it('should rank the planted unfair policy first and flag it, and leave the fair high-volume policy unflagged', () => {
    const u = find(whole, unfair);
    const f = find(whole, fair);
    console.log(
      `seed ${seed}: ${unfair} rank ${u.rank} of ${whole.practices.length}, ${u.overturn.count}/${u.overturn.of} ` +
        `= ${pct(u.overturn.share)} vs ${pct(u.baseline.share)} elsewhere, p ${u.pValue?.toExponential(2)}, ` +
        `adjusted ${u.adjustedPValue?.toExponential(2)} — ${u.reason}`,
    );
    console.log(
      `seed ${seed}: ${fair} rank ${f.rank}, ${f.escalationRate.escalated} escalated ` +
        `(${f.escalationRate.per1000?.toFixed(0)} per 1,000), ${f.overturn.count}/${f.overturn.of} = ${pct(f.overturn.share)}, ` +
        `adjusted p ${f.adjustedPValue?.toFixed(3)} — ${f.reason}`,
    );

    expect(u.rank).toBe(1);
    expect(u.flagged).toBe(true);
    expect(u.reason).toMatch(
      /^overturned in \d+% of \d+ decided escalations \(\d+–\d+%\) against \d+% elsewhere/,
    );
    expect(f.judged).toBe(true);
    expect(f.flagged).toBe(false);
    expect(f.reason).toMatch(/: not (significantly )?above \(adjusted p /);
    // the fair policy has the most escalations of all: volume alone is not unfairness
    const mostEscalated = [...whole.practices].sort(
      (a, b) => b.escalationRate.escalated - a.escalationRate.escalated,
    )[0];
    expect(mostEscalated.practice).toBe(fair);
    // flagged candidates come first, ranked by adjusted p-value
    const flags = whole.practices.map((p) => p.flagged);
    expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
    expect(whole.practices.map((p) => p.rank)).toEqual(whole.practices.map((_, i) => i + 1));
  });

  it('should count tickets, escalated cases and outcomes as truth.json does', async () => {
    const planted = truth.planted.unfairPolicy;
    for (const stats of truth.policies) {
      const p = find(whole, `policy:${stats.policy}`);
      expect({
        tickets: p.escalationRate.tickets,
        escalated: p.escalationRate.escalated,
        decided: p.overturn.of,
        overturnedOrPartial: p.overturn.count,
      }).toEqual({
        tickets: stats.tickets,
        escalated: stats.escalatedCases,
        decided: stats.decided,
        overturnedOrPartial: stats.overturnedOrPartial,
      });
    }
    const f = find(whole, fair);
    expect({
      decided: f.overturn.of,
      overturnedOrPartial: f.overturn.count,
      escalated: f.escalationRate.escalated,
    }).toEqual({
      ...truth.planted.fairHighVolumePolicy.observed.outcomes,
      share: undefined,
      escalated: truth.planted.fairHighVolumePolicy.observed.escalatedCases,
    });
    const others = whole.practices.filter((p) => p.kind === 'policy' && p.practice !== unfair);
    expect({
      decided: others.reduce((s, p) => s + p.overturn.of, 0),
      overturnedOrPartial: others.reduce((s, p) => s + p.overturn.count, 0),
    }).toEqual({
      decided: planted.observed.otherPolicies.decided,
      overturnedOrPartial: planted.observed.otherPolicies.overturnedOrPartial,
    });

    // the planted periods, each starting at 00:00Z, are date ranges summed from whole days
    const periods = [
      [{ to: shift(planted.from, -1) }, planted.observed.before],
      [{ from: planted.from, to: shift(planted.until, -1) }, planted.observed.fromToFaq],
      [{ from: planted.until }, planted.observed.afterFaq],
    ] as const;
    for (const [range, observed] of periods) {
      const p = find(await practicesReport(t.store, range), unfair);
      expect({ decided: p.overturn.of, overturnedOrPartial: p.overturn.count }).toEqual({
        decided: observed.decided,
        overturnedOrPartial: observed.overturnedOrPartial,
      });
    }
  });

  it('should see the overturn share rise from the month the unfair practice began', async () => {
    const planted = truth.planted.unfairPolicy;
    const untilFaq = find(await practicesReport(t.store, { to: shift(planted.until, -1) }), unfair);
    const start = planted.from.slice(0, 7);
    console.log(
      `seed ${seed}: ${unfair} planted from ${planted.from}, FAQ ${planted.until}; up to the FAQ: ${untilFaq.reason}`,
    );
    console.log(
      `seed ${seed}: whole range: ${JSON.stringify(find(whole, unfair).trend?.changes.map((c) => [c.month, c.direction]))}`,
    );

    expect(untilFaq.trend?.rising).toBe(true);
    expect([start, nextMonth(start)]).toContain(untilFaq.trend?.since);
    expect(untilFaq.reason).toMatch(/; rising since \w+ \d{4} \(\d+% → \d+%\)$/);
    // over the whole year the share rose, and fell back after the FAQ update
    const changes = find(whole, unfair).trend?.changes ?? [];
    const moves = changes.map((c) => c.direction).filter((d, i, all) => i === 0 || d !== all[i - 1]);
    expect(moves).toEqual(['up', 'down']);
    const faqMonth = planted.until.slice(0, 7);
    expect([faqMonth, nextMonth(faqMonth)]).toContain(changes.find((c) => c.direction === 'down')?.month);
    expect(find(whole, unfair).trend?.rising).toBe(false);
  });

  it('should call practices below the minimum volume too few to judge, with no verdict and no trend', async () => {
    const month = truth.planted.unfairPolicy.from.slice(0, 7);
    const oneMonth = await practicesReport(t.store, {
      from: `${month}-01`,
      to: shift(`${nextMonth(month)}-01`, -1),
    });
    const few = oneMonth.practices.filter((p) => p.overturn.of < 30);

    expect(oneMonth.minimumVolume).toBe(30);
    expect(few.length).toBeGreaterThan(0);
    for (const p of few) {
      expect(p).toMatchObject({
        judged: false,
        flagged: false,
        trend: null,
        pValue: null,
        adjustedPValue: null,
      });
      expect(p.reason).toMatch(/^too few to judge: \d+ decided escalations?, below the minimum of 30$/);
    }
    expect(oneMonth.practices.slice(-few.length).map((p) => p.judged)).toEqual(few.map(() => false));

    const strict = await practicesReport(t.store, { minimumVolume: 1_000_000 });
    expect(
      strict.practices.every((p) => !p.judged && !p.flagged && p.reason.startsWith('too few to judge')),
    ).toBe(true);
  });

  it('should show the planted FAQ update dropping the overturn share against the other practices', async () => {
    const faq = truth.planted.faqUpdate;

    const effect = await faqEffect(t.store, {
      practice: `policy:${faq.policy}`,
      publishedAt: faq.publishedAt,
    });

    expect(effect).not.toBeNull();
    const e = effect!;
    const did = e.difference.overturnShare;
    console.log(
      `seed ${seed}: FAQ ${faq.publishedAt} (${e.days} days each side): overturn ${pct(e.practiceFigures.before.overturn.share)} → ` +
        `${pct(e.practiceFigures.after.overturn.share)}, control ${pct(e.control.before.overturn.share)} → ` +
        `${pct(e.control.after.overturn.share)}; DiD ${did.estimate?.toFixed(3)} (${did.interval?.map((x) => x.toFixed(3)).join(' to ')}); ` +
        `rate per 1,000 ${e.practiceFigures.before.escalationRate.per1000?.toFixed(0)} → ${e.practiceFigures.after.escalationRate.per1000?.toFixed(0)}, ` +
        `DiD ${e.difference.escalationsPer1000.estimate?.toFixed(1)} (${e.difference.escalationsPer1000.interval?.map((x) => x.toFixed(1)).join(' to ')})`,
    );
    console.log(`seed ${seed}: ${e.summary}`);

    expect(e.after.from).toBe(faq.publishedAt);
    expect(Date.parse(e.after.to) - Date.parse(e.after.from)).toBe(
      Date.parse(e.before.to) - Date.parse(e.before.from),
    );
    expect(e.before.to).toBe(shift(faq.publishedAt, -1));
    expect(e.practiceFigures.after.overturn.share!).toBeLessThan(e.practiceFigures.before.overturn.share!);
    expect(did.estimate!).toBeLessThan(0);
    expect(did.interval![1]).toBeLessThan(0);
    expect(e.difference.escalationsPer1000.estimate!).toBeLessThan(0);
  });

  it('should refuse an FAQ date outside the data, name the field, and know no unknown practice', async () => {
    const faq = truth.planted.faqUpdate;

    await expect(
      faqEffect(t.store, { practice: `policy:${faq.policy}`, publishedAt: '2001-01-01' }),
    ).rejects.toThrow(PracticeQueryError);
    await expect(
      faqEffect(t.store, { practice: 'policy:no_such_policy', publishedAt: faq.publishedAt }),
    ).resolves.toBeNull();
  });

  it('should keep practice_monthly equal to practice_daily summed by month', async () => {
    const [diff] = await t.store.all<{ rows: number; mismatches: number }>(
      `WITH d AS (
         SELECT practice, kind, date_trunc('month', day)::DATE AS month, sum(tickets) AS tickets,
                sum(escalated) AS escalated, sum(decided) AS decided, sum(overturned_or_partial) AS op,
                sum(reached_l3) AS l3, sum(surveyed) AS surveyed, sum(dissatisfied) AS dis, sum(repeat_contact) AS rep
         FROM practice_daily GROUP BY ALL)
       SELECT (SELECT count(*) FROM practice_monthly)::INTEGER AS rows,
              count(*) FILTER (WHERE m.practice IS NULL OR d.practice IS NULL OR m.tickets <> d.tickets
                OR m.escalated <> d.escalated OR m.decided <> d.decided OR m.overturned_or_partial <> d.op
                OR m.reached_l3 <> d.l3 OR m.surveyed <> d.surveyed OR m.dissatisfied <> d.dis
                OR m.repeat_contact <> d.rep)::INTEGER AS mismatches
       FROM d FULL JOIN practice_monthly m USING (practice, kind, month)`,
    );
    const [cases] = await t.store.all<{ escalated: number; surveyed: number }>(
      `SELECT count(*)::INTEGER AS escalated, count(s.satisfaction)::INTEGER AS surveyed
       FROM case_facts c LEFT JOIN case_scores s USING (ticket_id) WHERE c.escalations > 0`,
    );
    const total = whole.practices.reduce(
      (s, p) => ({
        escalated: s.escalated + p.escalationRate.escalated,
        surveyed: s.surveyed + p.dissatisfied.of,
      }),
      { escalated: 0, surveyed: 0 },
    );

    expect(diff.rows).toBeGreaterThan(0);
    expect(diff.mismatches).toBe(0);
    expect(total).toEqual(cases);
  });
});
