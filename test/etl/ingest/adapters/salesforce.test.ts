import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../../etl/src/index.js';
import { chooseAdapter } from '../../../../etl/src/ingest/adapters/registry.js';
import { openTempStore, type TempStore } from '../../../setup/duckdb-file.js';

const samples = new URL('../../../../fixtures/samples/', import.meta.url).pathname;
const cases = join(samples, 'salesforce', 'Case.csv');
const history = join(samples, 'salesforce', 'CaseHistory.csv');

const case1 = '5003X00002AbC01QAF';
const case2 = '5003X00002AbC02QAF';
const case3 = '5003X00002AbC03QAF';
const case4 = '5003X00002AbC04QAF';

describe('salesforce adapter', () => {
  let sut: TempStore;
  beforeEach(async () => {
    sut = await openTempStore();
  });
  afterEach(() => sut.dispose());

  describe('detect', () => {
    it('should be chosen by --format auto for Case.csv and CaseHistory.csv', () => {
      expect(chooseAdapter(cases).name).toBe('salesforce');
      expect(chooseAdapter(history).name).toBe('salesforce');
    });

    it('should not be chosen for the canonical sample or the other helpdesk samples', () => {
      for (const name of readdirSync(join(samples, 'canonical'))) {
        expect(chooseAdapter(join(samples, 'canonical', name)).name).toBe('canonical-csv');
      }
      for (const file of [
        'freshdesk/tickets-export.csv',
        'zendesk/tickets.json',
        'zendesk/ticket_audits.json',
      ]) {
        expect(chooseAdapter(join(samples, file)).name).not.toBe('salesforce');
      }
    });
  });

  describe('Case.csv', () => {
    it('should account for every case and reject the bad date on its line, after a multi-line description', async () => {
      const summary = await ingestPaths(sut.store, [cases], {}, { format: 'auto' });

      // 6 cases: 5 tickets + 5 created + 2 resolved events; one CreatedDate in a report's format
      expect(summary.files[0]).toMatchObject({
        format: 'salesforce',
        kinds: ['tickets', 'events'],
        rows_read: 13,
        rows_loaded: 12,
        rows_rejected: 1,
      });
      expect(summary.files[0].ignored_columns).toEqual(expect.arrayContaining(['CaseNumber', 'Description']));
      expect(await sut.store.all('SELECT line, field, value, reason FROM rejects')).toEqual([
        {
          line: 8n,
          field: 'CreatedDate',
          value: '05/03/2024 14:22',
          reason: 'not a Salesforce datetime (such as 2024-03-05T14:22:10.000+0000)',
        },
      ]);
    });

    it('should map the case fields and parse +0000 and Z datetimes', async () => {
      await ingestPaths(sut.store, [cases]);

      const rows = await sut.store.all(
        `SELECT ticket_id, created_at, resolved_at, customer_id, channel, category, priority, status, csat
         FROM tickets WHERE ticket_id IN ('${case1}', '${case2}', '5003X00002AbC06QAF') ORDER BY ticket_id`,
      );
      expect(rows).toEqual([
        {
          ticket_id: case1,
          created_at: new Date('2024-03-04T09:00:00Z'),
          resolved_at: new Date('2024-03-06T15:00:00Z'),
          customer_id: '0033X00003Qm101QAA',
          channel: 'phone',
          category: 'Billing',
          priority: 'normal',
          status: 'closed',
          csat: null,
        },
        {
          ticket_id: case2,
          created_at: new Date('2024-03-05T10:00:00Z'),
          resolved_at: null,
          customer_id: '0033X00003Qm102QAA',
          channel: 'web',
          category: 'Card',
          priority: 'high',
          status: 'open',
          csat: null,
        },
        // no contact: the account is the customer
        {
          ticket_id: '5003X00002AbC06QAF',
          created_at: new Date('2024-03-10T08:00:00Z'),
          resolved_at: null,
          customer_id: '0013X00002Zr7A6QAJ',
          channel: 'email',
          category: 'Billing',
          priority: 'normal',
          status: 'new',
          csat: null,
        },
      ]);
    });
  });

  describe('CaseHistory.csv', () => {
    it('should account for every change and reject an unknown status on its line', async () => {
      const summary = await ingestPaths(sut.store, [history], {}, { format: 'auto' });

      // 34 history rows: owner name/Id pairs and same-save rows are one change each; 15 events
      expect(summary.files[0]).toMatchObject({
        format: 'salesforce',
        kinds: ['events'],
        rows_read: 16,
        rows_loaded: 15,
        rows_rejected: 1,
        ignored_columns: ['DataType'],
      });
      expect(await sut.store.all('SELECT line, field, value, reason FROM rejects')).toEqual([
        {
          line: 29n,
          field: 'NewValue',
          value: 'Waiting for Parts',
          reason:
            'not a known Salesforce case status (New, Working, In Progress, Escalated, On Hold, Waiting on Customer, Pending, Resolved, Closed)',
        },
      ]);
    });

    it('should turn queue moves and escalation flags into escalation steps', async () => {
      const summary = await ingestPaths(sut.store, [cases, history]);

      expect(summary.escalation_steps).toBe(3);
      const steps = await sut.store.all(
        `SELECT ticket_id, "at", from_level, to_level, skipped_levels, is_entry, department, escalation_type
         FROM escalation_steps ORDER BY ticket_id, step_no`,
      );
      expect(steps).toEqual([
        {
          ticket_id: case1,
          at: new Date('2024-03-04T09:40:00Z'),
          from_level: 1,
          to_level: 2,
          skipped_levels: [],
          is_entry: false,
          department: 'Tier 2 Billing Queue',
          escalation_type: null,
        },
        // an escalation rule: Status Escalated, IsEscalated and ownerEscalated saved together
        {
          ticket_id: case2,
          at: new Date('2024-03-05T14:00:00Z'),
          from_level: 1,
          to_level: 3,
          skipped_levels: [2],
          is_entry: false,
          department: 'Customer Care Managers',
          escalation_type: 'automatic',
        },
        // Status Escalated without a queue move: one level up, in the same queue
        {
          ticket_id: case4,
          at: new Date('2024-03-07T11:00:00Z'),
          from_level: 1,
          to_level: 2,
          skipped_levels: [],
          is_entry: false,
          department: 'Tier 1 Support Queue',
          escalation_type: null,
        },
      ]);
      const reassignments = await sut.store.all(
        `SELECT ticket_id, reassignments FROM case_facts WHERE reassignments > 0`,
      );
      expect(reassignments).toEqual([{ ticket_id: case3, reassignments: 1 }]);
    });

    it('should keep who took the case, status waits, resolution and reopening', async () => {
      await ingestPaths(sut.store, [history]);

      const events = await sut.store.all(
        `SELECT ticket_id, type, level, department, agent_id, status FROM events
         WHERE ticket_id IN ('${case1}', '${case4}') ORDER BY ticket_id, seq`,
      );
      expect(events).toEqual([
        {
          ticket_id: case1,
          type: 'created',
          level: 1,
          department: 'Tier 1 Support Queue',
          agent_id: null,
          status: 'new',
        },
        {
          ticket_id: case1,
          type: 'escalated',
          level: 2,
          department: 'Tier 2 Billing Queue',
          agent_id: null,
          status: 'new',
        },
        // the owner's Id row says a user (005…) took the case from the queue
        {
          ticket_id: case1,
          type: 'assigned',
          level: 2,
          department: 'Tier 2 Billing Queue',
          agent_id: '0053X00000Dk02AQAR',
          status: 'open',
        },
        {
          ticket_id: case1,
          type: 'resolved',
          level: 2,
          department: 'Tier 2 Billing Queue',
          agent_id: '0053X00000Dk02AQAR',
          status: 'closed',
        },
        {
          ticket_id: case4,
          type: 'created',
          level: 1,
          department: 'Tier 1 Support Queue',
          agent_id: null,
          status: 'new',
        },
        {
          ticket_id: case4,
          type: 'escalated',
          level: 2,
          department: 'Tier 1 Support Queue',
          agent_id: null,
          status: 'open',
        },
        { ticket_id: case4, type: 'note', level: null, department: null, agent_id: null, status: 'open' },
        {
          ticket_id: case4,
          type: 'resolved',
          level: 2,
          department: 'Tier 1 Support Queue',
          agent_id: null,
          status: 'closed',
        },
        {
          ticket_id: case4,
          type: 'reopened',
          level: 2,
          department: 'Tier 1 Support Queue',
          agent_id: null,
          status: 'open',
        },
      ]);
    });
  });

  describe('Case.csv and CaseHistory.csv together', () => {
    it('should end with the same events whichever file is loaded first', async () => {
      await ingestPaths(sut.store, [cases, history]);
      const eventsSql = 'SELECT * EXCLUDE (source_file) FROM events ORDER BY ticket_id, seq';
      const casesFirst = await sut.store.all(eventsSql);
      const other = await openTempStore();
      try {
        const summary = await ingestPaths(other.store, [history, cases]);

        // the 7 snapshot events of the 5 cases with a stored history are kept out, as rejects
        expect(summary.files[1]).toMatchObject({ rows_read: 13, rows_loaded: 5, rows_rejected: 8 });
        expect(await other.store.all(eventsSql)).toEqual(casesFirst);
      } finally {
        other.dispose();
      }
    });

    it('should name the file and what was expected when forced onto another export', async () => {
      const summary = await ingestPaths(
        sut.store,
        [join(samples, 'canonical', 'tickets.csv')],
        {},
        {
          format: 'salesforce',
        },
      );

      expect(summary.files[0].error).toBe(
        `${join(samples, 'canonical', 'tickets.csv')}:1: not a Salesforce export: expected a Case header (Id, CaseNumber, Status, CreatedDate, …) or a CaseHistory header (CaseId, Field, OldValue, NewValue, CreatedDate, …)`,
      );
    });
  });
});
