import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../../etl/src/index.js';
import { chooseAdapter } from '../../../../etl/src/ingest/adapters/registry.js';
import { openTempStore, type TempStore } from '../../../setup/duckdb-file.js';

const samples = new URL('../../../../fixtures/samples/', import.meta.url).pathname;
const tickets = join(samples, 'freshdesk', 'tickets-export.csv');

describe('freshdesk adapter', () => {
  let sut: TempStore;
  beforeEach(async () => {
    sut = await openTempStore();
  });
  afterEach(() => sut.dispose());

  describe('detect', () => {
    it('should be chosen by --format auto for a tickets export, and for no canonical or other helpdesk file', () => {
      expect(chooseAdapter(tickets).name).toBe('freshdesk');
      for (const name of readdirSync(join(samples, 'canonical'))) {
        expect(chooseAdapter(join(samples, 'canonical', name)).name).toBe('canonical-csv');
      }
      for (const file of ['salesforce/Case.csv', 'salesforce/CaseHistory.csv', 'zendesk/tickets.json']) {
        expect(chooseAdapter(join(samples, file)).name).not.toBe('freshdesk');
      }
    });
  });

  describe('tickets export', () => {
    it('should account for every ticket and reject the bad date on its line, after a multi-line description', async () => {
      const summary = await ingestPaths(sut.store, [tickets], {}, { format: 'auto' });

      // 10 rows: 9 tickets + 9 created + 8 assigned + 5 resolved + 4 survey events; one impossible date
      expect(summary.files[0]).toMatchObject({
        format: 'freshdesk',
        kinds: ['tickets', 'events'],
        rows_read: 36,
        rows_loaded: 35,
        rows_rejected: 1,
      });
      expect(summary.files[0].ignored_columns).toEqual(
        expect.arrayContaining(['Subject', 'Description', 'Resolution status', 'Full name']),
      );
      expect(await sut.store.all('SELECT line, field, value, reason FROM rejects')).toEqual([
        {
          line: 11n,
          field: 'Created time',
          value: '31/02/2024 10:00',
          reason: 'not a Freshdesk time (YYYY-MM-DD HH:MM:SS, taken as UTC)',
        },
      ]);
    });

    it('should map statuses, sources, priorities and survey results', async () => {
      await ingestPaths(sut.store, [tickets]);

      const rows = await sut.store.all(
        `SELECT ticket_id, created_at, resolved_at, customer_id, channel, category, priority, status, csat
         FROM tickets WHERE ticket_id IN ('7101', '7102', '7103', '7109') ORDER BY ticket_id`,
      );
      expect(rows).toEqual([
        {
          ticket_id: '7101',
          created_at: new Date('2024-03-04T09:00:00Z'),
          resolved_at: new Date('2024-03-06T15:00:00Z'),
          customer_id: '103000001',
          channel: 'email',
          category: 'Billing',
          priority: 'normal',
          status: 'solved',
          csat: 5,
        },
        {
          ticket_id: '7102',
          created_at: new Date('2024-03-05T13:10:00Z'),
          resolved_at: new Date('2024-03-05T14:10:00Z'),
          customer_id: '103000002',
          channel: 'phone',
          category: 'Card',
          priority: 'urgent',
          status: 'closed',
          csat: 1,
        },
        {
          ticket_id: '7103',
          created_at: new Date('2024-03-06T10:00:00Z'),
          resolved_at: new Date('2024-03-06T11:00:00Z'),
          customer_id: '103000003',
          channel: 'web',
          category: 'Account access',
          priority: 'low',
          status: 'closed',
          csat: 3,
        },
        // a custom status: waiting on the customer
        {
          ticket_id: '7109',
          created_at: new Date('2024-03-09T08:00:00Z'),
          resolved_at: null,
          customer_id: '103000009',
          channel: 'email',
          category: 'Billing',
          priority: 'normal',
          status: 'pending',
          csat: null,
        },
      ]);
      const surveys = await sut.store.all(
        'SELECT ticket_id, "at", value FROM events WHERE type = \'survey\' ORDER BY ticket_id',
      );
      expect(surveys).toEqual([
        { ticket_id: '7101', at: new Date('2024-03-07T08:00:05Z'), value: 'Awesome' },
        { ticket_id: '7102', at: new Date('2024-03-08T10:00:00Z'), value: 'Not Good' },
        { ticket_id: '7103', at: new Date('2024-03-10T11:00:00Z'), value: 'Just Okay' },
        { ticket_id: '7110', at: new Date('2024-03-12T09:00:00Z'), value: 'Awesome' },
      ]);
    });

    it('should record each ticket in a level 2–4 group as an entry step, a snapshot having no moves', async () => {
      const summary = await ingestPaths(sut.store, [tickets]);

      expect(summary.escalation_steps).toBe(0);
      const steps = await sut.store.all(
        `SELECT ticket_id, from_level, to_level, is_entry, department, agent_id
         FROM escalation_steps ORDER BY ticket_id`,
      );
      expect(steps).toEqual([
        {
          ticket_id: '7101',
          from_level: null,
          to_level: 2,
          is_entry: true,
          department: 'Billing Specialists',
          agent_id: 'Carla Mendes',
        },
        {
          ticket_id: '7102',
          from_level: null,
          to_level: 3,
          is_entry: true,
          department: 'Customer Care Managers',
          agent_id: 'Eve Walsh',
        },
        {
          ticket_id: '7104',
          from_level: null,
          to_level: 2,
          is_entry: true,
          department: 'Technical Support',
          agent_id: 'Dev Patel',
        },
        {
          ticket_id: '7105',
          from_level: null,
          to_level: 4,
          is_entry: true,
          department: 'Executive Office',
          agent_id: 'Finn Otto',
        },
        {
          ticket_id: '7109',
          from_level: null,
          to_level: 2,
          is_entry: true,
          department: 'Billing Specialists',
          agent_id: 'Carla Mendes',
        },
      ]);
      // a group the level rules do not know: assigned, with no level
      expect(
        await sut.store.all(
          "SELECT type, level, department FROM events WHERE ticket_id = '7106' ORDER BY seq",
        ),
      ).toEqual([
        { type: 'created', level: null, department: null },
        { type: 'assigned', level: null, department: 'Partner Relations' },
      ]);
    });

    it('should name the file and the expected columns when forced onto another export', async () => {
      const file = join(samples, 'canonical', 'tickets.csv');

      const summary = await ingestPaths(sut.store, [file], {}, { format: 'freshdesk' });

      expect(summary.files[0].error).toBe(
        `${file}:1: not a Freshdesk tickets export: expected the columns Ticket ID, Status and Created time`,
      );
    });
  });
});
