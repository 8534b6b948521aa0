// npm run bench:ingest [-- --tickets N]: generates N tickets (1M by default; cached under
// data/bench/) and prints, side by side in one process, DuckDB's own raw read of the same files and
// `eqa ingest` (checks, rejects, natural keys, escalation chains, the Overview's aggregates), with the
// ratio and the peak memory.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { DuckDbStore, ingestPaths } from '../etl/src/index.js';
import { generateDataset } from '../fixtures/generator/generate-dataset.js';
import { benchDir, mb, peakRss, timed } from './bench-kit.js';

const options = new Command('bench:ingest')
  .option('--tickets <n>', 'tickets to generate', (v) => Number(v), 1_000_000)
  .option('--seed <n>', 'generator seed', (v) => Number(v), 1)
  .parse()
  .opts<{ tickets: number; seed: number }>();

const exportDir = join(benchDir, `export-${options.tickets}-seed${options.seed}`);
const files = ['tickets.csv', 'events.csv', 'calls.csv', 'agents.csv', 'routing.csv'];

if (!existsSync(join(exportDir, 'truth.json'))) {
  console.log(`generating ${options.tickets.toLocaleString('en')} tickets into ${exportDir} …`);
  const [, seconds] = await timed(() =>
    generateDataset({ tickets: options.tickets, seed: options.seed, out: exportDir }),
  );
  console.log(`generated in ${seconds.toFixed(1)} s`);
}

// Reference: DuckDB reading the same files into tables, types inferred, no checks.
const rawPath = join(benchDir, 'raw-read.duckdb');
rmSync(rawPath, { force: true });
rmSync(`${rawPath}.wal`, { force: true });
const raw = await DuckDbStore.open(rawPath);
const [, rawSeconds] = await timed(async () => {
  for (const file of files) {
    await raw.run(`CREATE TABLE "${file.replace('.csv', '')}_raw" AS SELECT * FROM read_csv($path)`, {
      path: join(exportDir, file),
    });
  }
});
raw.close();
const rssAfterRaw = peakRss();

const storePath = join(benchDir, 'ingest.duckdb');
rmSync(storePath, { force: true });
rmSync(`${storePath}.wal`, { force: true });
mkdirSync(benchDir, { recursive: true });
const store = await DuckDbStore.open(storePath);
const [summary, ingestSeconds] = await timed(() => ingestPaths(store, [exportDir]));
store.close();

console.log('');
console.log(
  `files: ${files.map((f) => f.replace('.csv', '')).join(', ')} (${summary.rows_read.toLocaleString('en')} rows)`,
);
console.log('| step | seconds | ratio |');
console.log('|---|---|---|');
console.log(`| DuckDB raw read (CREATE TABLE AS SELECT * FROM read_csv) | ${rawSeconds.toFixed(2)} | 1.00 |`);
console.log(
  `| eqa ingest (checked, keyed, chains and aggregates built) | ${ingestSeconds.toFixed(2)} | ${(ingestSeconds / rawSeconds).toFixed(2)} |`,
);
console.log('');
console.log(
  `rows loaded ${summary.rows_loaded.toLocaleString('en')}, rejected ${summary.rows_rejected}, escalation steps ${summary.escalation_steps.toLocaleString('en')}`,
);
console.log(`peak memory (RSS): ${mb(rssAfterRaw)} after the raw read, ${mb(peakRss())} at the end`);
