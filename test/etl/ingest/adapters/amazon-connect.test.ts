import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../../etl/src/index.js';
import { chooseAdapter } from '../../../../etl/src/ingest/adapters/registry.js';
import { openTempStore, type TempStore } from '../../../setup/duckdb-file.js';

const samples = new URL('../../../../fixtures/samples/', import.meta.url).pathname;
const records = join(samples, 'amazon-connect', 'contact-records.jsonl');

const id = {
  first: 'a7f3c2e1-1111-4b6e-9d0a-000000000001',
  second: 'a7f3c2e1-2222-4b6e-9d0a-000000000002',
  third: 'a7f3c2e1-3333-4b6e-9d0a-000000000003',
  redelivered: 'b1d0e9f8-4444-4c2a-8e1f-000000000004',
  abandoned: 'b1d0e9f8-5555-4c2a-8e1f-000000000005',
  outbound: 'c5e4d3c2-6666-4d1b-9f2e-000000000006',
  callback: 'c5e4d3c2-7777-4d1b-9f2e-000000000007',
  chat: 'd9c8b7a6-8888-4e0c-a03f-000000000008',
  queued: 'e3b2a190-aaaa-4f9d-b14e-00000000000a',
  queueTransfer: 'e3b2a190-bbbb-4f9d-b14e-00000000000b',
};

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'eqa-connect-'));
}

function record(fields: Record<string, unknown>): string {
  return JSON.stringify({
    AWSContactTraceRecordFormatVersion: '2017-03-10',
    Channel: 'VOICE',
    InitiationTimestamp: '2026-03-02T09:00:00Z',
    DisconnectTimestamp: '2026-03-02T09:05:00Z',
    Agent: null,
    Queue: null,
    Attributes: {},
    ...fields,
  });
}

describe('amazon-connect adapter', () => {
  let sut: TempStore;
  beforeEach(async () => {
    sut = await openTempStore();
  });
  afterEach(() => sut.dispose());

  it('should be chosen by --format auto for contact records, whatever the file is called, and for no canonical file', () => {
    expect(chooseAdapter(records).name).toBe('amazon-connect');
    const dir = tempDir();
    // Kinesis Firehose names its S3 objects without an extension
    const firehoseObject = join(dir, 'eqa-ctr-stream-1-2026-03-02-09-00-05-6b1e0c2a');
    copyFileSync(records, firehoseObject);
    expect(chooseAdapter(firehoseObject).name).toBe('amazon-connect');
    writeFileSync(join(dir, 'ctr.jsonl.gz'), gzipSync(readFileSync(records)));
    expect(chooseAdapter(join(dir, 'ctr.jsonl.gz')).name).toBe('amazon-connect');
    for (const name of readdirSync(join(samples, 'canonical'))) {
      expect(chooseAdapter(join(samples, 'canonical', name)).name).toBe('canonical-csv');
    }
    expect(chooseAdapter(join(samples, 'servicenow', 'incident.csv')).name).not.toBe('amazon-connect');
  });

  it('should account for every record: calls loaded, unmappable and bad records rejected with their line', async () => {
    const summary = await ingestPaths(sut.store, [records], {}, { format: 'auto' });

    expect(summary.files[0]).toMatchObject({
      format: 'amazon-connect',
      kinds: ['calls'],
      rows_read: 14,
      rows_loaded: 10,
      rows_rejected: 4,
    });
    expect(await sut.store.all('SELECT line, field, value, reason FROM rejects ORDER BY line')).toEqual([
      {
        line: 4n,
        field: 'ContactId',
        value: id.redelivered,
        reason: 'an older copy of this contact record: the copy on line 14 has a later LastUpdateTimestamp',
      },
      {
        line: 9n,
        field: 'Channel',
        value: 'TASK',
        reason: 'a task (an agent work item), not a conversation with the customer',
      },
      {
        line: 12n,
        field: 'ended_at',
        value: '2026-03-03T09:12:00Z',
        reason: 'ended before it started (negative duration)',
      },
      { line: 13n, field: 'started_at', value: '2026-03-03T25:61:00Z', reason: 'not an ISO 8601 timestamp' },
    ]);
  });

  it('should follow a transfer chain from tier 1 to a specialist and a manager, with levels from the queues', async () => {
    await ingestPaths(sut.store, [records], {}, { format: 'auto' });

    expect(
      await sut.store.all(
        `SELECT call_id, ticket_id, customer_id, agent_id, department, level, started_at, ended_at, direction, disposition
         FROM calls WHERE ticket_id = 'T-5001' ORDER BY started_at`,
      ),
    ).toEqual([
      {
        call_id: id.first,
        ticket_id: 'T-5001',
        customer_id: '+447700900123',
        agent_id: 'priya.shah',
        department: 'Tier 1 Support',
        level: 1,
        started_at: new Date('2026-03-02T09:00:05Z'),
        ended_at: new Date('2026-03-02T09:12:40Z'),
        direction: 'inbound',
        disposition: 'transferred',
      },
      {
        call_id: id.second,
        ticket_id: 'T-5001',
        customer_id: '+447700900123',
        agent_id: 'jon.moss',
        department: 'Billing Specialists',
        level: 2,
        started_at: new Date('2026-03-02T09:12:40Z'),
        ended_at: new Date('2026-03-02T09:30:10Z'),
        // a TRANSFER takes the direction of the chain's initial contact
        direction: 'inbound',
        disposition: 'transferred',
      },
      {
        call_id: id.third,
        ticket_id: 'T-5001',
        customer_id: '+447700900123',
        agent_id: 'ana.lima',
        department: 'Customer Care Managers',
        level: 3,
        started_at: new Date('2026-03-02T09:30:10Z'),
        ended_at: new Date('2026-03-02T09:41:00Z'),
        direction: 'inbound',
        disposition: 'customer_disconnect',
      },
    ]);
  });

  it('should keep when a contact was queued and connected to an agent, for the staffing figures', async () => {
    await ingestPaths(sut.store, [records]);
    const [first] = await sut.store.all('SELECT queued_at, answered_at FROM calls WHERE call_id = $1', [
      id.first,
    ]);
    // Queue.EnqueueTimestamp and Agent.ConnectedToAgentTimestamp of the sample's first record
    expect(first).toEqual({
      queued_at: new Date('2026-03-02T09:00:40Z'),
      answered_at: new Date('2026-03-02T09:02:10Z'),
    });
    const [abandoned] = await sut.store.all('SELECT queued_at, answered_at FROM calls WHERE call_id = $1', [
      id.abandoned,
    ]);
    // queued at 10:20:20, hung up before an agent took it
    expect(abandoned).toEqual({ queued_at: new Date('2026-03-02T10:20:20Z'), answered_at: null });
  });

  it('should map directions, dispositions, ticket attributes and recordings', async () => {
    await ingestPaths(sut.store, [records], {}, { format: 'auto' });

    const calls = await sut.store.all(
      `SELECT call_id, ticket_id, customer_id, level, direction, disposition FROM calls
       WHERE call_id IN ($1, $2, $3, $4, $5, $6, $7) ORDER BY started_at`,
      [id.redelivered, id.abandoned, id.outbound, id.callback, id.chat, id.queued, id.queueTransfer],
    );
    expect(calls).toEqual([
      // the newest copy is kept: its TicketId was added after the call by update-contact-attributes
      {
        call_id: id.redelivered,
        ticket_id: 'T-5002',
        customer_id: '+447700900456',
        level: 1,
        direction: 'inbound',
        disposition: 'customer_disconnect',
      },
      // queued, no agent, the customer hung up
      {
        call_id: id.abandoned,
        ticket_id: null,
        customer_id: '+447700900789',
        level: 1,
        direction: 'inbound',
        disposition: 'abandoned',
      },
      {
        call_id: id.outbound,
        ticket_id: 'CASE-778',
        customer_id: '+447700900321',
        level: 2,
        direction: 'outbound',
        disposition: 'agent_disconnect',
      },
      // a callback the customer asked for is inbound; "Callback Queue" has no level
      {
        call_id: id.callback,
        ticket_id: 'T-5003',
        customer_id: '+447700900654',
        level: null,
        direction: 'inbound',
        disposition: 'customer_disconnect',
      },
      // StartChatContact (API on CHAT) is the customer's chat
      {
        call_id: id.chat,
        ticket_id: 'T-5004',
        customer_id: null,
        level: 1,
        direction: 'inbound',
        disposition: 'customer_disconnect',
      },
      {
        call_id: id.queued,
        ticket_id: null,
        customer_id: '+447700900987',
        level: 1,
        direction: 'inbound',
        disposition: 'transferred',
      },
      {
        call_id: id.queueTransfer,
        ticket_id: 'T-5005',
        customer_id: '+447700900987',
        level: 2,
        direction: 'inbound',
        disposition: 'customer_disconnect',
      },
    ]);
    const [first] = await sut.store.all<{ recording_url: string }>(
      'SELECT recording_url FROM calls WHERE call_id = $1',
      [id.first],
    );
    expect(first.recording_url).toBe(
      `s3://eqa-connect-recordings/connect/eqa-demo/CallRecordings/2026/03/02/${id.first}_20260302T09:00_UTC.wav`,
    );
  });

  it('should reject a malformed line alone, keep line numbers across blank lines, and map every initiation method', async () => {
    const file = join(tempDir(), 'ctr.jsonl');
    writeFileSync(
      file,
      [
        record({ ContactId: 'k1', InitialContactId: 'k1', InitiationMethod: 'OUTBOUND', Channel: 'VOICE' }),
        '',
        '{"ContactId": "k2", "InitiationMethod": "INBOUND"',
        record({ ContactId: 'k3', InitialContactId: 'k3', InitiationMethod: 'MONITOR' }),
        record({ ContactId: 'k4', InitialContactId: 'k4', InitiationMethod: 'TELEPORT' }),
        record({
          ContactId: 'k5',
          InitialContactId: 'k1',
          PreviousContactId: 'k1',
          InitiationMethod: 'TRANSFER',
        }),
        // its initial contact is in another file: the direction is unknown, not guessed
        record({
          ContactId: 'k6',
          InitialContactId: 'k0',
          PreviousContactId: 'k0',
          InitiationMethod: 'DISCONNECT',
          Channel: 'CHAT',
        }),
        record({ ContactId: 'k7', InitialContactId: 'k7', InitiationMethod: 'API', Channel: 'VOICE' }),
        record({ ContactId: 'k8', InitialContactId: 'k8', InitiationMethod: 'WEBRTC_API', Channel: 'VOICE' }),
        record({
          ContactId: 'k9',
          InitialContactId: 'k9',
          InitiationMethod: 'AGENT_REPLY',
          Channel: 'EMAIL',
        }),
        record({ ContactId: 'k10', InitialContactId: 'k10', InitiationMethod: 'INBOUND', Channel: 'FAX' }),
        '',
      ].join('\n'),
    );

    const summary = await ingestPaths(sut.store, [file], {}, { format: 'auto' });

    expect(summary.files[0]).toMatchObject({
      format: 'amazon-connect',
      rows_read: 10,
      rows_loaded: 6,
      rows_rejected: 4,
    });
    expect(await sut.store.all('SELECT line, field, reason FROM rejects ORDER BY line')).toEqual([
      { line: 3n, field: 'record', reason: 'not a JSON object: one contact record per line is expected' },
      {
        line: 4n,
        field: 'InitiationMethod',
        reason: 'a supervisor monitoring a contact, not a contact with the customer',
      },
      { line: 5n, field: 'InitiationMethod', reason: 'not a known Amazon Connect InitiationMethod' },
      {
        line: 11n,
        field: 'Channel',
        reason: 'not a known Amazon Connect Channel (VOICE, CHAT, EMAIL, TASK)',
      },
    ]);
    expect(await sut.store.all('SELECT call_id, direction, disposition FROM calls ORDER BY call_id')).toEqual(
      [
        { call_id: 'k1', direction: 'outbound', disposition: 'transferred' },
        { call_id: 'k5', direction: 'outbound', disposition: null },
        { call_id: 'k6', direction: null, disposition: null },
        { call_id: 'k7', direction: 'outbound', disposition: null },
        { call_id: 'k8', direction: 'inbound', disposition: null },
        { call_id: 'k9', direction: 'outbound', disposition: null },
      ],
    );
  });

  it('should read gzipped contact records', async () => {
    const file = join(tempDir(), 'ctr.jsonl.gz');
    writeFileSync(file, gzipSync(readFileSync(records)));

    const summary = await ingestPaths(sut.store, [file], {}, { format: 'auto' });

    expect(summary.files[0]).toMatchObject({ format: 'amazon-connect', rows_read: 14, rows_loaded: 10 });
  });
});
