import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHandoverElements } from '../../../../etl/src/scoring/detectors/detect-elements.js';
import { detectedElements } from '../../../../etl/src/scoring/detectors/detectors.schema.js';
import { loadDetectors } from '../../../../etl/src/scoring/detectors/load-detectors.js';
import type { StoreSession } from '../../../../etl/src/store/duckdb-store.js';
import { openTempStore, type TempStore } from '../../../setup/duckdb-file.js';

// Precision and recall of the default detectors on the hand-labelled handovers (fixtures/labelled/),
// per element, for dev and holdout separately. The holdout is never used while rules are developed
// (DECISIONS §8): set EQA_EVAL_SPLIT=dev to run and print the dev split alone; the holdout is then
// neither detected nor read. EQA_EVAL_DETECTORS=/path evaluates a draft rules file instead of the
// shipped one. Only the splits named in `splits` are read: steps of any other split (a fresh held-out
// set) are filtered out in the query and never detected.
//
// The first and only evaluation of the holdout (2026-11-24, rules as first committed) fell short of
// the bar on recall for five elements (the table below); the rules had been fitted too closely to the
// dev phrasings. That holdout is spent: it stays labelled as it is, guards against regressions at the
// figures it gave, and a fresh held-out set is the measure of the bar (fixtures/labelled/README.md).

const labelledPath = fileURLToPath(
  new URL('../../../../fixtures/labelled/handover-steps.jsonl', import.meta.url),
);
const splits = ['dev', 'holdout'] as const;
type Split = (typeof splits)[number];
const only = process.env.EQA_EVAL_SPLIT as Split | undefined;
const selected = splits.filter((s) => !only || s === only);
const bar = 0.85;
const detectorsPath = process.env.EQA_EVAL_DETECTORS || undefined;

/** The spent holdout's first (and only pre-tuning) measurement: precision and recall per element. */
const firstHoldoutMeasure: Record<string, [number, number]> = {
  problem: [21 / 22, 21 / 28],
  customer_ask: [26 / 27, 26 / 27],
  already_tried: [1, 20 / 24],
  dispute_source: [1, 8 / 12],
  timeline: [1, 21 / 24],
  severity: [1, 9 / 13],
  customer_repeated: [1, 6 / 10],
};

interface Counts {
  split: Split;
  element: string;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** Precision counts as failing when nothing is predicted, unless there is nothing to find. */
function precision(c: Counts): number {
  if (c.tp + c.fp === 0) {
    return c.fn === 0 ? 1 : 0;
  }
  return c.tp / (c.tp + c.fp);
}

function recall(c: Counts): number {
  return c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
}

function table(split: Split, rows: Counts[]): string {
  const steps = rows[0] ? rows[0].tp + rows[0].fp + rows[0].fn + rows[0].tn : 0;
  const head = ['element', 'tp', 'fp', 'fn', 'tn', 'precision', 'recall', ''];
  const lines = rows.map((c) => {
    const p = precision(c);
    const r = recall(c);
    return [
      c.element,
      String(c.tp),
      String(c.fp),
      String(c.fn),
      String(c.tn),
      p.toFixed(2),
      r.toFixed(2),
      p < bar || r < bar ? `below ${bar}` : '',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [
    `Handover detectors on fixtures/labelled, ${split} split (${steps} steps):`,
    format(head),
    ...lines.map(format),
  ].join('\n');
}

async function evaluate(session: StoreSession): Promise<Counts[]> {
  const labels = detectedElements.map((e) => `${e} BOOLEAN`).join(', ');
  await session.run(
    `CREATE OR REPLACE TEMP TABLE labelled AS
     SELECT id AS step_key, split, note, next_contact, labels
     FROM read_json($path, format = 'newline_delimited', columns = {
       id: 'VARCHAR', split: 'VARCHAR', note: 'VARCHAR', next_contact: 'VARCHAR',
       labels: 'STRUCT(${labels})'
     })
     WHERE list_contains(string_split($splits, ','), split)`,
    { path: labelledPath, splits: selected.join(',') },
  );
  await session.run(
    'CREATE OR REPLACE TEMP VIEW labelled_source AS SELECT step_key, note, next_contact FROM labelled',
  );
  await detectHandoverElements(session, await loadDetectors(detectorsPath), {
    source: 'labelled_source',
    target: 'labelled_detected',
  });
  const pairs = detectedElements
    .map(
      (e, i) => `SELECT ${i} AS ord, '${e}' AS element, l.split, d.${e} AS predicted, l.labels.${e} AS actual
      FROM labelled l JOIN labelled_detected d USING (step_key)`,
    )
    .join('\nUNION ALL\n');
  return session.all<Counts>(
    `SELECT split, element,
       count(*) FILTER (predicted AND actual)::INTEGER AS tp,
       count(*) FILTER (predicted AND NOT actual)::INTEGER AS fp,
       count(*) FILTER (NOT predicted AND actual)::INTEGER AS fn,
       count(*) FILTER (NOT predicted AND NOT actual)::INTEGER AS tn
     FROM (${pairs})
     GROUP BY split, element, ord
     ORDER BY split, ord`,
  );
}

describe('handover detectors on the labelled handovers', () => {
  let temp: TempStore;
  let counts: Counts[] = [];

  beforeAll(async () => {
    temp = await openTempStore();
    counts = await temp.store.withSession(evaluate);
  });

  afterAll(() => temp?.dispose());

  function check(split: Split): void {
    const rows = counts.filter((c) => c.split === split);
    console.log(table(split, rows));

    expect(rows.map((c) => c.element)).toEqual([...detectedElements]);
    const below = rows
      .filter((c) => precision(c) < bar || recall(c) < bar)
      .map((c) => `${c.element} (P ${precision(c).toFixed(2)}, R ${recall(c).toFixed(2)})`);
    expect(below).toEqual([]);
  }

  // EQA_EVAL_SPLIT=holdout skips the dev split here
  it.skipIf(!selected.includes('dev'))(
    `should reach ${bar} precision and recall on every element of the dev split`,
    () => check('dev'),
  );

  // EQA_EVAL_SPLIT=dev skips the holdout, which then is neither detected nor read
  it.skipIf(!selected.includes('holdout'))(
    'should not fall below its first measurement on the spent holdout split',
    () => {
      const rows = counts.filter((c) => c.split === 'holdout');
      console.log(table('holdout', rows));

      const worse = rows
        .filter((c) => {
          const [p, r] = firstHoldoutMeasure[c.element];
          return precision(c) < p - 1e-9 || recall(c) < r - 1e-9;
        })
        .map((c) => `${c.element} (P ${precision(c).toFixed(2)}, R ${recall(c).toFixed(2)})`);
      expect(rows).toHaveLength(detectedElements.length);
      expect(worse).toEqual([]);
    },
  );
});
