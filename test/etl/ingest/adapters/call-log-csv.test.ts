import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../../etl/src/index.js';
import { chooseAdapter } from '../../../../etl/src/ingest/adapters/registry.js';
import { openTempStore, type TempStore } from '../../../setup/duckdb-file.js';

const samples = new URL('../../../../fixtures/samples/', import.meta.url).pathname;
const calls = join(samples, 'call-log-csv', 'calls.csv');

describe('call-log-csv adapter (Aircall)', () => {
  let sut: TempStore;
  beforeEach(async () => {
    sut = await openTempStore();
  });
  afterEach(() => sut.dispose());

  it('should be chosen by --format auto for an Aircall call log, and for no canonical or other vendor file', () => {
    expect(chooseAdapter(calls).name).toBe('call-log-csv');
    for (const name of readdirSync(join(samples, 'canonical'))) {
      expect(chooseAdapter(join(samples, 'canonical', name)).name).toBe('canonical-csv');
    }
    expect(chooseAdapter(join(samples, 'servicenow', 'incident.csv')).name).not.toBe('call-log-csv');
    expect(chooseAdapter(join(samples, 'amazon-connect', 'contact-records.jsonl')).name).not.toBe(
      'call-log-csv',
    );
  });

  it('should account for every call: loaded, or rejected with its line, field, value and reason', async () => {
    const summary = await ingestPaths(sut.store, [calls], {}, { format: 'auto' });

    expect(summary.files[0]).toMatchObject({
      format: 'call-log-csv',
      kinds: ['calls'],
      rows_read: 14,
      rows_loaded: 12,
      rows_rejected: 2,
    });
    expect(await sut.store.all('SELECT line, field, value, reason FROM rejects ORDER BY line')).toEqual([
      {
        line: 12n,
        field: 'ended_at',
        value: '2026-03-03T09:12:00Z',
        reason: 'ended before it started (negative duration)',
      },
      {
        line: 14n,
        field: 'started_at',
        value: '3/3/2026 10:30',
        reason: 'not a time (Unix seconds or ISO 8601)',
      },
    ]);
  });

  it('should map Unix times, agents, teams to levels, directions and dispositions', async () => {
    await ingestPaths(sut.store, [calls], {}, { format: 'auto' });

    expect(
      await sut.store.all(
        `SELECT call_id, customer_id, agent_id, department, level, started_at, ended_at, direction, disposition
         FROM calls WHERE call_id IN ('2281001', '2281002', '2281003', '2281006', '2281007', '2281008')
         ORDER BY call_id`,
      ),
    ).toEqual([
      {
        call_id: '2281001',
        customer_id: '+447700900123',
        agent_id: 'priya.shah@bank.example',
        department: 'Tier 1 Support',
        level: 1,
        started_at: new Date('2026-03-02T09:00:05Z'),
        ended_at: new Date('2026-03-02T09:08:10Z'),
        direction: 'inbound',
        disposition: 'transferred',
      },
      {
        // the transfer to another Aircall line is logged as a call of its own
        call_id: '2281002',
        customer_id: '+447700900123',
        agent_id: 'jon.moss@bank.example',
        department: 'Billing Specialists',
        level: 2,
        started_at: new Date('2026-03-02T09:08:10Z'),
        ended_at: new Date('2026-03-02T09:21:00Z'),
        direction: 'inbound',
        disposition: 'answered',
      },
      {
        call_id: '2281003',
        customer_id: '+447700900123',
        agent_id: 'ana.lima@bank.example',
        department: 'Tier 3 Escalations',
        level: 3,
        started_at: new Date('2026-03-02T09:21:00Z'),
        ended_at: new Date('2026-03-02T09:35:00Z'),
        direction: 'inbound',
        disposition: 'answered',
      },
      {
        call_id: '2281006',
        customer_id: '+447700900790',
        agent_id: null,
        department: 'Tier 1 Support',
        level: 1,
        started_at: new Date('2026-03-02T10:40:00Z'),
        ended_at: new Date('2026-03-02T10:42:30Z'),
        direction: 'inbound',
        disposition: 'abandoned', // no_available_agent, then a voicemail: missed
      },
      {
        call_id: '2281007',
        customer_id: '+447700900321',
        agent_id: 'jon.moss@bank.example',
        department: 'Billing Specialists',
        level: 2,
        started_at: new Date('2026-03-02T11:00:00Z'),
        ended_at: new Date('2026-03-02T11:06:20Z'),
        direction: 'outbound',
        disposition: 'answered',
      },
      {
        call_id: '2281008',
        customer_id: '+447700900555',
        agent_id: null,
        department: null,
        level: null,
        started_at: new Date('2026-03-02T19:30:00Z'),
        ended_at: new Date('2026-03-02T19:30:25Z'),
        direction: 'inbound',
        disposition: 'out_of_opening_hours',
      },
    ]);
    const [recorded] = await sut.store.all<{ recording_url: string }>(
      "SELECT recording_url FROM calls WHERE call_id = '2281001'",
    );
    expect(recorded.recording_url).toBe('https://recordings.aircall.example/calls/2281001/recording.mp3');
  });

  it('should keep when the line rang and when someone answered, for the staffing figures', async () => {
    await ingestPaths(sut.store, [calls]);
    const [answered] = await sut.store.all(
      "SELECT queued_at, answered_at FROM calls WHERE call_id = '2281001'",
    );
    // started_at 1772442005 = 09:00:05, answered_at 1772442040 = 09:00:40: a 35 s wait
    expect(answered).toEqual({
      queued_at: new Date('2026-03-02T09:00:05Z'),
      answered_at: new Date('2026-03-02T09:00:40Z'),
    });
    const [{ missed }] = await sut.store.all<{ missed: number }>(
      "SELECT count(*)::INTEGER AS missed FROM calls WHERE answered_at IS NULL AND disposition <> 'answered'",
    );
    expect(missed).toBeGreaterThan(0);
  });

  it('should read ISO 8601 and millisecond times, take the first of several teams, and reject other directions', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'eqa-aircall-')), 'calls.csv');
    writeFileSync(
      file,
      [
        'id,direct_link,direction,status,started_at,answered_at,ended_at,raw_digits,user_name,teams',
        '1,https://api.aircall.io/v1/calls/1,inbound,done,2026-03-02T09:00:00Z,2026-03-02T09:00:10Z,2026-03-02T09:05:00Z,+44 7700 900001,Priya Shah,"L2 Cards, Tier 1 Support"',
        '2,https://api.aircall.io/v1/calls/2,Outbound,done,1772442000000,1772442010000,1772442300000,+44 7700 900002,Tom Becker,',
        '3,https://api.aircall.io/v1/calls/3,internal,done,1772442000,,1772442300,,Tom Becker,',
      ].join('\n'),
    );

    const summary = await ingestPaths(sut.store, [file], {}, { format: 'auto' });

    expect(summary.files[0]).toMatchObject({ rows_read: 3, rows_loaded: 2, rows_rejected: 1 });
    expect(await sut.store.all('SELECT line, field, value, reason FROM rejects')).toEqual([
      { line: 4n, field: 'direction', value: 'internal', reason: 'not one of inbound, outbound' },
    ]);
    expect(
      await sut.store.all(
        'SELECT call_id, agent_id, department, level, started_at, direction FROM calls ORDER BY call_id',
      ),
    ).toEqual([
      {
        call_id: '1',
        agent_id: 'Priya Shah',
        department: 'L2 Cards',
        level: 2,
        started_at: new Date('2026-03-02T09:00:00Z'),
        direction: 'inbound',
      },
      {
        call_id: '2',
        agent_id: 'Tom Becker',
        department: null,
        level: null,
        started_at: new Date('2026-03-02T09:00:00Z'),
        direction: 'outbound',
      },
    ]);
  });
});
