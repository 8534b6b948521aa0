import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../../etl/src/index.js';
import { chooseAdapter } from '../../../../etl/src/ingest/adapters/registry.js';
import { openTempStore, type TempStore } from '../../../setup/duckdb-file.js';

const samples = new URL('../../../../fixtures/samples/', import.meta.url).pathname;
const incidents = join(samples, 'servicenow', 'incident.csv');

function tempCsv(name: string, lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'eqa-servicenow-')), name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('servicenow adapter', () => {
  let sut: TempStore;
  beforeEach(async () => {
    sut = await openTempStore();
  });
  afterEach(() => sut.dispose());

  it('should be chosen by --format auto for an incident export, and for no canonical or other vendor file', () => {
    expect(chooseAdapter(incidents).name).toBe('servicenow');
    for (const name of readdirSync(join(samples, 'canonical'))) {
      expect(chooseAdapter(join(samples, 'canonical', name)).name).toBe('canonical-csv');
    }
    expect(chooseAdapter(join(samples, 'call-log-csv', 'calls.csv')).name).not.toBe('servicenow');
    expect(chooseAdapter(join(samples, 'amazon-connect', 'contact-records.jsonl')).name).not.toBe(
      'servicenow',
    );
  });

  it('should account for every incident: tickets and events loaded, unmappable incidents rejected once', async () => {
    const summary = await ingestPaths(sut.store, [incidents], {}, { format: 'auto' });

    // 14 incidents, 2 rejected; 12 tickets + 12 created + 11 assigned + 8 resolved events
    expect(summary.files[0]).toMatchObject({
      format: 'servicenow',
      kinds: ['tickets', 'events'],
      rows_read: 45,
      rows_loaded: 43,
      rows_rejected: 2,
    });
    expect(summary.files[0].ignored_columns).toEqual(
      expect.arrayContaining(['reassignment_count', 'escalation']),
    );
    // INC0010002's resolution notes span two lines, so the records after it start one line later
    expect(await sut.store.all('SELECT line, field, value, reason FROM rejects ORDER BY line')).toEqual([
      {
        line: 12n,
        field: 'opened_at',
        value: '2026-02-31 10:00:00',
        reason: 'not a date-time (yyyy-MM-dd HH:mm:ss or ISO 8601)',
      },
      { line: 13n, field: 'resolved_at', value: '2026-03-07 14:00:00', reason: 'resolved before opened' },
    ]);
  });

  it('should map priority, state, channel and times, and leave outcome and csat empty', async () => {
    await ingestPaths(sut.store, [incidents], {}, { format: 'auto' });

    const tickets = await sut.store.all(
      `SELECT ticket_id, created_at, resolved_at, customer_id, channel, priority, status, csat, outcome
       FROM tickets WHERE ticket_id IN ('INC0010005', 'INC0010009', 'INC0010014', 'INC0010003') ORDER BY ticket_id`,
    );
    expect(tickets).toEqual([
      {
        ticket_id: 'INC0010003',
        created_at: new Date('2026-03-03T07:55:40Z'),
        resolved_at: null,
        customer_id: 'Charlie Whitherspoon',
        channel: 'web',
        priority: 'moderate',
        status: 'open',
        csat: null,
        outcome: null,
      },
      {
        ticket_id: 'INC0010005',
        created_at: new Date('2026-03-04T09:10:00Z'),
        resolved_at: new Date('2026-03-09T17:30:00Z'),
        customer_id: 'Elena Park',
        channel: 'phone',
        priority: 'critical',
        status: 'solved',
        csat: null,
        outcome: null,
      },
      {
        ticket_id: 'INC0010009',
        created_at: new Date('2026-03-06T09:00:00Z'),
        resolved_at: new Date('2026-03-06T09:20:00Z'),
        customer_id: 'Ines Duarte',
        channel: 'virtual_agent',
        priority: 'low',
        status: 'closed',
        csat: null,
        outcome: null,
      },
      {
        // canceled: it ended at closed_at without a fix
        ticket_id: 'INC0010014',
        created_at: new Date('2026-03-10T16:40:00Z'),
        resolved_at: new Date('2026-03-11T09:00:00Z'),
        customer_id: 'Noah Adams',
        channel: 'email',
        priority: 'low',
        status: 'closed',
        csat: null,
        outcome: null,
      },
    ]);
  });

  it('should give each incident created, assigned (at its group level) and resolved events', async () => {
    await ingestPaths(sut.store, [incidents], {}, { format: 'auto' });

    const events = await sut.store.all(
      `SELECT ticket_id, type, level, department, agent_id, status
       FROM events WHERE ticket_id IN ('INC0010002', 'INC0010006', 'INC0010008') ORDER BY ticket_id, seq`,
    );
    expect(events).toEqual([
      {
        ticket_id: 'INC0010002',
        type: 'created',
        level: null,
        department: null,
        agent_id: null,
        status: 'new',
      },
      {
        ticket_id: 'INC0010002',
        type: 'assigned',
        level: 2,
        department: 'Network',
        agent_id: 'Fred Luddy',
        status: null,
      },
      {
        ticket_id: 'INC0010002',
        type: 'resolved',
        level: null,
        department: 'Network',
        agent_id: null,
        status: 'solved',
      },
      // Hardware matches no level rule: an unknown level, never a step
      {
        ticket_id: 'INC0010006',
        type: 'created',
        level: null,
        department: null,
        agent_id: null,
        status: 'new',
      },
      {
        ticket_id: 'INC0010006',
        type: 'assigned',
        level: null,
        department: 'Hardware',
        agent_id: null,
        status: null,
      },
      // not assigned yet
      {
        ticket_id: 'INC0010008',
        type: 'created',
        level: null,
        department: null,
        agent_id: null,
        status: 'new',
      },
    ]);
    const [resolved] = await sut.store.all<{ note: string }>(
      "SELECT note FROM events WHERE ticket_id = 'INC0010002' AND type = 'resolved'",
    );
    expect(resolved.note).toBe(
      'Branch VPN concentrator dropping tunnels. Workaround: pinned users to the secondary gateway.\nRoot cause open with the vendor.',
    );
  });

  it('should build entry steps only from the current group, as a list export has no history', async () => {
    const summary = await ingestPaths(sut.store, [incidents], {}, { format: 'auto' });

    expect(summary.escalation_steps).toBe(0);
    expect(
      await sut.store.all(
        'SELECT ticket_id, to_level, is_entry, department FROM escalation_steps ORDER BY ticket_id',
      ),
    ).toEqual([
      { ticket_id: 'INC0010002', to_level: 2, is_entry: true, department: 'Network' },
      { ticket_id: 'INC0010003', to_level: 2, is_entry: true, department: 'Application Support' },
      { ticket_id: 'INC0010005', to_level: 3, is_entry: true, department: 'Major Incident Management' },
      { ticket_id: 'INC0010007', to_level: 2, is_entry: true, department: 'Tier 2 Network Support' },
      { ticket_id: 'INC0010012', to_level: 3, is_entry: true, department: 'Customer Relations Managers' },
    ]);
  });

  it('should read a label-headed export with coded values, complaint close codes and the group level rule', async () => {
    const file = tempCsv('incidents-labels.csv', [
      'Number,Opened,Resolved,Closed,Caller,Priority,State,Assignment group,Assigned to,Resolution code,Channel',
      'INC1,2026-03-02T08:00:00Z,2026-03-03T08:00:00Z,,C1,1,6,Tier 1 Network,A1,Complaint upheld,Phone',
      'INC2,2026-03-02 08:00:00,,,C2,2 - High,2,Service Desk Managers,A2,,Email',
      'INC3,2026-03-02 08:00:00,,,C3,3,In Progress,Database,A3,,Email',
      'INC4,2026-03-02 08:00:00,,,C4,4,On Hold,L2 Payments,A4,,Email',
      'INC5,2026-03-02 08:00:00,2026-03-02 09:00:00,,C5,5,Resolved,Help Desk,A5,Complaint not upheld,Email',
      'INC6,2026-03-02 08:00:00,,,C6,3,New,Facilities,,,Email',
      'INC7,2026-03-02 08:00:00,,,C7,Urgent,New,Service Desk,,,Email',
      'INC8,2026-03-02 08:00:00,,,C8,3,Escalated,Service Desk,,,Email',
      'INC9,2026-03-02 08:00:00,,,C9,3,Closed,Service Desk,,,Email',
    ]);

    const summary = await ingestPaths(sut.store, [file], {}, { format: 'auto' });

    expect(summary.files[0]).toMatchObject({ format: 'servicenow', rows_rejected: 3 });
    expect(await sut.store.all('SELECT line, field, value, reason FROM rejects ORDER BY line')).toEqual([
      {
        line: 8n,
        field: 'priority',
        value: 'Urgent',
        reason: 'not a ServiceNow priority (1 - Critical, 2 - High, 3 - Moderate, 4 - Low, 5 - Planning)',
      },
      {
        line: 9n,
        field: 'state',
        value: 'Escalated',
        reason: 'not a ServiceNow incident state (New, In Progress, On Hold, Resolved, Closed, Canceled)',
      },
      {
        line: 10n,
        field: 'state',
        value: 'Closed',
        reason: 'the incident has ended but resolved_at and closed_at are empty',
      },
    ]);
    expect(
      await sut.store.all(
        `SELECT t.ticket_id, t.priority, t.status, t.outcome, e.level
         FROM tickets t JOIN events e ON e.ticket_id = t.ticket_id AND e.type = 'assigned' ORDER BY t.ticket_id`,
      ),
    ).toEqual([
      // an explicit tier wins over the subject word; an upheld complaint is one the customer won
      { ticket_id: 'INC1', priority: 'critical', status: 'solved', outcome: 'overturned', level: 1 },
      { ticket_id: 'INC2', priority: 'high', status: 'open', outcome: null, level: 3 },
      { ticket_id: 'INC3', priority: 'moderate', status: 'open', outcome: null, level: 2 },
      { ticket_id: 'INC4', priority: 'low', status: 'on_hold', outcome: null, level: 2 },
      { ticket_id: 'INC5', priority: 'planning', status: 'solved', outcome: 'upheld', level: 1 },
      { ticket_id: 'INC6', priority: 'moderate', status: 'new', outcome: null, level: null },
    ]);
  });

  it('should name the file and the missing column when --format servicenow meets another export', async () => {
    const summary = await ingestPaths(
      sut.store,
      [join(samples, 'canonical', 'tickets.csv')],
      {},
      {
        format: 'servicenow',
      },
    );

    expect(summary.files[0].error).toBe(
      `${join(samples, 'canonical', 'tickets.csv')}:1: missing required ServiceNow column(s): number, opened_at`,
    );
  });
});
