import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../etl/src/index.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';

const samples = new URL('../../../fixtures/samples/canonical/', import.meta.url).pathname;
const tables = ['tickets', 'events', 'calls', 'agents', 'routing', 'offers', 'customers'];

/** Every canonical table's rows, without the source file column, in a stable order. */
async function contents(sut: TempStore) {
  const result: Record<string, unknown[]> = {};
  for (const table of tables) {
    result[table] = await sut.store.all(`SELECT * EXCLUDE (source_file) FROM ${table} ORDER BY ALL`);
  }
  return result;
}

describe('the canonical format as CSV, gzip, JSON lines and Parquet', () => {
  let dir: string;
  let expected: Record<string, unknown[]>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eqa-formats-'));
    const reference = await openTempStore();
    await ingestPaths(reference.store, [samples]);
    expected = await contents(reference);
    // Write the same data in the other formats with DuckDB itself (values as text, as exported).
    for (const name of readdirSync(samples).filter((n) => n.endsWith('.csv'))) {
      const base = name.replace('.csv', '');
      const source = `read_csv('${join(samples, name)}', all_varchar = true)`;
      await reference.store.run(
        `COPY (SELECT * FROM ${source}) TO '${join(dir, `${base}.ndjson`)}' (FORMAT json)`,
      );
      await reference.store.run(
        `COPY (SELECT * FROM ${source}) TO '${join(dir, `${base}.parquet`)}' (FORMAT parquet)`,
      );
      writeFileSync(join(dir, `${base}.csv.gz`), gzipSync(readFileSync(join(samples, name))));
    }
    reference.dispose();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['gzip CSV', '.csv.gz', 'canonical-csv'],
    ['JSON lines', '.ndjson', 'canonical-ndjson'],
    ['Parquet', '.parquet', 'canonical-parquet'],
  ])('should load %s into the same rows as CSV', async (_label, extension, format) => {
    const sut = await openTempStore();
    try {
      const files = tables.map((t) => join(dir, `${t}${extension}`));

      const summary = await ingestPaths(sut.store, files);

      expect(summary.files.map((f) => f.format)).toEqual(Array(tables.length).fill(format));
      expect(summary.rows_rejected).toBe(0);
      expect(await contents(sut)).toEqual(expected);
    } finally {
      sut.dispose();
    }
  });

  it('should reject a JSON line that is not an object, with its line, and load the others', async () => {
    const sut = await openTempStore();
    try {
      const file = join(dir, 'agents-bad.ndjson');
      writeFileSync(
        file,
        '{"agent_id":"A-1","name":"Priya","team":"North","department":"first_line"}\n{"agent_id": "A-2", oops}\n\n{"agent_id":"A-3","name":null,"team":"North","department":"first_line"}\n',
      );

      const summary = await ingestPaths(sut.store, [file]);

      expect(summary.files[0]).toMatchObject({ rows_read: 3, rows_loaded: 2, rows_rejected: 1 });
      expect(await sut.store.all('SELECT line, reason FROM rejects')).toEqual([
        { line: 2n, reason: 'not a JSON object' },
      ]);
    } finally {
      sut.dispose();
    }
  });
});
