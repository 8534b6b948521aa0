import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  chooseThresholds,
  DuckDbStore,
  defaultTrainingOptions,
  formatWeights,
  type HandoverElement,
  handoverElements,
  loadDetectors,
  type ThresholdChoice,
  trainLearnedWeights,
} from '../../../etl/src/index.js';
import { CliError } from './cli-error.js';

/** The labelled files, resolved, or a CliError naming the ones that do not exist. */
function labelledPaths(files: readonly string[]): string[] {
  const paths = files.map((f) => resolve(f));
  const missing = files.filter((_, i) => !existsSync(paths[i]));
  if (missing.length) {
    throw new CliError(`no such labelled file: ${missing.join(', ')}`);
  }
  return paths;
}

/** A comma-separated option as a list of names. */
const names = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * `eqa train-detectors`: fits the learned part of the handover detectors on hand-labelled steps and
 * writes the weights file that a detectors file's `learned: weights:` names. `npm run train:detectors`
 * remakes the shipped one from fixtures/labelled/.
 */
export function addTrainDetectorsCommand(program: Command): void {
  program
    .command('train-detectors')
    .description('Fit the learned handover detectors on hand-labelled steps and write their weights file')
    .argument('<files...>', 'labelled steps, JSON lines as in fixtures/labelled/ (note, labels, split)')
    .requiredOption('--out <file>', 'the weights file to write (tab-separated)')
    .option('--exclude-split <names>', 'leave out the steps of these splits (held-out sets), comma-separated')
    .option('--lambda <number>', 'L2 penalty on the weights', String(defaultTrainingOptions.lambda))
    .action(async (files: string[], options: { out: string; excludeSplit?: string; lambda: string }) => {
      const lambda = Number(options.lambda);
      if (!Number.isFinite(lambda) || lambda < 0) {
        throw new CliError(`--lambda: expected a number of 0 or more, found '${options.lambda}'`);
      }
      const paths = labelledPaths(files);
      const excludeSplits = names(options.excludeSplit);
      const store = await DuckDbStore.open(':memory:');
      try {
        const trained = await store.withSession((session) =>
          trainLearnedWeights(session, paths, handoverElements, {
            ...defaultTrainingOptions,
            lambda,
            excludeSplits,
          }),
        );
        if (!trained.steps) {
          throw new CliError(
            'no labelled steps to train on (every step was left out, or the files are empty)',
          );
        }
        const splits = Object.entries(trained.splits)
          .map(([split, n]) => `${split} ${n}`)
          .join(', ');
        writeFileSync(
          resolve(options.out),
          formatWeights(trained.weights, [
            'Weights of the learned handover detectors (handover-detectors.yaml, learned:): per element,',
            'a logistic regression over the tokens of the note (etl/src/scoring/detectors/learned-model.ts).',
            `Made by eqa train-detectors from ${trained.steps} labelled steps (${splits}),`,
            `lambda ${lambda}. Do not edit by hand: retrain.`,
          ]),
        );
        console.error(`Trained on ${trained.steps} steps (${splits}); wrote ${options.out}`);
      } finally {
        store.close();
      }
    });
}

/**
 * `eqa choose-thresholds`: proposes the learned part's cuts (`learned: thresholds`, `overrule_below`,
 * `weak_below` for an element with rules marked weak)
 * from labelled steps: each measured split left out in turn, the model fitted on the rest, and per
 * element the cuts that make the worse of precision and recall of rules and model together highest.
 */
export function addChooseThresholdsCommand(program: Command): void {
  program
    .command('choose-thresholds')
    .description("Propose the learned detectors' thresholds from labelled steps, out of fold")
    .argument('<files...>', 'labelled steps, JSON lines as in fixtures/labelled/ (note, labels, split)')
    .requiredOption('--measure <splits>', 'the splits to measure on, each left out of training in turn')
    .option('--exclude-split <names>', 'leave these splits out of everything (sets kept for later)')
    .option('--overrule <elements>', 'elements the model may overrule the rules of, comma-separated')
    .option('--detectors <file>', 'the detectors file whose rules run (default: the shipped one)')
    .action(
      async (
        files: string[],
        options: { measure: string; excludeSplit?: string; overrule?: string; detectors?: string },
      ) => {
        const paths = labelledPaths(files);
        const measureSplits = names(options.measure);
        const overrule = names(options.overrule);
        const unknown = overrule.filter((e) => !(handoverElements as readonly string[]).includes(e));
        if (unknown.length) {
          throw new CliError(
            `--overrule: expected elements (${handoverElements.join(', ')}), found ${unknown.join(', ')}`,
          );
        }
        const detectors = await loadDetectors(options.detectors);
        const store = await DuckDbStore.open(':memory:');
        try {
          const { choices, steps } = await store.withSession((session) =>
            chooseThresholds(session, paths, detectors, {
              measureSplits,
              excludeSplits: names(options.excludeSplit),
              overrule: overrule as HandoverElement[],
            }),
          );
          const absent = measureSplits.filter((s) => !steps[s]);
          if (absent.length) {
            throw new CliError(
              `--measure: no labelled steps in split ${absent.join(', ')} (the files hold ${Object.keys(steps).join(', ')})`,
            );
          }
          const measured = measureSplits.reduce((n, s) => n + (steps[s] ?? 0), 0);
          console.log(thresholdTable(choices, measured));
        } finally {
          store.close();
        }
      },
    );
}

/** The proposal as a text table, with the lines to paste under `learned:`. */
function thresholdTable(choices: readonly ThresholdChoice[], measured: number): string {
  const pr = (p: { precision: number; recall: number }) => `${p.precision.toFixed(2)}/${p.recall.toFixed(2)}`;
  const rows = choices.map((c) => [
    c.element,
    pr(c.rules),
    c.threshold === null ? 'rules alone' : String(c.threshold),
    c.overruleBelow === null ? '-' : String(c.overruleBelow),
    c.weakBelow === null ? '-' : String(c.weakBelow),
    pr(c.chosen),
  ]);
  const head = ['element', 'rules P/R', 'threshold', 'overrule below', 'weak below', 'chosen P/R'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const withThreshold = choices.filter((c) => c.threshold !== null);
  const overruled = choices.filter((c) => c.overruleBelow !== null);
  const weighed = choices.filter((c) => c.weakBelow !== null);
  return [
    `Out of fold on ${measured} steps (each measured split left out of training in turn):`,
    line(head),
    ...rows.map(line),
    '',
    'learned:',
    '  thresholds:',
    ...withThreshold.map((c) => `    ${c.element}: ${c.threshold}`),
    ...(overruled.length
      ? ['  overrule_below:', ...overruled.map((c) => `    ${c.element}: ${c.overruleBelow}`)]
      : []),
    ...(weighed.length ? ['  weak_below:', ...weighed.map((c) => `    ${c.element}: ${c.weakBelow}`)] : []),
  ].join('\n');
}
