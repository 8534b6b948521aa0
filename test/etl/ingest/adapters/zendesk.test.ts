import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../../etl/src/index.js';
import { chooseAdapter } from '../../../../etl/src/ingest/adapters/registry.js';
import { openTempStore, type TempStore } from '../../../setup/duckdb-file.js';

const samples = new URL('../../../../fixtures/samples/', import.meta.url).pathname;
const tickets = join(samples, 'zendesk', 'tickets.json');
const audits = join(samples, 'zendesk', 'ticket_audits.json');

const eventsSql = `SELECT ticket_id, "at", type, level, department, agent_id, escalation_type, note, status, value
                   FROM events ORDER BY ticket_id, seq`;

describe('zendesk adapter', () => {
  let sut: TempStore;
  let dir: string;
  beforeEach(async () => {
    sut = await openTempStore();
    dir = mkdtempSync(join(tmpdir(), 'eqa-zendesk-'));
  });
  afterEach(() => {
    sut.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('detect', () => {
    it('should be chosen by --format auto for tickets and audits, in NDJSON and API page form', () => {
      const page = join(dir, 'tickets-page.json');
      const firstTwo = readFileSync(tickets, 'utf8').split('\n').slice(0, 2).join(',');
      writeFileSync(page, `{\n  "tickets": [${firstTwo}],\n  "next_page": null\n}\n`);
      const auditLines = join(dir, 'audits.ndjson');
      const { audits: records } = JSON.parse(readFileSync(audits, 'utf8')) as { audits: unknown[] };
      writeFileSync(auditLines, records.map((r) => JSON.stringify(r)).join('\n'));

      for (const file of [tickets, audits, page, auditLines]) {
        expect(chooseAdapter(file).name).toBe('zendesk');
      }
    });

    it('should not be chosen for the canonical sample or the other helpdesk samples', () => {
      for (const name of readdirSync(join(samples, 'canonical'))) {
        expect(chooseAdapter(join(samples, 'canonical', name)).name).toBe('canonical-csv');
      }
      for (const file of [
        'salesforce/Case.csv',
        'salesforce/CaseHistory.csv',
        'freshdesk/tickets-export.csv',
      ]) {
        expect(chooseAdapter(join(samples, file)).name).not.toBe('zendesk');
      }
    });
  });

  describe('tickets', () => {
    it('should account for every record: tickets with created, resolved and survey events, bad records rejected by line', async () => {
      const summary = await ingestPaths(sut.store, [tickets], {}, { format: 'auto' });

      // 10 lines: 8 tickets + 8 created + 5 resolved + 3 survey events; a bad date and a superseded copy
      expect(summary.files[0]).toMatchObject({
        format: 'zendesk',
        kinds: ['tickets', 'events'],
        rows_read: 26,
        rows_loaded: 24,
        rows_rejected: 2,
      });
      expect(summary.files[0].ignored_columns).toEqual(
        expect.arrayContaining(['subject', 'tags', 'custom_fields']),
      );
      expect(await sut.store.all('SELECT line, field, value, reason FROM rejects ORDER BY line')).toEqual([
        {
          line: 3n,
          field: 'id',
          value: '4104',
          reason: 'duplicate id: superseded by a later record of the same ticket',
        },
        {
          line: 9n,
          field: 'created_at',
          value: '2024-03-32T09:00:00Z',
          reason: 'not a Zendesk timestamp (ISO 8601, such as 2024-03-05T14:22:10Z)',
        },
      ]);
    });

    it('should map statuses, channels and the satisfaction rating (good = 5, bad = 1)', async () => {
      await ingestPaths(sut.store, [tickets]);

      const rows = await sut.store.all(
        `SELECT ticket_id, customer_id, channel, category, priority, status, csat, resolved_at
         FROM tickets WHERE ticket_id IN ('4101', '4102', '4104', '4106', '4107') ORDER BY ticket_id`,
      );
      expect(rows).toEqual([
        {
          ticket_id: '4101',
          customer_id: '9001',
          channel: 'email',
          category: 'question',
          priority: 'normal',
          status: 'solved',
          csat: 5,
          resolved_at: new Date('2024-03-07T08:00:05Z'),
        },
        {
          ticket_id: '4102',
          customer_id: '9002',
          channel: 'chat',
          category: 'incident',
          priority: 'high',
          status: 'solved',
          csat: 1,
          resolved_at: new Date('2024-03-08T10:00:00Z'),
        },
        // the later of the two records of 4104 won
        {
          ticket_id: '4104',
          customer_id: '9004',
          channel: 'web',
          category: 'problem',
          priority: 'normal',
          status: 'solved',
          csat: 5,
          resolved_at: new Date('2024-03-10T18:00:00Z'),
        },
        {
          ticket_id: '4106',
          customer_id: '9006',
          channel: 'phone',
          category: 'question',
          priority: 'normal',
          status: 'pending',
          csat: null,
          resolved_at: null,
        },
        {
          ticket_id: '4107',
          customer_id: '9007',
          channel: 'api',
          category: 'task',
          priority: 'normal',
          status: 'on_hold',
          csat: null,
          resolved_at: null,
        },
      ]);
      const surveys = await sut.store.all(
        "SELECT ticket_id, value, note FROM events WHERE type = 'survey' ORDER BY ticket_id",
      );
      expect(surveys).toEqual([
        { ticket_id: '4101', value: 'good', note: 'Quick and clear answer.\nThanks Carla!' },
        { ticket_id: '4102', value: 'bad', note: 'Took three chats to get my card unblocked.' },
        { ticket_id: '4104', value: 'good', note: null },
      ]);
    });

    it('should read an API page with side-loaded groups and metric sets, naming a bad record by position', async () => {
      const page = join(dir, 'tickets-page.json');
      const lines = readFileSync(tickets, 'utf8').trim().split('\n');
      writeFileSync(
        page,
        JSON.stringify({
          tickets: [lines[0], lines[8]].map((l) => JSON.parse(l)),
          groups: [{ id: 360003, name: 'Billing Specialists' }],
          metric_sets: [{ ticket_id: 4101, solved_at: '2024-03-06T15:00:00Z' }],
          next_page: null,
        }),
      );

      const summary = await ingestPaths(sut.store, [page]);

      expect(summary.files[0]).toMatchObject({ rows_read: 5, rows_loaded: 4, rows_rejected: 1 });
      expect(await sut.store.all('SELECT line, field, reason FROM rejects')).toEqual([
        {
          line: null,
          field: 'created_at',
          reason: 'not a Zendesk timestamp (ISO 8601, such as 2024-03-05T14:22:10Z) (tickets[1])',
        },
      ]);
      expect(
        await sut.store.all(
          "SELECT \"at\", department FROM events WHERE type = 'resolved' AND ticket_id = '4101'",
        ),
      ).toEqual([{ at: new Date('2024-03-06T15:00:00Z'), department: 'Billing Specialists' }]);
    });
  });

  describe('audits', () => {
    it('should account for every audit and reject the one with an impossible time', async () => {
      const summary = await ingestPaths(sut.store, [audits], {}, { format: 'auto' });

      // 28 audits: 27 make 28 events, one is rejected; an API page's records share its lines
      expect(summary.files[0]).toMatchObject({
        format: 'zendesk',
        kinds: ['events'],
        rows_read: 29,
        rows_loaded: 28,
        rows_rejected: 1,
        ignored_columns: ['metadata'],
      });
      expect(await sut.store.all('SELECT line, field, value, reason FROM rejects')).toEqual([
        {
          line: null,
          field: 'created_at',
          value: '2024-02-30T25:61:00Z',
          reason: 'not a Zendesk timestamp (ISO 8601, such as 2024-03-05T14:22:10Z) (audits[17])',
        },
      ]);
    });

    it('should turn group changes into escalation steps with their type, department and handover note', async () => {
      const summary = await ingestPaths(sut.store, [tickets, audits]);

      expect(summary.escalation_steps).toBe(3);
      const steps = await sut.store.all(
        `SELECT ticket_id, "at", from_level, to_level, skipped_levels, is_entry, department, agent_id,
                escalation_type, note
         FROM escalation_steps ORDER BY ticket_id, step_no`,
      );
      expect(steps).toEqual([
        {
          ticket_id: '4101',
          at: new Date('2024-03-04T09:40:00Z'),
          from_level: 1,
          to_level: 2,
          skipped_levels: [],
          is_entry: false,
          department: 'Billing Specialists',
          agent_id: '7003',
          escalation_type: 'expertise',
          note:
            'Customer disputes the £25 late fee on the Feb statement.\n' +
            'DD mandate set up 2 Feb; bank collected on 5 Feb (bank holiday delay).\n' +
            'Already checked: payment history and DD mandate.\n' +
            'Ask: refund the fee. Severity: medium, customer calm.',
        },
        // the handover was written in the audit just before the move, by the same agent
        {
          ticket_id: '4102',
          at: new Date('2024-03-05T13:35:00Z'),
          from_level: 1,
          to_level: 3,
          skipped_levels: [2],
          is_entry: false,
          department: 'Customer Care Managers',
          agent_id: '7005',
          escalation_type: 'customer',
          note:
            'Card blocked by the fraud engine after a payment in Lisbon; customer is travelling and needs it today.\n' +
            'Identity verified (2 questions). Customer asked twice for a manager.',
        },
        // moved by an automation: automatic
        {
          ticket_id: '4104',
          at: new Date('2024-03-06T16:05:00Z'),
          from_level: 1,
          to_level: 2,
          skipped_levels: [],
          is_entry: false,
          department: 'Technical Support',
          agent_id: null,
          escalation_type: 'automatic',
          note: null,
        },
        // created straight into the Executive Office: an entry step, with the creating audit's private note
        {
          ticket_id: '4105',
          at: new Date('2024-03-07T11:00:00Z'),
          from_level: null,
          to_level: 4,
          skipped_levels: [],
          is_entry: true,
          department: 'Executive Office',
          agent_id: '7006',
          escalation_type: null,
          note:
            'Letter to the Chief Executive received by post, scanned and attached.\n' +
            'Customer says they will go to the ombudsman.',
        },
      ]);
      const reassignments = await sut.store.all(
        "SELECT ticket_id, reassignments FROM case_facts WHERE ticket_id IN ('4103', '4104') ORDER BY ticket_id",
      );
      // 4103 moved between two level-1 groups; 4104 went through a group of unknown level and back
      expect(reassignments).toEqual([
        { ticket_id: '4103', reassignments: 1 },
        { ticket_id: '4104', reassignments: 2 },
      ]);
    });

    it('should keep the whole history: waits, replies, de-escalation, reopening and the survey', async () => {
      await ingestPaths(sut.store, [audits]);

      const history = await sut.store.all(
        "SELECT type, level, department, status, value FROM events WHERE ticket_id = '4104' ORDER BY seq",
      );
      expect(history).toEqual([
        { type: 'created', level: 1, department: 'Tier 1 Support', status: 'new', value: null },
        { type: 'escalated', level: 2, department: 'Technical Support', status: 'new', value: null },
        { type: 'assigned', level: null, department: 'Partner Relations', status: 'open', value: null },
        { type: 'de-escalated', level: 1, department: 'Tier 1 Support', status: 'open', value: null },
        { type: 'assigned', level: 1, department: 'Tier 1 Support', status: 'solved', value: null },
        { type: 'resolved', level: 1, department: 'Tier 1 Support', status: 'solved', value: null },
        { type: 'customer_reply', level: null, department: null, status: 'open', value: null },
        { type: 'reopened', level: 1, department: 'Tier 1 Support', status: 'open', value: null },
        { type: 'resolved', level: 1, department: 'Tier 1 Support', status: 'solved', value: null },
        { type: 'survey', level: null, department: null, status: 'solved', value: 'good' },
      ]);
      const waits = await sut.store.all(
        "SELECT type, status, note FROM events WHERE ticket_id IN ('4101', '4103') AND type = 'note' ORDER BY ticket_id, seq",
      );
      expect(waits).toEqual([
        {
          type: 'note',
          status: 'pending',
          note: 'Asked the customer for a copy of the bank statement showing the collection date.',
        },
        // closed by an automation: a status change alone
        { type: 'note', status: 'closed', note: null },
      ]);
    });

    it('should read audits one per line with each reject on its line', async () => {
      const auditLines = join(dir, 'audits.ndjson');
      const { audits: records } = JSON.parse(readFileSync(audits, 'utf8')) as { audits: unknown[] };
      writeFileSync(auditLines, `${records.map((r) => JSON.stringify(r)).join('\n')}\n{"ticket_id": 4103,\n`);

      const summary = await ingestPaths(sut.store, [auditLines]);

      expect(summary.files[0]).toMatchObject({ rows_read: 30, rows_loaded: 28, rows_rejected: 2 });
      expect(await sut.store.all('SELECT line, field, reason FROM rejects ORDER BY line')).toEqual([
        {
          line: 18n,
          field: 'created_at',
          reason: 'not a Zendesk timestamp (ISO 8601, such as 2024-03-05T14:22:10Z)',
        },
        { line: 29n, field: 'record', reason: 'not valid JSON' },
      ]);
    });
  });

  describe('tickets and audits together', () => {
    it('should end with the same events whichever file is loaded first, rejecting the snapshot events it keeps out', async () => {
      await ingestPaths(sut.store, [tickets, audits]);
      const ticketsFirst = await sut.store.all(eventsSql);
      const other = await openTempStore();
      try {
        const summary = await ingestPaths(other.store, [audits, tickets]);

        // 13 snapshot events of the 5 tickets whose audits are stored are kept out, as rejects
        expect(summary.files[1]).toMatchObject({ rows_read: 26, rows_loaded: 11, rows_rejected: 15 });
        const [kept] = await other.store.all<{ reason: string }>(
          "SELECT reason FROM rejects WHERE field = 'type' AND value = 'created' AND line = 1",
        );
        expect(kept.reason).toBe(
          "not loaded: ticket 4101 already has its event history from ticket_audits.json, which this snapshot's created event would replace",
        );
        expect(await other.store.all(eventsSql)).toEqual(ticketsFirst);
      } finally {
        other.dispose();
      }
      expect(ticketsFirst).toHaveLength(31);
    });
  });
});
