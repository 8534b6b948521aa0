import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../etl/src/index.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';

const samples = new URL('../../../fixtures/samples/canonical/', import.meta.url).pathname;

describe('ingestPaths (canonical CSV)', () => {
  let sut: TempStore;
  beforeEach(async () => {
    sut = await openTempStore();
  });
  afterEach(() => sut.dispose());

  it('should load every file of the sample folder and account for every row', async () => {
    const summary = await ingestPaths(sut.store, [samples]);

    expect(summary.files.map((f) => f.kinds)).toEqual([
      ['agents'],
      ['calls'],
      ['customers'],
      ['events'],
      ['offers'],
      ['routing'],
      ['tickets'],
    ]);
    for (const file of summary.files) {
      expect(file.rows_read).toBe(file.rows_loaded + file.rows_rejected);
    }
    expect(summary.rows_rejected).toBe(0);
    const [{ tickets }] = await sut.store.all<{ tickets: number }>(
      'SELECT count(*)::INTEGER AS tickets FROM tickets',
    );
    expect(tickets).toBe(5);
  });

  it('should keep multi-line quoted notes and transcripts intact', async () => {
    await ingestPaths(sut.store, [samples]);

    const [call] = await sut.store.all<{ transcript: string }>(
      "SELECT transcript FROM calls WHERE call_id = 'CL-1'",
    );
    expect(call.transcript).toBe(
      'Agent: Thanks for calling, how can I help?\nCustomer: I was charged a late fee but my direct debit was on time.',
    );
  });

  it('should change nothing when the same files are ingested again', async () => {
    await ingestPaths(sut.store, [samples]);
    const before = await sut.store.all('SELECT * FROM events ORDER BY ticket_id, seq');

    const again = await ingestPaths(sut.store, [samples]);

    expect(again.rows_read).toBe(0);
    expect(again.files.every((f) => f.skipped?.startsWith('same content as'))).toBe(true);
    expect(await sut.store.all('SELECT * FROM events ORDER BY ticket_id, seq')).toEqual(before);
  });

  it("should replace a ticket's rows when a newer export of it arrives", async () => {
    await ingestPaths(sut.store, [samples]);
    const dir = mkdtempSync(join(tmpdir(), 'eqa-newer-'));
    writeFileSync(
      join(dir, 'tickets.csv'),
      'ticket_id,created_at,resolved_at,customer_id,channel,category,policy,priority,status,csat,outcome\n' +
        'T-1002,2026-03-03T10:30:00Z,2026-03-09T10:00:00Z,C-2,email,card_fraud,chargeback_window,high,solved,4,partial\n',
    );

    await ingestPaths(sut.store, [join(dir, 'tickets.csv')]);

    const rows = await sut.store.all<{ status: string; outcome: string }>(
      "SELECT status, outcome FROM tickets WHERE ticket_id = 'T-1002'",
    );
    expect(rows).toEqual([{ status: 'solved', outcome: 'partial' }]);
  });

  it('should store timestamps in UTC: offsets converted, Z and naive values taken as UTC', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eqa-tz-'));
    writeFileSync(
      join(dir, 'tickets.csv'),
      'ticket_id,created_at,resolved_at,customer_id,channel,category,policy,priority,status,csat,outcome\n' +
        'Z-1,2026-03-29T01:30:00+02:00,2026-03-29T10:00:00.250Z,,,,,,,,\n' +
        'Z-2,2026-03-29 01:30:00,2026-03-30,,,,,,,,\n' +
        'Z-3,2026-03-28T20:30:00-05:00,,,,,,,,,\n',
    );

    await ingestPaths(sut.store, [join(dir, 'tickets.csv')]);

    const rows = await sut.store.all<{ ticket_id: string; created: string; resolved: string | null }>(
      `SELECT ticket_id, strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created,
              strftime(resolved_at, '%Y-%m-%d %H:%M:%S.%g') AS resolved
       FROM tickets ORDER BY ticket_id`,
    );
    expect(rows).toEqual([
      { ticket_id: 'Z-1', created: '2026-03-28 23:30:00', resolved: '2026-03-29 10:00:00.250' },
      { ticket_id: 'Z-2', created: '2026-03-29 01:30:00', resolved: '2026-03-30 00:00:00.000' },
      { ticket_id: 'Z-3', created: '2026-03-29 01:30:00', resolved: null },
    ]);
  });

  it('should reject bad rows with file, line, field, raw value and reason, and load the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eqa-bad-'));
    copyFileSync(join(samples, 'agents.csv'), join(dir, 'agents.csv'));
    const file = join(dir, 'events.csv');
    writeFileSync(
      file,
      [
        'ticket_id,at,type,level,department,agent_id,escalation_type,note',
        'T-1,2026-03-02T09:00:00Z,created,1,first_line,A-1,,',
        'T-1,2026-03-02T09:20:00Z,escalated,2,billing_experts,A-7,expertise,"two',
        'lines"',
        'T-1,not-a-date,note,,,,,',
        'T-1,2026-03-03T09:00:00Z,escalated,7,billing_experts,A-7,expertise,',
        'T-1,2026-03-03T09:00:00Z,teleported,2,billing_experts,A-7,,',
        'T-1,2026-03-04T09:00:00Z,resolved,2,billing_experts,A-7,,',
      ].join('\n'),
    );

    const summary = await ingestPaths(sut.store, [file]);

    expect(summary.files[0]).toMatchObject({ rows_read: 6, rows_loaded: 3, rows_rejected: 3 });
    const rejects = await sut.store.all('SELECT line, field, value, reason FROM rejects ORDER BY line');
    expect(rejects).toEqual([
      { line: 5n, field: 'at', value: 'not-a-date', reason: 'not an ISO 8601 timestamp' },
      { line: 6n, field: 'level', value: '7', reason: 'out of range (1–4)' },
      {
        line: 7n,
        field: 'type',
        value: 'teleported',
        reason:
          'not one of created, assigned, escalated, de-escalated, note, customer_reply, resolved, reopened, survey',
      },
    ]);
  });

  it('should name the file and the missing column when a required column is absent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eqa-missing-'));
    const file = join(dir, 'tickets.csv');
    writeFileSync(
      file,
      'ticket_id,created_at,resolved_at,customer_id,channel,category,policy,priority,status,csat\nT-1,2026-01-01,,,,,,,,\n',
    );

    const summary = await ingestPaths(sut.store, [file]);

    expect(summary.ok).toBe(false);
    expect(summary.files[0].error).toBe(`${file}:1: missing required column(s): outcome`);
  });
});
