import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { rebuildTierLoad } from '../load/rebuild-tier-load.js';
import { rebuildOfferFacts } from '../offers/rebuild-offer-facts.js';
import { rebuildPracticeMonthly } from '../practices/rebuild-practice-monthly.js';
import type { DuckDbStore, StoreSession } from '../store/duckdb-store.js';
import { loadSql } from '../store/sql-files.js';
import { detectHandoverElements } from './detectors/detect-elements.js';
import { defaultDetectorsPath, type LoadedDetectors, loadDetectors } from './detectors/load-detectors.js';
import { defaultRubricPath, type LoadedRubric, loadRubric } from './rubric/load-rubric.js';
import type { Rubric } from './rubric/rubric.schema.js';
import { createRubricTables } from './rubric-tables.js';

const prepareSql = new URL('./sql/prepare-scoring.sql', import.meta.url);
const scoreSql = new URL('./sql/score.sql', import.meta.url);
const evidenceSql = new URL('./sql/evidence.sql', import.meta.url);

/** The rules a scoring run applies: a rubric and the detector rules it names. */
export interface ScoringRules {
  rubricFile: string;
  rubric: Rubric;
  rubricHash: string;
  detectors: LoadedDetectors;
}

export type ScoreStage = 'prepare' | 'detect' | 'score' | 'evidence' | 'practices' | 'offers' | 'load';

export interface ScoreRunSummary {
  runId: string;
  rubric: { file: string; version: string; hash: string };
  detectors: { file: string; hash: string };
  steps: number;
  cases: number;
  seconds: number;
  /** Seconds per stage, in order. */
  stages: Partial<Record<ScoreStage, number>>;
}

/** The detector rules a rubric names: `default`, or a path relative to the rubric's folder. */
function detectorsOf(rubricFile: string, rubric: Rubric): Promise<LoadedDetectors> {
  const named = rubric.standards.assessment_quality.detectors;
  return loadDetectors(named === 'default' ? defaultDetectorsPath : resolve(dirname(rubricFile), named));
}

/**
 * Reads a rubric file (the shipped default without one) and the detector rules it names; throws
 * RubricError or DetectorsError naming the file and line of a mistake.
 */
export async function loadScoringRules(rubricPath: string = defaultRubricPath): Promise<ScoringRules> {
  const loaded: LoadedRubric = loadRubric(rubricPath);
  return {
    rubricFile: loaded.file,
    rubric: loaded.rubric,
    rubricHash: loaded.hash,
    detectors: await detectorsOf(rubricPath, loaded.rubric),
  };
}

/** The rules of the store's last scoring run, so that an ingest rescores with them; null when never scored. */
export async function lastScoringRules(store: DuckDbStore): Promise<ScoringRules | null> {
  const [row] = await store.all<{
    rubric_file: string;
    rubric_json: string;
    rubric_hash: string;
    detectors_json: string;
  }>(
    `SELECT rubric_file, rubric_json, rubric_hash, detectors_json FROM score_runs ORDER BY scored_at DESC LIMIT 1`,
  );
  if (!row) {
    return null;
  }
  const stored = JSON.parse(row.detectors_json) as Pick<LoadedDetectors, 'file' | 'hash' | 'detectors'> &
    Partial<Pick<LoadedDetectors, 'learned'>>;
  return {
    rubricFile: row.rubric_file,
    rubric: JSON.parse(row.rubric_json) as Rubric,
    rubricHash: row.rubric_hash,
    // the stored rules were validated when first loaded; there is no file to point into any more
    // (with the learned weights as they were: a run records them whole, not by their file's name)
    detectors: { ...stored, learned: stored.learned ?? null, lineOf: () => 0 },
  };
}

/**
 * Scores every escalation step and every case with a step against the four standards, replacing the
 * previous scores in one transaction (readers keep the old ones until it commits). Without rules, the
 * store's last rules are used, else the shipped defaults.
 */
export async function scoreStore(
  store: DuckDbStore,
  rules?: ScoringRules,
  onStage?: (stage: ScoreStage) => void,
): Promise<ScoreRunSummary> {
  const applied = rules ?? (await lastScoringRules(store)) ?? (await loadScoringRules());
  const started = performance.now();
  const stages: ScoreRunSummary['stages'] = {};
  const runId = randomUUID();
  const timed = async (stage: ScoreStage, work: () => Promise<void>) => {
    onStage?.(stage);
    const t0 = performance.now();
    await work();
    stages[stage] = (performance.now() - t0) / 1000;
  };
  const params = { rubric_version: applied.rubric.version, rubric_hash: applied.rubricHash };

  const counts = await store.withTransaction(async (session) => {
    await timed('prepare', async () => {
      await createRubricTables(session, applied.rubric);
      await session.run(loadSql(prepareSql));
    });
    await timed('detect', () =>
      detectHandoverElements(session, applied.detectors, {
        source: 'eqa_handover_source',
        target: 'eqa_detected',
      }),
    );
    await timed('score', async () => {
      await session.run(
        'CREATE OR REPLACE TEMP TABLE eqa_run AS SELECT $rubric_version AS rubric_version, $rubric_hash AS rubric_hash',
        params,
      );
      await session.run(loadSql(scoreSql));
    });
    await timed('evidence', () => session.run(loadSql(evidenceSql)));
    const [row] = await session.all<{ steps: number; cases: number }>(
      'SELECT (SELECT count(*) FROM step_scores)::INTEGER AS steps, (SELECT count(*) FROM case_scores)::INTEGER AS cases',
    );
    // the practices' monthly figures need the satisfaction scores just made
    await timed('practices', () => rebuildPracticeMonthly(session));
    // offers against the rubric's authority matrix (survey answers and chains just rebuilt)
    await timed('offers', () => rebuildOfferFacts(session, applied.rubric));
    // what each tier carries: weighed against the outcomes and the rubric's authority matrix
    await timed('load', () => rebuildTierLoad(session));
    await recordRun(session, runId, applied, row, (performance.now() - started) / 1000);
    await dropTemporaries(session);
    return row;
  });
  return {
    runId,
    rubric: { file: applied.rubricFile, version: applied.rubric.version, hash: applied.rubricHash },
    detectors: { file: applied.detectors.file, hash: applied.detectors.hash },
    steps: counts.steps,
    cases: counts.cases,
    seconds: (performance.now() - started) / 1000,
    stages,
  };
}

async function recordRun(
  session: StoreSession,
  runId: string,
  rules: ScoringRules,
  counts: { steps: number; cases: number },
  seconds: number,
): Promise<void> {
  await session.run(
    `INSERT INTO score_runs VALUES ($run_id, $rubric_file, $rubric_version, $rubric_hash, $rubric_json,
       $detectors_file, $detectors_hash, $detectors_json, $steps, $cases, $seconds, now()::TIMESTAMP)`,
    {
      run_id: runId,
      rubric_file: rules.rubricFile,
      rubric_version: rules.rubric.version,
      rubric_hash: rules.rubricHash,
      rubric_json: JSON.stringify(rules.rubric),
      detectors_file: rules.detectors.file,
      detectors_hash: rules.detectors.hash,
      detectors_json: JSON.stringify({
        file: rules.detectors.file,
        hash: rules.detectors.hash,
        detectors: rules.detectors.detectors,
        learned: rules.detectors.learned,
      }),
      steps: counts.steps,
      cases: counts.cases,
      seconds,
    },
  );
}

// Temporary tables live as long as the pooled connection: free their memory now.
async function dropTemporaries(session: StoreSession): Promise<void> {
  const temps = await session.all<{ table_name: string }>(
    `SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'eqa\\_%' ESCAPE '\\'`,
  );
  for (const { table_name } of temps) {
    await session.run(`DROP TABLE IF EXISTS temp.main.${JSON.stringify(table_name)}`);
  }
}

/**
 * True when the chains were rebuilt after the last scoring run (or never scored while steps exist),
 * or when the tier load (load/rebuild-tier-load.ts, built by scoring) is older than the data or was
 * never built while data exists: a store of calls only, or one made before the tier load existed.
 */
export async function scoresAreStale(store: DuckDbStore): Promise<boolean> {
  const [row] = await store.all<{ stale: boolean }>(
    `SELECT coalesce((SELECT max(rebuilt_at) FROM store_facts) > (SELECT max(scored_at) FROM score_runs),
                     (SELECT count(*) FROM escalation_steps) > 0)
            OR coalesce((SELECT max(rebuilt_at) FROM store_facts) > (SELECT max(built_at) FROM tier_load_facts),
                        (SELECT count(*) FROM loaded_files) > 0) AS stale`,
  );
  return row.stale;
}
