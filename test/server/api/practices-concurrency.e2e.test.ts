import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../setup/test-server.js';

// Several charts on a page query at once (Superset #31978: concurrent DuckDB queries failing). Each
// request leases its own DuckDB connection; 30 at once must all answer, each exactly as it does alone.
describe('concurrent queries on the DuckDB store', () => {
  let sut: TestServer;
  let paths: string[];

  beforeAll(async () => {
    sut = await startTestServer({ tickets: 4000, seed: 9 });
    const faq = sut.truth.planted.faqUpdate;
    const practice = encodeURIComponent(`policy:${faq.policy}`);
    paths = [
      '/api/practices',
      '/api/practices?from=2026-03-01&to=2026-08-31',
      '/api/practices?minimumVolume=10',
      `/api/practices/faq-effect?practice=${practice}&publishedAt=${faq.publishedAt}`,
      `/api/practices/cases?practice=${practice}&outcome=decided&limit=20`,
      '/api/standards/overview',
      '/api/standards/overview?from=2026-04-01&to=2026-06-30',
      '/api/overview',
      '/api/overview?from=2026-02-01&to=2026-05-31',
      '/api/overview/escalations-weekly.arrow',
    ];
  });
  afterAll(() => sut?.close());

  const body = async (path: string): Promise<{ path: string; status: number; bytes: string }> => {
    const response = await sut.fetch(`${sut.url}${path}`);
    return {
      path,
      status: response.status,
      bytes: Buffer.from(await response.arrayBuffer()).toString('base64'),
    };
  };

  it('should answer 30 parallel requests across four routes with the same bodies as one at a time', async () => {
    const sequential = new Map<string, string>();
    for (const path of paths) {
      const answer = await body(path);
      expect(answer.status, path).toBe(200);
      sequential.set(path, answer.bytes);
    }
    const mixed = Array.from({ length: 30 }, (_, i) => paths[(i * 7) % paths.length]);
    expect(new Set(mixed).size).toBe(paths.length);

    const parallel = await Promise.all(mixed.map(body));

    for (const answer of parallel) {
      expect(answer.status, answer.path).toBe(200);
      expect(answer.bytes, answer.path).toBe(sequential.get(answer.path));
    }
  });

  it('should stay correct under three waves of 30 while FAQ updates are written to PostgreSQL', async () => {
    const practice = `policy:${sut.truth.planted.faqUpdate.policy}`;
    const expected = new Map<string, string>();
    for (const path of paths) {
      expected.set(path, (await body(path)).bytes);
    }
    for (let wave = 0; wave < 3; wave++) {
      const writes = Array.from({ length: 3 }, (_, i) =>
        sut
          .fetch(`${sut.url}/api/faq-updates`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ practice, title: `Wave ${wave} draft ${i}` }),
          })
          .then((r) => r.status),
      );
      const reads = Array.from({ length: 30 }, (_, i) => body(paths[(i + wave) % paths.length]));
      const [statuses, answers] = await Promise.all([Promise.all(writes), Promise.all(reads)]);
      expect(statuses).toEqual([201, 201, 201]);
      for (const answer of answers) {
        expect(answer.status, answer.path).toBe(200);
        expect(answer.bytes, answer.path).toBe(expected.get(answer.path));
      }
    }
  });
});
