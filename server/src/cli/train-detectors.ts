import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  DuckDbStore,
  defaultTrainingOptions,
  formatWeights,
  handoverElements,
  trainLearnedWeights,
} from '../../../etl/src/index.js';
import { CliError } from './cli-error.js';

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
      const paths = files.map((f) => resolve(f));
      const missing = files.filter((_, i) => !existsSync(paths[i]));
      if (missing.length) {
        throw new CliError(`no such labelled file: ${missing.join(', ')}`);
      }
      const excludeSplits = (options.excludeSplit ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
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
