// npm run bench:score [-- --tickets N]: rescoring the whole store against the four QA standards.
// Generates N tickets (1M by default; cached under data/bench/), ingests them once into a scratch
// store, then prints side by side in one process a reference — one ordered window pass over every
// event, the least any chain-aware scoring must do — and `eqa score` (every step and case, evidence,
// the daily sums), with the ratio, the seconds per stage and the peak memory.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { DuckDbStore, ingestPaths, loadScoringRules, scoreStore } from '../etl/src/index.js';
import { generateDataset } from '../fixtures/generator/generate-dataset.js';
import { benchDir, mb, peakRss, timed } from './bench-kit.js';

const options = new Command('bench:score')
  .option('--tickets <n>', 'tickets to generate', (v) => Number(v), 1_000_000)
  .option('--seed <n>', 'generator seed', (v) => Number(v), 1)
  .option('--runs <n>', 'scoring runs to time', (v) => Number(v), 2)
  .parse()
  .opts<{ tickets: number; seed: number; runs: number }>();

const exportDir = join(benchDir, `export-${options.tickets}-seed${options.seed}`);

if (!existsSync(join(exportDir, 'truth.json'))) {
  console.log(`generating ${options.tickets.toLocaleString('en')} tickets into ${exportDir} …`);
  await generateDataset({ tickets: options.tickets, seed: options.seed, out: exportDir });
}

const storePath = join(benchDir, `score-${options.tickets}-seed${options.seed}.duckdb`);
if (!existsSync(storePath)) {
  console.log(`ingesting into ${storePath} (once; kept for later runs) …`);
  const store = await DuckDbStore.open(storePath);
  await ingestPaths(store, [exportDir]);
  store.close();
}

const store = await DuckDbStore.open(storePath);
const [[counts]] = await timed(() =>
  store.all<{ events: number; steps: number }>(
    'SELECT (SELECT count(*) FROM events)::INTEGER AS events, (SELECT count(*) FROM escalation_steps)::INTEGER AS steps',
  ),
);
const [, referenceSeconds] = await timed(() =>
  store.run(`CREATE OR REPLACE TABLE bench_reference AS
    SELECT ticket_id, seq, lag(level IGNORE NULLS) OVER (PARTITION BY ticket_id ORDER BY "at", seq) AS prev_level
    FROM events`),
);
await store.run('DROP TABLE bench_reference');

const rules = await loadScoringRules();
const runs: Array<Awaited<ReturnType<typeof scoreStore>>> = [];
for (let i = 0; i < options.runs; i++) {
  runs.push(await scoreStore(store, rules));
}
store.close();

const best = runs.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
console.log('');
console.log(
  `${options.tickets.toLocaleString('en')} tickets: ${counts.events.toLocaleString('en')} events, ` +
    `${counts.steps.toLocaleString('en')} escalation steps, ${best.cases.toLocaleString('en')} scored cases`,
);
console.log('| step | seconds | ratio |');
console.log('|---|---|---|');
console.log(`| reference: one ordered window pass over the events | ${referenceSeconds.toFixed(2)} | 1.00 |`);
for (const [i, run] of runs.entries()) {
  console.log(
    `| eqa score, run ${i + 1} (4 standards, evidence, daily sums) | ${run.seconds.toFixed(2)} | ${(run.seconds / referenceSeconds).toFixed(2)} |`,
  );
}
console.log('');
console.log(
  `stages of the best run: ${Object.entries(best.stages)
    .map(([stage, s]) => `${stage} ${s.toFixed(2)} s`)
    .join(', ')}`,
);
console.log(`peak memory (RSS): ${mb(peakRss())}; bar: under 60 s for 1M tickets`);
