import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ingestPaths,
  type ReviewCandidate,
  reviewCandidates,
  ruleCandidates,
  type SamplingRules,
  scoreStore,
} from '../../../etl/src/index.js';
import { generateDataset } from '../../../fixtures/generator/generate-dataset.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';

describe('review sampling rules on generated data', () => {
  let t: TempStore;
  let out: string;
  let rules: SamplingRules;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'eqa-review-'));
    await generateDataset({ tickets: 6_000, seed: 7, out });
    t = await openTempStore();
    await ingestPaths(t.store, [out], {}, { format: 'auto' });
    await scoreStore(t.store);
    // the month with the most level-4 cases, so the level-4 rule has something to pick
    const [busiest] = await t.store.all<{ month: string }>(
      `SELECT strftime(first_contact_at, '%Y-%m') AS month FROM case_scores
       GROUP BY 1 ORDER BY count(*) FILTER (WHERE max_level >= 4) DESC, count(*) DESC LIMIT 1`,
    );
    rules = {
      month: busiest?.month ?? '',
      randomPerAgentChannel: 3,
      lowestOverall: 10,
      level4: true,
      dissatisfiedBelow: 50,
      outlierSd: 2,
      seed: 42,
    };
  }, 180_000);
  afterAll(() => {
    t?.dispose();
    rmSync(out, { recursive: true, force: true });
  });

  it('should pick exactly the month’s cases that reached level 4', async () => {
    const picked = await ruleCandidates(t.store, 'level4', rules);
    const expected = await t.store.all<{ ticket_id: string }>(
      `SELECT ticket_id FROM case_scores WHERE max_level >= 4 AND strftime(first_contact_at, '%Y-%m') = $m
       ORDER BY ticket_id`,
      { m: rules.month },
    );
    console.log(`${rules.month}: level-4 rule picked ${picked.length} cases`);
    expect(expected.length).toBeGreaterThan(0);
    expect(picked.map((c) => c.ticket_id)).toEqual(expected.map((r) => r.ticket_id));
    expect(await ruleCandidates(t.store, 'level4', { ...rules, level4: false })).toEqual([]);
  });

  it('should spread the random quota per agent × channel over the month’s weeks, deterministically', async () => {
    const picked = await ruleCandidates(t.store, 'random_quota', rules);
    const available = await t.store.all<{ agent_id: string; channel: string; n: number; weeks: number }>(
      `SELECT s.agent_id, c.channel, count(*)::INTEGER AS n,
              count(DISTINCT (date_part('day', c.first_contact_at)::INTEGER - 1) // 7)::INTEGER AS weeks
       FROM case_scores c LEFT JOIN (
         SELECT ticket_id, arg_min(agent_id, (is_entry::INTEGER, step_no)) AS agent_id FROM step_scores
         WHERE agent_id IS NOT NULL GROUP BY 1) s USING (ticket_id)
       WHERE strftime(c.first_contact_at, '%Y-%m') = $m GROUP BY 1, 2`,
      { m: rules.month },
    );
    const groups = new Map<string, ReviewCandidate[]>();
    for (const c of picked) {
      const key = `${c.agent_id}|${c.channel}`;
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    expect(groups.size).toBe(available.length);
    let spread = 0;
    for (const a of available) {
      const got = groups.get(`${a.agent_id}|${a.channel}`) ?? [];
      expect(got.length).toBe(Math.min(3, a.n));
      // round-robin over weeks: the first picks come from distinct weeks
      expect(new Set(got.map((c) => c.week)).size).toBe(Math.min(3, a.weeks));
      spread += new Set(got.map((c) => c.week)).size;
    }
    console.log(
      `${rules.month}: random quota picked ${picked.length} cases for ${available.length} agent × channel ` +
        `groups, ${spread} distinct group-weeks`,
    );
    expect(await ruleCandidates(t.store, 'random_quota', rules)).toEqual(picked);
    const reseeded = await ruleCandidates(t.store, 'random_quota', { ...rules, seed: 43 });
    expect(reseeded.map((c) => c.ticket_id)).not.toEqual(picked.map((c) => c.ticket_id));
  });

  it('should apply the satisfaction, lowest-overall and outlier rules as defined', async () => {
    const dissatisfied = await ruleCandidates(t.store, 'dissatisfied', rules);
    const [{ n } = { n: -1 }] = await t.store.all<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM case_scores
       WHERE satisfaction < 50 AND strftime(first_contact_at, '%Y-%m') = $m`,
      { m: rules.month },
    );
    expect(dissatisfied.length).toBe(n);
    const lowest = await ruleCandidates(t.store, 'lowest_overall', rules);
    expect(lowest).toHaveLength(10);
    const overalls = lowest.map((c) => c.overall ?? Number.NaN);
    expect([...overalls].sort((a, b) => a - b)).toEqual(overalls);
    const outliers = await ruleCandidates(t.store, 'outlier', rules);
    console.log(`${rules.month}: ${dissatisfied.length} dissatisfied, ${outliers.length} outliers`);
    expect(outliers.every((c) => c.overall !== null)).toBe(true);
  });

  it('should queue each case once, under the first rule that picked it, skipping already-queued cases', async () => {
    const all = await reviewCandidates(t.store, rules);
    expect(new Set(all.map((c) => c.ticket_id)).size).toBe(all.length);
    const level4 = all.filter((c) => c.rule === 'level4');
    expect(level4.length).toBe((await ruleCandidates(t.store, 'level4', rules)).length);
    const skip = new Set(all.slice(0, 5).map((c) => c.ticket_id));
    const again = await reviewCandidates(t.store, rules, skip);
    expect(again.some((c) => skip.has(c.ticket_id))).toBe(false);
    expect(again.length).toBe(all.length - 5);
    await expect(ruleCandidates(t.store, 'level4', { ...rules, month: '2026-13' })).rejects.toThrow(
      /YYYY-MM/,
    );
  });
});
