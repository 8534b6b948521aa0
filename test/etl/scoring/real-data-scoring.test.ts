import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths, type ScoreRunSummary, scoreStore } from '../../../etl/src/index.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';

// The committed slices of the real data sets (fixtures/real), scored with the default rubric: real
// exports have no routing table, no surveys and few notes, and the scores must say so rather than
// invent figures.

const repoRoot = new URL('../../../', import.meta.url).pathname;
const sets = [
  { name: 'bpic2013-volvo-it-incidents', mapping: 'bpic2013-volvo-it-incidents.yaml' },
  { name: 'bpic2014-rabobank-incidents-sample', mapping: 'bpic2014-rabobank-incidents.yaml' },
  { name: 'cfpb-consumer-complaints', mapping: 'cfpb-consumer-complaints.yaml' },
];

describe.each(sets)('scoring the real slice $name', ({ name, mapping }) => {
  let t: TempStore;
  let run: ScoreRunSummary;
  beforeAll(async () => {
    t = await openTempStore();
    await ingestPaths(
      t.store,
      [join(repoRoot, 'fixtures/real', name)],
      {},
      {
        mapping: join(repoRoot, 'fixtures/mappings', mapping),
      },
    );
    run = await scoreStore(t.store);
  });
  afterAll(() => t.dispose());

  it('should score every escalation step and every case with one', async () => {
    const [expected] = await t.store.all<{ steps: number; cases: number }>(
      `SELECT count(*)::INTEGER AS steps, count(DISTINCT ticket_id)::INTEGER AS cases FROM escalation_steps`,
    );

    expect(expected.steps).toBeGreaterThan(0);
    expect({ steps: run.steps, cases: run.cases }).toEqual(expected);
  });

  it('should leave what the export lacks unscored (surveys, routing, notes), with the reason as evidence', async () => {
    const [sut] = await t.store.all<{
      surveyed: number;
      routed: number;
      assessed: number;
      no_rule: number;
      none: number;
      no_notes: number;
    }>(
      `SELECT (SELECT count(satisfaction) FROM case_scores)::INTEGER AS surveyed,
              (SELECT count(right_department) FROM step_scores)::INTEGER AS routed,
              (SELECT count(assessment_quality) FROM step_scores)::INTEGER AS assessed,
              (SELECT count(*) FROM score_evidence WHERE rule = 'routing.no_rule')::INTEGER AS no_rule,
              (SELECT count(*) FROM score_evidence WHERE rule = 'survey.none')::INTEGER AS none,
              (SELECT count(*) FROM score_evidence WHERE rule = 'handover.not_exported')::INTEGER AS no_notes`,
    );

    expect(sut.surveyed).toBe(0);
    expect(sut.routed).toBe(0);
    expect(sut.no_rule).toBe(run.steps);
    expect(sut.none).toBe(run.cases);
    expect(sut.assessed + sut.no_notes).toBe(run.steps);
  });

  it('should give every case an overall score from the standards it has, and none from nothing', async () => {
    const rows = await t.store.all<{ overall: number | null; res: number | null; aq: number | null }>(
      'SELECT overall, resolution AS res, assessment_quality AS aq FROM case_scores',
    );

    for (const r of rows) {
      if (r.overall !== null) {
        expect(r.overall).toBeGreaterThanOrEqual(0);
        expect(r.overall).toBeLessThanOrEqual(100);
      } else {
        expect(r.res === null && r.aq === null).toBe(true);
      }
    }
  });
});
