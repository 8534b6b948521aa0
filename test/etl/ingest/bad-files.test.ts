import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../etl/src/index.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';

const bad = new URL('../../../fixtures/bad/', import.meta.url).pathname;

interface Expected {
  read: number;
  loaded: number;
  error?: string;
  encoding?: string;
  rejects?: { line: number; field: string; reason: string }[];
}

// One row per file of fixtures/bad: what a user sees for it.
const cases: Record<string, Expected> = {
  'empty.csv': { read: 0, loaded: 0, error: 'the file is empty' },
  'header-only.csv': { read: 0, loaded: 0 },
  'truncated.csv': {
    read: 2,
    loaded: 1,
    rejects: [{ line: 3, field: 'policy', reason: 'UNQUOTED VALUE: Value with unterminated quote found.' }],
  },
  'semicolon-delimited.csv': {
    read: 0,
    loaded: 0,
    error: ":1: expected comma-separated values, but the header is separated by ';'",
  },
  'utf8-bom-crlf.csv': { read: 2, loaded: 2 },
  'utf16le.csv': { read: 2, loaded: 2, encoding: 'utf-16' },
  'windows-1252.csv': { read: 1, loaded: 1, encoding: 'windows-1252' },
  'quoted-newlines.csv': { read: 3, loaded: 3 },
  'duplicate-columns.csv': { read: 0, loaded: 0, error: ':1: duplicated column(s) in the header: status' },
  'missing-column.csv': { read: 0, loaded: 0, error: ':1: missing required column(s): outcome' },
  'impossible-dates.csv': {
    read: 5,
    loaded: 1,
    rejects: [
      { line: 2, field: 'resolved_at', reason: 'resolved before created' },
      { line: 3, field: 'created_at', reason: 'impossible date (before 1970 or after 2100)' },
      { line: 4, field: 'created_at', reason: 'impossible date (before 1970 or after 2100)' },
      { line: 5, field: 'created_at', reason: 'not an ISO 8601 timestamp' },
    ],
  },
  'negative-duration.csv': {
    read: 2,
    loaded: 1,
    rejects: [{ line: 2, field: 'ended_at', reason: 'ended before it started (negative duration)' }],
  },
  'wrong-field-count.csv': {
    read: 3,
    loaded: 2,
    rejects: [
      { line: 3, field: 'channel', reason: 'MISSING COLUMNS: Expected Number of Columns: 11 Found: 4' },
    ],
  },
};

describe('bad files (fixtures/bad)', () => {
  let sut: TempStore;
  beforeEach(async () => {
    sut = await openTempStore();
  });
  afterEach(() => sut.dispose());

  it.each(Object.entries(cases))('%s', async (name, expected) => {
    const file = join(bad, name);

    const summary = await ingestPaths(sut.store, [file]);

    const [result] = summary.files;
    expect(result.rows_read).toBe(expected.read);
    expect(result.rows_loaded).toBe(expected.loaded);
    expect(result.rows_read).toBe(result.rows_loaded + result.rows_rejected);
    if (expected.error) {
      expect(result.error).toBe(`${file}${expected.error.startsWith(':') ? '' : ': '}${expected.error}`);
    } else {
      expect(result.error).toBeUndefined();
    }
    expect(result.encoding).toBe(expected.encoding);
    const rejects = await sut.store.all<{ line: bigint; field: string; reason: string }>(
      'SELECT line, field, reason FROM rejects ORDER BY line',
    );
    expect(rejects.map((r) => ({ ...r, line: Number(r.line) }))).toEqual(expected.rejects ?? []);
  });

  it('should read Windows-1252 and UTF-16 text as the characters written', async () => {
    const policies = async () =>
      (await sut.store.all<{ policy: string }>('SELECT policy FROM tickets ORDER BY policy')).map(
        (p) => p.policy,
      );

    await ingestPaths(sut.store, [join(bad, 'windows-1252.csv')]);
    expect(await policies()).toEqual(['café “policy” €5']);

    // Same ticket ids: the newer export replaces them.
    await ingestPaths(sut.store, [join(bad, 'utf16le.csv')]);
    expect(await policies()).toEqual(['café_policy', 'frais_de_retard']);
  });

  it('should reject a 5 MB transcript cell and load the rest of the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eqa-huge-'));
    try {
      const file = join(dir, 'calls.csv');
      const transcript = 'Agent: hello. '.repeat(375_000);
      writeFileSync(
        file,
        'call_id,ticket_id,customer_id,agent_id,department,level,started_at,ended_at,direction,disposition,recording_url,transcript\n' +
          `CL-1,T-1,C-1,A-1,first_line,1,2026-03-02T09:00:00Z,2026-03-02T09:50:00Z,inbound,resolved,,"${transcript}"\n` +
          'CL-2,T-1,C-1,A-1,first_line,1,2026-03-02T10:00:00Z,2026-03-02T10:05:00Z,inbound,resolved,,short\n',
      );

      const summary = await ingestPaths(sut.store, [file]);

      expect(summary.files[0]).toMatchObject({ rows_read: 2, rows_loaded: 1, rows_rejected: 1 });
      const [reject] = await sut.store.all('SELECT line, field, reason FROM rejects');
      expect(reject).toEqual({ line: 2n, field: 'transcript', reason: 'longer than 1 MB' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
