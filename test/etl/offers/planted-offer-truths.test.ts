import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuthorityReport,
  authorityReport,
  authorityWhatIf,
  ingestPaths,
  type OfferFairnessReport,
  offerCases,
  offerFairnessReport,
  scoreStore,
} from '../../../etl/src/index.js';
import { generateDataset } from '../../../fixtures/generator/generate-dataset.js';
import { AMOUNT_BAND_EDGES } from '../../../fixtures/generator/offer-catalog.constant.js';
import type { Truth } from '../../../fixtures/generator/truth.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';

// The generator plants three offer truths (fixtures/README.md): a kind and amount band that level 3
// approves in nearly every case, a first-line team refusing goodwill its peers grant, and a category
// where customers who push past a level-1 refusal of a refund get it. The Empowerment figures must
// flag exactly those, with truth.json's counts (the generator counts them by the same definitions),
// and nothing at all on a run where nothing was planted.

const tickets = 30_000;

async function analyse(seed: number, offerTruths: boolean) {
  const out = mkdtempSync(join(tmpdir(), 'eqa-offer-truths-'));
  const truth = await generateDataset({ tickets, seed, out, offerTruths });
  const store = await openTempStore();
  const summary = await ingestPaths(store.store, [out]);
  await scoreStore(store.store);
  return { out, truth, store, summary };
}

describe.each([1, 2, 3])('the planted offer truths (seed %i)', (seed) => {
  let out: string;
  let truth: Truth;
  let t: TempStore;
  let fairness: OfferFairnessReport;
  let authority: AuthorityReport;
  let rejected: number;

  beforeAll(async () => {
    const run = await analyse(seed, true);
    ({ out, truth } = run);
    t = run.store;
    rejected = run.summary.rows_rejected;
    [fairness, authority] = await Promise.all([offerFairnessReport(t.store), authorityReport(t.store)]);
  }, 180_000);
  afterAll(() => {
    t?.dispose();
    rmSync(out, { recursive: true, force: true });
  });

  it('should load every offer and customer row the generator wrote', async () => {
    const [{ offers, customers }] = await t.store.all<{ offers: number; customers: number }>(
      'SELECT (SELECT count(*) FROM offers)::INTEGER AS offers, (SELECT count(*) FROM customers)::INTEGER AS customers',
    );

    expect(rejected).toBe(0);
    expect({ offers, customers }).toEqual({
      offers: truth.overview.counts.offers,
      customers: truth.overview.counts.customers,
    });
  });

  it('should flag the three planted truths and nothing else', () => {
    const gap = truth.planted.authorityGap!;
    const band = AMOUNT_BAND_EDGES.filter((e) => e <= gap.band.min).length;

    expect(fairness.flags.map((f) => f.key).sort()).toEqual(
      [
        `authority:${gap.kind}:${band}`,
        `pushing:${truth.planted.rewardedPushing!.category}:refund`,
        `team:1:${truth.planted.refusingTeam!.team}:goodwill`,
      ].sort(),
    );
  });

  it("should count the authority gap's requests and approvals as truth.json does", () => {
    const gap = truth.planted.authorityGap!;
    const found = authority.gaps.find((g) => g.flagged)!;

    expect(found).toMatchObject({
      kind: gap.kind,
      band: { min: gap.band.min, max: gap.band.max },
      requests: gap.observed.requests,
      approved: { count: gap.observed.approved },
      escalations: gap.observed.requests,
    });
    expect(found.reason).toContain(`approved ${gap.observed.approved} of ${gap.observed.requests} requests`);
    // the rest of the requests keep the baseline: none reaches the flag line
    const others = authority.gaps.filter((g) => g !== found);
    expect(others.reduce((s, g) => s + g.requests, 0)).toBe(gap.observed.otherRequests);
    expect(others.reduce((s, g) => s + g.approved.count, 0)).toBe(gap.observed.otherApproved);
  });

  it("should count the refusing team's decisions and the pushing customers as truth.json does", () => {
    const team = truth.planted.refusingTeam!;
    const push = truth.planted.rewardedPushing!;
    const teamFlag = fairness.flags.find((f) => f.flag === 'team')!;
    const pushFlag = fairness.flags.find((f) => f.flag === 'pushing')!;

    expect(teamFlag).toMatchObject({
      group: { count: team.observed.decisions - team.observed.granted, of: team.observed.decisions },
      comparison: {
        count: team.observed.peerDecisions - team.observed.peerGranted,
        of: team.observed.peerDecisions,
      },
    });
    expect(pushFlag).toMatchObject({
      group: { count: push.observed.grantedAfterPush, of: push.observed.pushed },
      comparison: { count: push.observed.grantedWithoutPush, of: push.observed.notPushed },
    });
    expect(pushFlag.reason).toMatch(
      new RegExp(
        `^${push.category}: ${push.observed.grantedAfterPush} of ${push.observed.pushed} customers who escalated`,
      ),
    );
  });

  it('should list, behind each flag, exactly the cases it counts', async () => {
    for (const flag of fairness.flags) {
      const page = await offerCases(t.store, flag.cases, { limit: 5 });

      // the pushing list holds both sides: the refused customers who pushed, then those who did not
      const counted = flag.flag === 'pushing' ? flag.group.of + flag.comparison.of : flag.group.of;
      expect(page.total, flag.key).toBe(counted);
    }
  });

  it('should save, in the what-if, the escalations of the flagged band when level 1 may grant it', async () => {
    const gap = truth.planted.authorityGap!;

    const sut = await authorityWhatIf(t.store, { kind: gap.kind, level: 1, upTo: gap.band.max - 0.01 });

    // every request of the band came from level 1 or 2; those from level 1 are saved, with more below
    expect(sut.escalationsSaved).toBeGreaterThan(0);
    expect(sut.requests).toBe(sut.approvedAbove + sut.refusedAbove);
    expect(sut.extraMoney).toBeGreaterThan(0);
  });
});

describe('a generated run with no offer truths planted', () => {
  let out: string;
  let t: TempStore;
  let truth: Truth;
  let fairness: OfferFairnessReport;

  beforeAll(async () => {
    const run = await analyse(4, false);
    ({ out, truth } = run);
    t = run.store;
    fairness = await offerFairnessReport(t.store);
  }, 180_000);
  afterAll(() => {
    t?.dispose();
    rmSync(out, { recursive: true, force: true });
  });

  it('should plant nothing and flag nothing, while judging enough comparisons to have found something', () => {
    expect(truth.planted.authorityGap).toBeNull();
    expect(truth.planted.refusingTeam).toBeNull();
    expect(truth.planted.rewardedPushing).toBeNull();
    expect(fairness.flags).toEqual([]);
    const judged = fairness.comparisons.filter((c) => c.judged);
    expect(new Set(judged.map((c) => c.flag))).toEqual(
      new Set(['authority', 'pushing', 'team', 'value_band']),
    );
  });
});
