import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHandoverElements } from '../../../../etl/src/scoring/detectors/detect-elements.js';
import { detectedElements } from '../../../../etl/src/scoring/detectors/detectors.schema.js';
import { loadDetectors } from '../../../../etl/src/scoring/detectors/load-detectors.js';
import type { StoreSession } from '../../../../etl/src/store/duckdb-store.js';
import { openTempStore, type TempStore } from '../../../setup/duckdb-file.js';

// Precision and recall of the default detectors on the hand-labelled handovers (fixtures/labelled/),
// per element and per split. A held-out split is never used while rules are developed (DECISIONS §8).
// Each split is read from its own file in `sources`, and only the steps of that split: steps of any
// other split are filtered out in the query and never detected. EQA_EVAL_SPLIT=dev runs and prints
// one split alone; EQA_EVAL_DETECTORS=/path evaluates a draft rules file instead of the shipped one;
// EQA_EVAL_MISSES=1 lists every wrong call under its split's table, with the rule and words behind a
// false positive.
//
// The first evaluation of the holdout (2026-11-24, rules as first committed) fell short of the bar on
// recall for five elements; the rules had been fitted to the dev phrasings. That holdout is spent: the
// rules of version 2 were written as word families and widened with its misses, so it is in-sample
// now and guards only against regressions, at the figures version 2 gave (`spentHoldoutFloor`). A
// fresh held-out split, measured once, is the measure of the bar (fixtures/labelled/README.md).
//
//   first measurement (P / R)   problem .95/.75  customer_ask .96/.96  already_tried 1/.83
//                               dispute_source 1/.67  timeline 1/.88  severity 1/.69  customer_repeated 1/.60
//
// Holdout-2 (60 steps, written without sight of the rules) was measured once, on 2026-11-24 with
// default-2025.2, and the bar held on five elements:
//
//   one measurement (tp fp fn tn, P / R)   problem 42 4 5 9 .91/.89     customer_ask 39 1 4 16 .97/.91
//                                          already_tried 32 3 5 20 .91/.86   timeline 32 3 5 20 .91/.86
//                                          severity 20 1 0 39 .95/1     dispute_source 15 1 4 40 .94/.79
//                                          customer_repeated 8 3 4 45 .73/.67
//
// Then it was spent on dispute_source and customer_repeated: default-2025.3 added `all` rules, a veto
// and the structural `restated` repeat after reading its misses (fixtures/labelled/README.md, Holdout
// 2). The other five elements' rules did not change, and its figures for them are still that one
// measurement. Every split here is now in-sample for those two; their floors below are regression
// guards at the figures default-2025.3 gives, and a third held-out set, written without sight of the
// rules, is the measure of the bar.
//
// Holdout-3 (100 steps, written without sight of the rules) was measured once, on 2026-11-24 with
// default-2025.3, and the bar held on four elements:
//
//   one measurement (tp fp fn tn, P / R)   problem 72 4 11 13 .95/.87    customer_ask 76 2 3 19 .97/.96
//                                          already_tried 46 1 22 31 .98/.68   timeline 62 3 6 29 .95/.91
//                                          severity 28 8 11 53 .78/.72  dispute_source 30 4 9 57 .88/.77
//                                          customer_repeated 24 1 4 71 .96/.86
//
// Then it was spent: default-2025.4 widened the families of already_tried, dispute_source, severity
// and problem after reading its misses (fixtures/labelled/README.md, Holdout 3). Its floor below is an
// in-sample regression guard at the figures default-2025.4 gives; the figures above stay its one
// measurement, and a fourth held-out set, written without sight of the rules, is the measure of the bar.
//
// Holdout-4 (100 steps, written without sight of the rules) was measured once, on 2026-11-24 with
// default-2025.4, and the bar held on four elements:
//
//   one measurement (tp fp fn tn, P / R)   problem 68 6 15 11 .92/.82    customer_ask 78 3 2 17 .96/.97
//                                          already_tried 54 5 17 24 .92/.76   timeline 65 5 6 24 .93/.92
//                                          severity 31 3 5 61 .91/.86   dispute_source 34 3 9 54 .92/.79
//                                          customer_repeated 26 4 2 68 .87/.93
//
// Then it was spent: default-2025.5 added a learned part (a logistic regression over the note's words,
// etl/src/scoring/detectors/learned-model.ts) for problem, already_tried and dispute_source, trained on
// every labelled step then known (holdout-4 included) and with its thresholds chosen on holdout-4 by
// 10-fold cross-validation; default-2025.6 narrowed two rule words after seeing their false positives
// on it. Its floor below guards the in-sample figures version 6 gives.
//
// Holdout-5 (100 steps, written without sight of the rules) was measured once, on 2026-11-24 with
// default-2025.5, and the bar held on four elements, problem and already_tried among them for the
// first time on a fresh set:
//
//   one measurement (tp fp fn tn, P / R)   problem 83 2 1 14 .98/.99     customer_ask 79 2 3 16 .98/.96
//                                          already_tried 64 11 4 21 .85/.94  timeline 77 1 3 19 .99/.96
//                                          severity 24 5 15 56 .83/.62  dispute_source 29 5 12 54 .85/.71
//                                          customer_repeated 31 3 13 53 .91/.70
//
// Then it was spent: default-2025.6 widened severity (ages, conditions, a death in the family, more
// bodies a customer may go to, a business at a standstill), dispute_source (our decision with the
// reason we gave), customer_repeated ("I told your receptionist", number words) after reading its
// misses, and the learned part was retrained with it (481 steps). Its floor guards version 6's figures.
//
// Holdout-6 (100 steps, written after version 6 without sight of the rules or the weights) was
// measured once, on 2026-11-24 with default-2025.6, and the bar held on four elements:
//
//   one measurement (tp fp fn tn, P / R)   problem 80 4 2 14 .95/.98     customer_ask 74 3 5 18 .96/.94
//                                          already_tried 55 14 8 23 .80/.87  timeline 67 3 8 22 .96/.89
//                                          severity 34 4 12 50 .89/.74  dispute_source 33 3 12 52 .92/.73
//                                          customer_repeated 28 0 1 71 1/.97
//
// Then it was spent: default-2025.7 chose new thresholds with it (cross-validated, as for holdout-4)
// and retrained the learned part with it (581 steps); its floor guards version 7's figures.
//
// Holdout-7 (100 steps, written after version 7 without sight of the rules or the weights) was
// measured once, on 2026-11-24 with default-2025.7, and the bar held on four elements:
//
//   one measurement (tp fp fn tn, P / R)   problem 83 6 1 10 .93/.99     customer_ask 77 2 5 16 .97/.94
//                                          already_tried 63 2 12 23 .97/.84  timeline 75 7 3 15 .91/.96
//                                          severity 35 5 12 48 .88/.74  dispute_source 41 7 11 41 .85/.79
//                                          customer_repeated 29 3 0 68 .91/1
//
// Then it was spent: default-2025.8 chose its thresholds on holdouts 6 and 7 (cross-validated), read
// its misses to widen severity, and retrained the learned part with it (681 steps).
//
// Holdout-8 (100 steps, written after version 8 without sight of the rules or the weights) was
// measured once, on 2026-11-24 with default-2025.8, and the bar held on five elements:
//
//   one measurement (tp fp fn tn, P / R)   problem 82 9 2 7 .90/.98      customer_ask 80 3 2 15 .96/.98
//                                          already_tried 67 10 4 19 .87/.94  timeline 72 5 2 21 .94/.97
//                                          severity 37 7 2 54 .84/.95   dispute_source 36 10 10 44 .78/.78
//                                          customer_repeated 30 4 0 66 .88/1
//
// Then it was spent: default-2025.9 chose its thresholds on holdouts 6 and 8 (cross-validated) and
// retrained the learned part with it (781 steps).
//
// Holdout-9 (100 steps, written after version 9 without sight of the rules or the weights) was
// measured once, on 2026-11-24 with default-2025.9, and the bar held on four elements:
//
//   one measurement (tp fp fn tn, P / R)   problem 83 2 1 14 .98/.99     customer_ask 74 4 5 17 .95/.94
//                                          already_tried 53 11 9 27 .83/.85  timeline 70 4 4 22 .95/.95
//                                          severity 43 11 8 38 .80/.84  dispute_source 42 3 9 46 .93/.82
//                                          customer_repeated 31 1 0 68 .97/1
//
// Holdouts 10 to 12 (300 steps, written together after version 9 without sight of the rules or the
// weights) were measured once, on 2026-11-24 with default-2025.9; pooled, the bar held on five elements:
//
//   one measurement (tp fp fn tn, P / R)   problem 191 43 14 52 .82/.93  customer_ask 195 8 9 88 .96/.96
//                                          already_tried 165 18 24 93 .90/.87  timeline 183 14 11 92 .93/.94
//                                          severity 99 20 17 164 .83/.85  dispute_source 89 12 16 183 .88/.85
//                                          customer_repeated 93 12 12 183 .89/.89

const labelledPath = fileURLToPath(
  new URL('../../../../fixtures/labelled/handover-steps.jsonl', import.meta.url),
);
/** Where each split's steps are read from; a new split gets its file here and its floor below. */
const sources: Record<string, string> = {
  dev: labelledPath,
  holdout: labelledPath,
  'holdout-2': fileURLToPath(
    new URL('../../../../fixtures/labelled/handover-steps-holdout-2.jsonl', import.meta.url),
  ),
  ...Object.fromEntries(
    [3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => [
      `holdout-${n}`,
      fileURLToPath(
        new URL(`../../../../fixtures/labelled/handover-steps-holdout-${n}.jsonl`, import.meta.url),
      ),
    ]),
  ),
};
type Split = string;
const splits = Object.keys(sources) as Split[];
const only = process.env.EQA_EVAL_SPLIT as Split | undefined;
const selected = splits.filter((s) => !only || s === only);
const bar = 0.85;
const detectorsPath = process.env.EQA_EVAL_DETECTORS || undefined;
const printMisses = Boolean(process.env.EQA_EVAL_MISSES);

/** The spent holdout's precision and recall per element, as versions 2 and 3 give them. */
const spentHoldoutFloor: Record<string, [number, number]> = {
  problem: [1, 1],
  customer_ask: [1, 1],
  already_tried: [1, 1],
  dispute_source: [1, 1],
  timeline: [1, 1],
  severity: [1, 1],
  customer_repeated: [1, 1],
};

/**
 * Holdout-2's precision and recall with default-2025.3: its one measurement for the five elements
 * whose rules did not change, in-sample figures for dispute_source and customer_repeated (12 tp, 1 fp:
 * HS2-060, where the problem detector's false positive let a restatement count).
 */
const holdout2Floor: Record<string, [number, number]> = {
  problem: [42 / 46, 42 / 47],
  customer_ask: [39 / 40, 39 / 43],
  already_tried: [32 / 35, 32 / 37],
  dispute_source: [1, 1],
  timeline: [32 / 35, 32 / 37],
  severity: [20 / 21, 1],
  customer_repeated: [12 / 13, 1],
};

/**
 * Holdout-3 with default-2025.4: in-sample regression guards now, since its misses were read to widen
 * the rules of version 4 (its one measurement, with default-2025.3, is in the header above).
 */
const holdout3Floor: Record<string, [number, number]> = {
  problem: [83 / 85, 1],
  customer_ask: [76 / 78, 76 / 79],
  already_tried: [68 / 69, 1],
  dispute_source: [39 / 41, 1],
  timeline: [62 / 65, 62 / 68],
  severity: [1, 1],
  customer_repeated: [25 / 26, 25 / 28],
};

/**
 * Holdout-4 with default-2025.9: in-sample regression guards, since it trained the learned part and
 * chose version 5's and 7's thresholds (its one measurement, with default-2025.4, is in the header).
 */
const holdout4Floor: Record<string, [number, number]> = {
  problem: [81 / 87, 81 / 83],
  customer_ask: [78 / 81, 78 / 80],
  already_tried: [61 / 66, 61 / 71],
  dispute_source: [43 / 46, 1],
  timeline: [68 / 73, 68 / 71],
  severity: [35 / 38, 35 / 36],
  customer_repeated: [26 / 30, 26 / 28],
};

/**
 * Holdout-5 with default-2025.9: in-sample regression guards, since its misses widened the rules of
 * version 6 and it trains the learned part (its one measurement, with default-2025.5, is in the header).
 */
const holdout5Floor: Record<string, [number, number]> = {
  problem: [83 / 84, 83 / 84],
  customer_ask: [79 / 81, 79 / 82],
  already_tried: [63 / 70, 63 / 68],
  dispute_source: [40 / 43, 40 / 41],
  timeline: [77 / 78, 77 / 80],
  severity: [39 / 44, 1],
  customer_repeated: [35 / 38, 35 / 44],
};

/**
 * Holdout-6 with default-2025.9: in-sample regression guards, since it chose the thresholds of
 * versions 7 and 8 and trains the learned part (its one measurement, with default-2025.6, is in the
 * header).
 */
const holdout6Floor: Record<string, [number, number]> = {
  problem: [81 / 85, 81 / 82],
  customer_ask: [74 / 77, 74 / 79],
  already_tried: [59 / 68, 59 / 63],
  dispute_source: [45 / 47, 1],
  timeline: [71 / 74, 71 / 75],
  severity: [44 / 48, 44 / 46],
  customer_repeated: [1, 28 / 29],
};

/**
 * Holdout-7 with default-2025.9: in-sample regression guards, since it chose version 8's thresholds,
 * its misses widened severity and it trains the learned part (its one measurement, with
 * default-2025.7, is in the header).
 */
const holdout7Floor: Record<string, [number, number]> = {
  problem: [83 / 85, 83 / 84],
  customer_ask: [77 / 79, 77 / 82],
  already_tried: [69 / 71, 69 / 75],
  dispute_source: [52 / 56, 1],
  timeline: [77 / 80, 77 / 78],
  severity: [46 / 50, 46 / 47],
  customer_repeated: [28 / 31, 28 / 29],
};

/**
 * Holdout-8 with default-2025.9: in-sample regression guards, since it chose version 9's thresholds
 * and trains its learned part (its one measurement, with default-2025.8, is in the header above).
 */
const holdout8Floor: Record<string, [number, number]> = {
  problem: [83 / 92, 83 / 84],
  customer_ask: [80 / 83, 80 / 82],
  already_tried: [68 / 72, 68 / 71],
  dispute_source: [44 / 47, 44 / 46],
  timeline: [72 / 75, 72 / 74],
  severity: [1, 1],
  customer_repeated: [30 / 34, 1],
};

/**
 * Holdout-9's one measurement, with default-2025.9 (100 steps written without sight of the rules or
 * the weights, 2026-11-24): the bar holds on four elements; already_tried, dispute_source and
 * severity fall short. Unspent: its misses have not been read.
 */
const holdout9Floor: Record<string, [number, number]> = {
  problem: [83 / 85, 83 / 84],
  customer_ask: [74 / 78, 74 / 79],
  already_tried: [53 / 64, 53 / 62],
  dispute_source: [42 / 45, 42 / 51],
  timeline: [70 / 74, 70 / 74],
  severity: [43 / 54, 43 / 51],
  customer_repeated: [31 / 32, 1],
};

/**
 * Holdouts 10 to 12's one measurement, with default-2025.9 (300 steps written together without sight
 * of the rules or the weights, 2026-11-24; fixtures/labelled/README.md, Holdout 10). Spent since.
 */
const holdout10Floor: Record<string, [number, number]> = {
  problem: [64 / 84, 64 / 68],
  customer_ask: [1, 65 / 68],
  already_tried: [53 / 63, 53 / 64],
  dispute_source: [33 / 34, 33 / 37],
  timeline: [59 / 65, 59 / 61],
  severity: [34 / 42, 34 / 41],
  customer_repeated: [31 / 37, 31 / 35],
};

const holdout11Floor: Record<string, [number, number]> = {
  problem: [63 / 74, 63 / 68],
  customer_ask: [65 / 70, 65 / 68],
  already_tried: [59 / 63, 59 / 63],
  dispute_source: [26 / 33, 26 / 34],
  timeline: [61 / 64, 61 / 65],
  severity: [32 / 39, 32 / 35],
  customer_repeated: [28 / 29, 28 / 32],
};

const holdout12Floor: Record<string, [number, number]> = {
  problem: [64 / 76, 64 / 69],
  customer_ask: [65 / 68, 65 / 68],
  already_tried: [53 / 57, 53 / 62],
  dispute_source: [30 / 34, 30 / 34],
  timeline: [63 / 68, 63 / 68],
  severity: [33 / 38, 33 / 40],
  customer_repeated: [34 / 39, 34 / 38],
};

interface Miss {
  split: Split;
  step_key: string;
  element: string;
  predicted: boolean;
  evidence: string | null;
}

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

function table(split: Split, rows: Counts[], misses: Miss[]): string {
  const wrong = misses
    .filter((m) => m.split === split)
    .map(
      (m) =>
        `  ${m.predicted ? 'FP' : 'FN'} ${m.element} ${m.step_key}${m.evidence ? ` (${m.evidence})` : ''}`,
    );
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
    ...wrong,
  ].join('\n');
}

async function evaluate(session: StoreSession): Promise<{ counts: Counts[]; misses: Miss[] }> {
  if (!selected.length) {
    return { counts: [], misses: [] };
  }
  const labels = detectedElements.map((e) => `${e} BOOLEAN`).join(', ');
  // one read per split, of that split's file and of that split's steps only
  const reads = selected.map(
    (_, i) => `SELECT id AS step_key, split, note, next_contact, labels
     FROM read_json($path${i}, format = 'newline_delimited', columns = {
       id: 'VARCHAR', split: 'VARCHAR', note: 'VARCHAR', next_contact: 'VARCHAR',
       labels: 'STRUCT(${labels})'
     })
     WHERE split = $split${i}`,
  );
  await session.run(
    `CREATE OR REPLACE TEMP TABLE labelled AS ${reads.join('\nUNION ALL\n')}`,
    Object.fromEntries(
      selected.flatMap((split, i) => [
        [`path${i}`, sources[split]],
        [`split${i}`, split],
      ]),
    ),
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
      (e, i) => `SELECT ${i} AS ord, '${e}' AS element, l.split, step_key, d.${e} AS predicted,
        l.labels.${e} AS actual,
        list_filter(d.evidence, lambda ev: ev.element = '${e}')[1] AS ev
      FROM labelled l JOIN labelled_detected d USING (step_key)`,
    )
    .join('\nUNION ALL\n');
  // EQA_EVAL_MISSES=1: every wrong call with the rule and words that made a false positive
  const misses = printMisses
    ? await session.all<Miss>(
        `SELECT split, step_key, element, predicted,
           CASE WHEN ev IS NOT NULL THEN ev.rule || ': ' || ev.excerpt END AS evidence
         FROM (${pairs}) WHERE predicted <> actual ORDER BY split, ord, step_key`,
      )
    : [];
  const counts = await session.all<Counts>(
    `SELECT split, element,
       count(*) FILTER (predicted AND actual)::INTEGER AS tp,
       count(*) FILTER (predicted AND NOT actual)::INTEGER AS fp,
       count(*) FILTER (NOT predicted AND actual)::INTEGER AS fn,
       count(*) FILTER (NOT predicted AND NOT actual)::INTEGER AS tn
     FROM (${pairs})
     GROUP BY split, element, ord
     ORDER BY split, ord`,
  );
  return { counts, misses };
}

describe('handover detectors on the labelled handovers', () => {
  let temp: TempStore;
  let counts: Counts[] = [];
  let misses: Miss[] = [];

  beforeAll(async () => {
    temp = await openTempStore();
    ({ counts, misses } = await temp.store.withSession(evaluate));
  });

  afterAll(() => temp?.dispose());

  function check(split: Split): void {
    const rows = counts.filter((c) => c.split === split);
    console.log(table(split, rows, misses));

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

  // Each held-out split guards a floor: its one measurement while it is unspent, the in-sample figures
  // of the version it was spent on after that (the header tells each story). EQA_EVAL_SPLIT=dev skips
  // them all, and a skipped split is neither read nor detected.
  const floors: { split: Split; floor: Record<string, [number, number]>; title: string }[] = [
    { split: 'holdout', floor: spentHoldoutFloor, title: 'the figures of versions 2 and 3 (spent)' },
    {
      split: 'holdout-2',
      floor: holdout2Floor,
      title: 'the figures of default-2025.3 (spent on two elements)',
    },
    { split: 'holdout-3', floor: holdout3Floor, title: 'the figures of default-2025.4 (spent)' },
    { split: 'holdout-4', floor: holdout4Floor, title: 'the figures of default-2025.9 (spent)' },
    { split: 'holdout-5', floor: holdout5Floor, title: 'the figures of default-2025.9 (spent)' },
    { split: 'holdout-6', floor: holdout6Floor, title: 'the figures of default-2025.9 (spent)' },
    { split: 'holdout-7', floor: holdout7Floor, title: 'the figures of default-2025.9 (spent)' },
    { split: 'holdout-8', floor: holdout8Floor, title: 'the figures of default-2025.9 (spent)' },
    { split: 'holdout-9', floor: holdout9Floor, title: 'its one measurement with default-2025.9' },
    { split: 'holdout-10', floor: holdout10Floor, title: 'its one measurement with default-2025.9' },
    { split: 'holdout-11', floor: holdout11Floor, title: 'its one measurement with default-2025.9' },
    { split: 'holdout-12', floor: holdout12Floor, title: 'its one measurement with default-2025.9' },
  ];

  for (const { split, floor, title } of floors) {
    it.skipIf(!selected.includes(split))(`should not fall below ${title} on the ${split} split`, () => {
      const rows = counts.filter((c) => c.split === split);
      console.log(table(split, rows, misses));

      const worse = rows
        .filter((c) => {
          const [p, r] = floor[c.element];
          return precision(c) < p - 1e-9 || recall(c) < r - 1e-9;
        })
        .map((c) => `${c.element} (P ${precision(c).toFixed(2)}, R ${recall(c).toFixed(2)})`);
      expect(rows).toHaveLength(detectedElements.length);
      expect(worse).toEqual([]);
    });
  }

  it('should guard a floor for every held-out split it reads', () => {
    expect(floors.map((f) => f.split)).toEqual(splits.filter((s) => s !== 'dev'));
  });
});
