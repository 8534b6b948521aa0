import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths, RubricError, standardsSummary } from '../../../etl/src/index.js';
import { defaultRubricPath } from '../../../etl/src/scoring/rubric/load-rubric.js';
import { lastScoringRules, loadScoringRules, scoreStore } from '../../../etl/src/scoring/score-store.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';

const handScored = new URL('../../../fixtures/scoring/hand-scored/', import.meta.url).pathname;

interface StepRow {
  ticket_id: string;
  step_no: number;
  right_department: number | null;
  escalation_type: string | null;
  exported_type: string | null;
  type_inferred: boolean;
  next_tier_hours: number | null;
  rubric_version: string;
}

interface CaseRow {
  ticket_id: string;
  right_department: number | null;
  assessment_quality: number | null;
  satisfaction: number | null;
  resolution: number | null;
  overall: number | null;
  clock: string;
  clock_status: string;
  sla_first_response_met: boolean | null;
  sla_resolution_met: boolean | null;
  survey_status: string;
  critical_failure: string | null;
}

describe('scoreStore on hand-scored cases (fixtures/scoring/hand-scored/README.md)', () => {
  let t: TempStore;
  let steps: Map<string, StepRow>;
  let cases: Map<string, CaseRow>;

  beforeAll(async () => {
    t = await openTempStore();
    await ingestPaths(t.store, [handScored], {}, { format: 'auto' });
    await scoreStore(t.store, await loadScoringRules());
    steps = new Map(
      (await t.store.all<StepRow>('SELECT * FROM step_scores')).map((r) => [
        `${r.ticket_id}#${r.step_no}`,
        r,
      ]),
    );
    cases = new Map((await t.store.all<CaseRow>('SELECT * FROM case_scores')).map((r) => [r.ticket_id, r]));
  });
  afterAll(() => t.dispose());

  it('should score a clean escalation: right department, SLAs met, the latest of two survey answers', () => {
    const sut = cases.get('T1')!;

    expect(steps.get('T1#1')!.right_department).toBe(100);
    expect(steps.get('T1#1')!.next_tier_hours).toBe(1);
    expect(sut).toMatchObject({
      clock: 'default',
      clock_status: 'within',
      sla_first_response_met: true,
      sla_resolution_met: true,
      resolution: 100,
      satisfaction: 100,
      survey_status: 'surveyed',
    });
  });

  it('should keep every survey answer with its time', async () => {
    const sut = await t.store.all(
      `SELECT strftime("at", '%Y-%m-%d') AS day, raw_value, scale, points FROM survey_answers WHERE ticket_id = 'T1' ORDER BY "at"`,
    );

    expect(sut).toEqual([
      { day: '2025-11-06', raw_value: '2', scale: 'csat', points: 25 },
      { day: '2025-11-07', raw_value: '5', scale: 'csat', points: 100 },
    ]);
  });

  it('should take points off for a move before the right department and for an unexplained skipped level', () => {
    expect(steps.get('T2#1')!.right_department).toBe(80);
    expect(steps.get('T2#2')!.right_department).toBe(70);
    expect(cases.get('T2')!.right_department).toBe(75);
  });

  it('should leave a case without a survey out of satisfaction and weigh the other standards up', () => {
    const sut = cases.get('T2')!;
    const expected = (0.25 * 75 + 0.3 * sut.assessment_quality! + 0.25 * 0) / 0.8;

    expect(sut.survey_status).toBe('not_surveyed');
    expect(sut.satisfaction).toBeNull();
    expect(sut.clock_status).toBe('breached');
    expect(sut.resolution).toBe(0);
    expect(sut.overall).toBeCloseTo(expected, 9);
  });

  it('should apply the regulator clock of an override (uk_psd2: 15 business days)', () => {
    expect(cases.get('T3')).toMatchObject({
      clock: 'uk_psd2',
      clock_status: 'breached',
      resolution: 0,
      satisfaction: 75,
      sla_resolution_met: false,
    });
  });

  it('should record an escalation after a missed SLA as automatic, and not when a pause stopped the clock', () => {
    expect(steps.get('T4#1')).toMatchObject({
      exported_type: 'hierarchical',
      escalation_type: 'automatic',
      type_inferred: true,
    });
    expect(steps.get('T5#1')).toMatchObject({
      exported_type: 'hierarchical',
      escalation_type: 'hierarchical',
      type_inferred: false,
    });
  });

  it('should explain the automatic escalation, the clock and the routing in its evidence', async () => {
    const sut = await t.store.all<{ ticket_id: string; rule: string; detail: string }>(
      `SELECT ticket_id, rule, detail FROM score_evidence
       WHERE (ticket_id = 'T4' AND rule = 'escalation.automatic_inferred') OR (ticket_id = 'T3' AND rule LIKE 'clock.%')
          OR (ticket_id = 'T2' AND rule IN ('routing.reassigned', 'routing.skipped_level'))
       ORDER BY ticket_id, rule`,
    );

    expect(sut).toEqual([
      {
        ticket_id: 'T2',
        rule: 'routing.reassigned',
        detail: 'reached the right department after 1 move(s) at level 2: logistics_desk → billing_experts',
      },
      { ticket_id: 'T2', rule: 'routing.skipped_level', detail: 'skipped level 3 without a stated reason' },
      {
        ticket_id: 'T3',
        rule: 'clock.uk_psd2',
        detail: 'resolved 19.1 business days after first contact; clock uk_psd2: 15 business days',
      },
      {
        ticket_id: 'T4',
        rule: 'escalation.automatic_inferred',
        detail:
          'the resolution SLA (72 business h for normal) was already missed when the case went up: recorded as automatic',
      },
    ]);
  });

  it('should point every note span of the evidence at the exact text it quotes', async () => {
    const sut = await t.store.all<{ n: number; exact: number }>(
      `SELECT count(*)::INTEGER AS n,
              count(*) FILTER (WHERE substring(s.note, e.span_start + 1, e.span_length) = e.excerpt)::INTEGER AS exact
       FROM score_evidence e JOIN escalation_steps s USING (ticket_id, step_no)
       WHERE e.source = 'note'`,
    );

    expect(sut[0].n).toBeGreaterThan(0);
    expect(sut[0].exact).toBe(sut[0].n);
  });

  it('should record the rubric version on every row, and a critical standard should zero the case', async () => {
    const edited = readFileSync(defaultRubricPath, 'utf8')
      .replace('version: default-2025.1', 'version: critical-test')
      .replace(
        '    weight: 0.25\n    critical: false             # set true',
        '    weight: 0.25\n    critical: true              # set true',
      );
    const file = join(t.dir, 'critical.yaml');
    writeFileSync(file, edited);

    const run = await scoreStore(t.store, await loadScoringRules(file));
    const sut = await t.store.all<{
      ticket_id: string;
      overall: number;
      critical_failure: string | null;
      rubric_version: string;
    }>('SELECT ticket_id, overall, critical_failure, rubric_version FROM case_scores ORDER BY ticket_id');

    expect(run.rubric.version).toBe('critical-test');
    expect(new Set(sut.map((r) => r.rubric_version))).toEqual(new Set(['critical-test']));
    expect(sut.find((r) => r.ticket_id === 'T3')).toMatchObject({
      overall: 0,
      critical_failure: 'resolution',
    });
    expect(sut.find((r) => r.ticket_id === 'T1')!.critical_failure).toBeNull();
    const versions = await t.store.all<{ rubric_version: string }>(
      'SELECT DISTINCT rubric_version FROM step_scores',
    );
    expect(versions).toEqual([{ rubric_version: 'critical-test' }]);
  });

  it('should refuse a broken rubric with its file and line, and keep the scores it had', async () => {
    const file = join(t.dir, 'broken.yaml');
    writeFileSync(
      file,
      readFileSync(defaultRubricPath, 'utf8').replace('repeat_cost: 25', 'repeat_cost: lots'),
    );

    await expect(loadScoringRules(file)).rejects.toThrow(RubricError);
    await expect(loadScoringRules(file)).rejects.toThrow(
      /broken\.yaml:\d+: standards\.assessment_quality\.repeat_cost/,
    );
    const [{ n }] = await t.store.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM case_scores');
    expect(n).toBe(5);
  });

  it("should rescore with the last run's rules, learned weights included, when given none", async () => {
    const shipped = await loadScoringRules();
    await scoreStore(t.store, shipped);
    const last = await lastScoringRules(t.store);
    const again = await scoreStore(t.store);

    expect(Object.keys(shipped.detectors.learned?.weights ?? {})).toEqual(
      Object.keys(shipped.detectors.learned?.thresholds ?? {}),
    );
    expect(Object.keys(shipped.detectors.learned?.weights ?? {}).length).toBeGreaterThan(0);
    expect(last?.detectors.learned).toEqual(shipped.detectors.learned);
    expect(again.detectors.hash).toBe(shipped.detectors.hash);
  });

  it('should sum the standards per day so that the summary equals the case scores', async () => {
    await scoreStore(t.store, await loadScoringRules());
    const sut = await standardsSummary(t.store, {});
    const [expected] = await t.store.all<{ cases: number; sat: number; res: number; n_sat: number }>(
      `SELECT count(*)::INTEGER AS cases, avg(satisfaction) AS sat, avg(resolution) AS res,
              count(satisfaction)::INTEGER AS n_sat FROM case_scores`,
    );

    expect(sut.total.cases).toBe(5);
    expect(sut.total.steps).toBe(6);
    expect(sut.total.satisfaction).toBeCloseTo(expected.sat, 9);
    expect(sut.total.surveyed).toBe(2);
    expect(sut.total.resolution).toBeCloseTo(expected.res, 9);
    // B1 handled T1, T2, T4 and T5 without being the only agent on any of them: credited with all four
    expect(sut.byAgent.find((a) => a.key === 'B1')!.cases).toBe(4);
  });
});
