import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../server/src/config/env.js';
import { runEqa } from '../../setup/run-eqa.js';
import { startTestServer, type TestServer } from '../../setup/test-server.js';

const samples = join(repoRoot, 'fixtures', 'samples', 'canonical');

describe('eqa', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'eqa-cli-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should list its commands with --help', async () => {
    const result = await runEqa(['--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ingest [options] <paths...>');
  });

  it('should print a JSON summary with rows read, loaded and rejected per file', async () => {
    const store = join(tempDir(), 'escalations.duckdb');

    const result = await runEqa(['ingest', '--json', samples], { EQA_DUCKDB: store });

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const summary = JSON.parse(result.stdout);
    // the canonical sample folder: tickets, events, calls, agents, routing, offers, customers
    expect(summary.files).toHaveLength(7);
    for (const file of summary.files) {
      expect(file.rows_read).toBe(file.rows_loaded + file.rows_rejected);
    }
    expect(summary.rows_loaded).toBe(38 + 11 + 5);
    expect(summary.escalation_steps).toBe(6);
  });

  it('should fail with one line naming the path, and no stack, for a missing file', async () => {
    const store = join(tempDir(), 'escalations.duckdb');

    const result = await runEqa(['ingest', '/no/such/export.csv'], { EQA_DUCKDB: store });

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('eqa: /no/such/export.csv: no such file or folder\n');
  });

  it('should list rejected rows with file, line, field, reason and raw value', async () => {
    const store = join(tempDir(), 'escalations.duckdb');
    const bad = join(repoRoot, 'fixtures', 'bad', 'negative-duration.csv');
    await runEqa(['ingest', bad], { EQA_DUCKDB: store });

    const result = await runEqa(['rejects'], { EQA_DUCKDB: store });

    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `${bad}:2  ended_at  ended before it started (negative duration)  [2026-03-02T08:50:00Z]\n` +
        '1 of 1 rejected rows shown\n',
    );
  });

  it('should name the mapping file and line of a mistake in it, before reading any file', async () => {
    const store = join(tempDir(), 'escalations.duckdb');
    const mappingDir = tempDir();
    const mapping = join(mappingDir, 'mapping.yaml');
    writeFileSync(
      mapping,
      'mapping: 1\ntables:\n  tickets:\n    ticket_id: id\n    created_at: opened\n    colour: hue\n',
    );

    const result = await runEqa(['ingest', '--mapping', mapping, samples], { EQA_DUCKDB: store });

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^eqa: ${mapping}:3: missing columns .* \\(and 3 more\\)\n$`));
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('should name a bad configuration variable', async () => {
    const result = await runEqa(['ingest', samples], { EQA_PORT: 'abc' });

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^eqa: Invalid environment variables: EQA_PORT=abc \(/);
  });

  it('should name the pid holding the store when no server announced itself', async () => {
    const store = join(tempDir(), 'escalations.duckdb');
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { DuckDBInstance } from '@duckdb/node-api';
         await DuckDBInstance.create(${JSON.stringify(store)});
         console.log('held'); setInterval(() => {}, 1000);`,
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise((resolve) => holder.stdout.once('data', resolve));

      const result = await runEqa(['ingest', samples], { EQA_DUCKDB: store });

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`is locked by process ${holder.pid}`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  describe('when a server holds the store', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ tickets: 500, seed: 3 });
    });
    afterAll(() => server?.close());

    it('should hand the ingest to the server, which keeps serving readers meanwhile', async () => {
      const dir = tempDir();
      writeFileSync(
        join(dir, 'tickets.csv'),
        'ticket_id,created_at,resolved_at,customer_id,channel,category,policy,priority,status,csat,outcome\n' +
          'HANDOFF-1,2026-03-03T10:30:00Z,,C-9,email,billing,,high,open,,\n',
      );

      const [result, ...reads] = await Promise.all([
        runEqa(['ingest', '--json', dir], { EQA_DUCKDB: server.storePath }),
        ...Array.from({ length: 5 }, () => server.fetch(`${server.url}/api/overview`)),
      ]);

      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ rows_read: 1, rows_loaded: 1, rows_rejected: 0 });
      expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      const [row] = await server.store.all("SELECT ticket_id FROM tickets WHERE ticket_id = 'HANDOFF-1'");
      expect(row).toEqual({ ticket_id: 'HANDOFF-1' });
    });

    it('should refuse a job without the token from server.json', async () => {
      const response = await fetch(`${server.url}/api/jobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' },
        body: JSON.stringify({ name: 'ingest', args: { paths: [samples] } }),
      });

      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        code: 'UNAUTHENTICATED',
        message: 'This route takes the token from server.json',
      });
    });
  });
});
