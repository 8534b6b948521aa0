// npm run bench:search [-- --calls N --runs R]: generates a data set with at least N calls (1M by
// default) under a temporary folder (removed at the end), loads its calls and notes straight into a
// store, builds the search index, then prints for a set of queries the index's answer time (median and
// p95 over R warm runs) beside DuckDB's raw scan of the transcripts in the same process (ILIKE '%…%'
// per word), with the ratio, plus the index's build time and size.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { DuckDbStore, rebuildSearchIndex, searchDocuments } from '../etl/src/index.js';
import { generateDataset } from '../fixtures/generator/generate-dataset.js';
import { mb, timed } from './bench-kit.js';

const options = new Command('bench:search')
  .option('--calls <n>', 'calls in the store', (v) => Number(v), 1_000_000)
  .option('--runs <n>', 'timed runs per query, after one warm-up', (v) => Number(v), 9)
  .option('--seed <n>', 'generator seed', (v) => Number(v), 1)
  .parse()
  .opts<{ calls: number; runs: number; seed: number }>();

// The generator makes about 0.44 calls per ticket; ask for a few more tickets and keep the first N calls.
const ticketsPerCall = 1 / 0.42;

interface BenchQuery {
  label: string;
  query: string;
  /** The raw scan's equivalent: every pattern must occur in the transcript (substring, any case). */
  patterns: string[];
}

const queries: BenchQuery[] = [
  { label: 'common word', query: 'customer', patterns: ['customer'] },
  { label: 'rare word', query: 'ombudsman', patterns: ['ombudsman'] },
  { label: 'two words', query: 'overdraft charges', patterns: ['overdraft', 'charges'] },
  { label: 'three words', query: 'refund promised ago', patterns: ['refund', 'promised', 'ago'] },
  { label: 'three common words', query: 'agent customer thanks', patterns: ['agent', 'customer', 'thanks'] },
  { label: 'phrase', query: '"going to the ombudsman"', patterns: ['going to the ombudsman'] },
  {
    label: 'phrase of common words',
    query: '"thanks for your patience"',
    patterns: ['thanks for your patience'],
  },
  { label: 'prefix', query: 'escalat*', patterns: ['escalat'] },
];

const ms = (seconds: number) => (seconds * 1000).toFixed(0);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

/** Median and p95 (nearest rank) of `runs` timed runs after one untimed warm-up. */
async function measure<T>(
  runs: number,
  work: () => Promise<T>,
): Promise<{ result: T; median: number; p95: number }> {
  let [result] = await timed(work);
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [value, took] = await timed(work);
    result = value;
    seconds.push(took);
  }
  seconds.sort((a, b) => a - b);
  return {
    result,
    median: seconds[Math.floor((seconds.length - 1) / 2)]!,
    p95: seconds[Math.min(seconds.length - 1, Math.ceil(seconds.length * 0.95) - 1)]!,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'eqa-search-bench-'));
try {
  const exportDir = join(dir, 'export');
  const tickets = Math.ceil(options.calls * ticketsPerCall);
  console.log(`generating ${tickets.toLocaleString('en')} tickets into ${exportDir} …`);
  const [, generateSeconds] = await timed(() =>
    generateDataset({ tickets, seed: options.seed, out: exportDir }),
  );
  console.log(`generated in ${generateSeconds.toFixed(1)} s`);

  const storePath = join(dir, 'search.duckdb');
  const store = await DuckDbStore.open(storePath);
  // Straight loads, not `eqa ingest`: this measures the search, and the generator's files are clean.
  const [, loadSeconds] = await timed(async () => {
    await store.run(
      `INSERT INTO calls
       SELECT call_id, ticket_id, customer_id, agent_id, department, level, started_at, ended_at, direction,
              disposition, recording_url, transcript, 'calls.csv'
       FROM read_csv($path, header = true, all_varchar = true,
                     types = {'level': 'INTEGER', 'started_at': 'TIMESTAMP', 'ended_at': 'TIMESTAMP'})
       LIMIT $calls`,
      { path: join(exportDir, 'calls.csv'), calls: options.calls },
    );
    await store.run(
      `INSERT INTO events
       SELECT ticket_id, row_number() OVER (PARTITION BY ticket_id ORDER BY "at")::INTEGER, "at", type, level,
              department, agent_id, escalation_type, note, status, value, 'events.csv'
       FROM read_csv($path, header = true, all_varchar = true, types = {'level': 'INTEGER', 'at': 'TIMESTAMP'})
       WHERE length(trim(note)) > 0`,
      { path: join(exportDir, 'events.csv') },
    );
    await store.run('CHECKPOINT');
  });
  rmSync(exportDir, { recursive: true, force: true });
  const [{ calls, notes }] = await store.all<{ calls: number; notes: number }>(
    'SELECT (SELECT count(*) FROM calls)::INTEGER AS calls, (SELECT count(*) FROM events)::INTEGER AS notes',
  );
  console.log(
    `loaded ${calls.toLocaleString('en')} calls and ${notes.toLocaleString('en')} notes in ${loadSeconds.toFixed(1)} s`,
  );

  const sizeBefore = statSync(storePath).size;
  console.log(`building the search index (machine load ${load()}) …`);
  const summary = await rebuildSearchIndex(store);
  await store.run('CHECKPOINT');
  const sizeAfter = statSync(storePath).size;
  const tables = await store.all<{ name: string; rows: number; blocks: number }>(
    `SELECT name, rows, blocks FROM (
       SELECT 'search_postings' AS name, (SELECT count(*) FROM search_postings)::BIGINT AS rows,
              (SELECT count(DISTINCT block_id) FROM pragma_storage_info('search_postings') WHERE block_id >= 0)::BIGINT AS blocks
       UNION ALL
       SELECT 'search_docs', (SELECT count(*) FROM search_docs),
              (SELECT count(DISTINCT block_id) FROM pragma_storage_info('search_docs') WHERE block_id >= 0)
       UNION ALL
       SELECT 'search_terms', (SELECT count(*) FROM search_terms),
              (SELECT count(DISTINCT block_id) FROM pragma_storage_info('search_terms') WHERE block_id >= 0))`,
  );
  const [{ block_size }] = await store.all<{ block_size: number }>(
    'SELECT block_size::INTEGER AS block_size FROM pragma_database_size()',
  );

  console.log('');
  console.log(
    `store: ${calls.toLocaleString('en')} calls, ${notes.toLocaleString('en')} notes; ${options.runs} warm runs per query, ` +
      `kind 'call', 20 hits with snippets; machine load ${load()} (2 cores, shared)`,
  );
  console.log(
    '| query | search | hits (index) | index median ms | index p95 ms | rows (ILIKE scan) | scan median ms | scan p95 ms | scan / index |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const { label, query, patterns } of queries) {
    const index = await measure(options.runs, () =>
      searchDocuments(store, { query, kind: 'call', limit: 20 }),
    );
    const where = patterns.map((_, i) => `transcript ILIKE $p${i}`).join(' AND ');
    const params = Object.fromEntries(patterns.map((pattern, i) => [`p${i}`, `%${pattern}%`]));
    const scan = await measure(options.runs, () =>
      store.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM calls WHERE ${where}`, params),
    );
    console.log(
      `| ${label} | \`${query}\` | ${index.result.total.toLocaleString('en')} | ${ms(index.median)} | ${ms(index.p95)} | ` +
        `${scan.result[0]!.n.toLocaleString('en')} | ${ms(scan.median)} | ${ms(scan.p95)} | ${(scan.median / index.median).toFixed(1)} |`,
    );
  }
  console.log('');
  console.log(
    `index build: ${summary.seconds.toFixed(1)} s for ${summary.documents.toLocaleString('en')} documents ` +
      `(${summary.terms.toLocaleString('en')} terms); store file ${mb(sizeBefore)} → ${mb(sizeAfter)} ` +
      `(+${mb(sizeAfter - sizeBefore)})`,
  );
  console.log(
    `index tables: ${tables.map((t) => `${t.name} ${Number(t.rows).toLocaleString('en')} rows ≈ ${mb(Number(t.blocks) * block_size)}`).join(', ')}`,
  );
  console.log(`peak memory (RSS): ${mb(process.resourceUsage().maxRSS * 1024)}`);
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
