// npm run bench:empowerment [-- --tickets N]: the Empowerment figures on a large store. Generates N
// tickets (1M by default; cached under data/bench/ with bench:score's), ingests and scores them once
// into a scratch store, then times the scoring run's `offers` stage and each query the page makes:
// the authority report, the fairness report (every comparison), the what-if at several amounts (it
// is recomputed on every slider release), the breakdown by each dimension, and a page of cases.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import {
  authorityReport,
  authorityWhatIf,
  DuckDbStore,
  ingestPaths,
  loadScoringRules,
  offerBreakdown,
  offerCases,
  offerDimensions,
  offerFairnessReport,
  scoreStore,
} from '../etl/src/index.js';
import { generateDataset } from '../fixtures/generator/generate-dataset.js';
import { benchDir, mb, peakRss, timed } from './bench-kit.js';

const options = new Command('bench:empowerment')
  .option('--tickets <n>', 'tickets to generate', (v) => Number(v), 1_000_000)
  .option('--seed <n>', 'generator seed', (v) => Number(v), 1)
  .parse()
  .opts<{ tickets: number; seed: number }>();

const exportDir = join(benchDir, `export-${options.tickets}-seed${options.seed}`);
if (!existsSync(join(exportDir, 'offers.csv'))) {
  console.log(`generating ${options.tickets.toLocaleString('en')} tickets into ${exportDir} …`);
  await generateDataset({ tickets: options.tickets, seed: options.seed, out: exportDir });
}
const storePath = join(benchDir, `empowerment-${options.tickets}-seed${options.seed}.duckdb`);
const fresh = !existsSync(storePath);
const store = await DuckDbStore.open(storePath);
if (fresh) {
  console.log(`ingesting into ${storePath} (once; kept for later runs) …`);
  await ingestPaths(store, [exportDir]);
}
const run = await scoreStore(store, await loadScoringRules());

const rows: [string, number][] = [
  [`scoring run, offers stage (of ${run.seconds.toFixed(1)} s)`, run.stages.offers ?? 0],
];
const time = async (label: string, work: () => Promise<unknown>) => {
  const [, seconds] = await timed(work);
  rows.push([label, seconds]);
};
const [[counts]] = await timed(() =>
  store.all<{ offers: number; facts: number; steps: number; cases: number }>(
    `SELECT (SELECT count(*) FROM offers)::INTEGER AS offers, (SELECT count(*) FROM offer_facts)::INTEGER AS facts,
            (SELECT count(*) FROM authority_steps)::INTEGER AS steps, (SELECT count(*) FROM offer_cases)::INTEGER AS cases`,
  ),
);
await time('authority report', () => authorityReport(store));
let flagged = 0;
await time('fairness report (every comparison and flag)', async () => {
  flagged = (await offerFairnessReport(store)).flags.length;
});
for (const upTo of [100, 250, 500, 1000]) {
  await time(`what-if: level 1 may grant refunds up to ${upTo}`, () =>
    authorityWhatIf(store, { kind: 'refund', level: 1, upTo }),
  );
}
for (const dimension of offerDimensions) {
  await time(`breakdown by ${dimension}`, () => offerBreakdown(store, { dimension }));
}
await time('breakdown by team within one category', () =>
  offerBreakdown(store, { dimension: 'team', category: 'refunds' }),
);
await time('a page of a flag’s cases', () =>
  offerCases(store, { flag: 'pushing', category: 'refunds', kind: 'refund' }, { limit: 25 }),
);
store.close();

console.log('');
console.log(
  `${options.tickets.toLocaleString('en')} tickets: ${counts.offers.toLocaleString('en')} offer rows, ` +
    `${counts.facts.toLocaleString('en')} offers, ${counts.steps.toLocaleString('en')} authority steps, ` +
    `${counts.cases.toLocaleString('en')} cases compared; ${flagged} flags`,
);
console.log('| step | seconds |');
console.log('|---|---|');
for (const [label, seconds] of rows) {
  console.log(`| ${label} | ${seconds.toFixed(2)} |`);
}
console.log(`peak memory (RSS): ${mb(peakRss())}`);
