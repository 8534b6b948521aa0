import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../etl/src/index.js';
import { repoRoot } from '../../../server/src/config/env.js';
import type { LoadedFile, RejectRow } from '../../../server/src/contracts/data.contract.js';
import { startTestServer, type TestServer } from '../../setup/test-server.js';

const badFile = join(repoRoot, 'fixtures', 'bad', 'impossible-dates.csv');

describe('Data API', () => {
  let sut: TestServer;
  beforeAll(async () => {
    sut = await startTestServer({ tickets: 300, seed: 5 });
    await ingestPaths(sut.store, [badFile]);
  });
  afterAll(() => sut?.close());

  it('should list every loaded file with rows read, loaded and rejected, newest first', async () => {
    const files = (await (await sut.fetch(`${sut.url}/api/data/files`)).json()) as LoadedFile[];

    // the generated data set's seven files (offers and customers included) and the bad one
    expect(files).toHaveLength(8);
    expect(files[0]).toMatchObject({
      file: badFile,
      kind: 'tickets',
      rows_read: 5,
      rows_loaded: 1,
      rows_rejected: 4,
    });
    for (const f of files) {
      expect(f.rows_read).toBe(f.rows_loaded + f.rows_rejected);
    }
  });

  it('should page through the rejects of one file with their line, field and reason', async () => {
    const response = await sut.fetch(
      `${sut.url}/api/data/rejects?file=${encodeURIComponent(badFile)}&limit=2&offset=1`,
    );
    const body = (await response.json()) as { total: number; rows: RejectRow[] };

    expect(body.total).toBe(4);
    expect(body.rows.map((r) => [r.line, r.field, r.reason])).toEqual([
      [3, 'created_at', 'impossible date (before 1970 or after 2100)'],
      [4, 'created_at', 'impossible date (before 1970 or after 2100)'],
    ]);
  });

  it('should name a bad paging parameter', async () => {
    const response = await sut.fetch(`${sut.url}/api/data/rejects?limit=5000`);

    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe(
      'Invalid query: limit: Too big: expected number to be <=1000',
    );
  });
});
