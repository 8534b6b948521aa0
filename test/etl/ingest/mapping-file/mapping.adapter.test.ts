import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths, MappingFileError } from '../../../../etl/src/index.js';
import { openTempStore, type TempStore } from '../../../setup/duckdb-file.js';

const example = 'fixtures/mappings/example-mapping.yaml';
const exampleExport = 'fixtures/mappings/example-export.csv';

interface Reject {
  line: number;
  field: string;
  value: string;
  reason: string;
}

describe('mappingFileAdapter', () => {
  let sut: TempStore;
  let dir: string;
  beforeEach(async () => {
    sut = await openTempStore();
    dir = mkdtempSync(join(tmpdir(), 'eqa-mapping-'));
  });
  afterEach(() => {
    sut.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Writes a file into the test's folder and returns its path. */
  const write = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  /** The name messages give a file of the test's folder (relative to the working folder when inside it). */
  const shown = (path: string) => {
    const rel = relative(process.cwd(), path);
    return rel.startsWith('..') ? path : rel;
  };
  const rejects = () =>
    sut.store.all<Reject>('SELECT line::INTEGER AS line, field, value, reason FROM rejects ORDER BY line');

  describe('the documented example', () => {
    it('should load the example export and account for every row', async () => {
      const summary = await ingestPaths(sut.store, [exampleExport], {}, { mapping: example });

      expect(summary.files).toHaveLength(1);
      expect(summary.files[0]).toMatchObject({
        format: 'mapping-file',
        kinds: ['tickets', 'events', 'agents'],
        rows_read: 17,
        rows_loaded: 15,
        rows_rejected: 2,
      });
      expect(await rejects()).toEqual([
        {
          line: 9,
          field: 'Tier',
          value: 'Tier 9',
          reason: "Tier 'Tier 9' maps to no level (fixtures/mappings/example-mapping.yaml line 49)",
        },
        { line: 11, field: 'Action', value: 'test', reason: "synthetic monitoring ticket, not a customer's" },
      ]);
    });

    it('should derive one ticket per case from its events, with the mapped snapshot values', async () => {
      await ingestPaths(sut.store, [exampleExport], {}, { mapping: example });

      const tickets = await sut.store.all(
        `SELECT ticket_id, strftime(created_at, '%Y-%m-%d %H:%M') AS created_at,
                strftime(resolved_at, '%Y-%m-%d %H:%M') AS resolved_at, customer_id, channel, category, policy,
                priority, csat, outcome
         FROM tickets ORDER BY ticket_id`,
      );
      expect(tickets).toEqual([
        {
          ticket_id: 'C-100',
          created_at: '2026-03-02 09:15',
          resolved_at: '2026-03-03 11:00',
          customer_id: 'CU-1',
          channel: 'phone',
          category: 'Card',
          policy: 'Card / Front desk',
          priority: 'normal',
          csat: 4,
          outcome: 'overturned',
        },
        {
          ticket_id: 'C-101',
          created_at: '2026-03-02 10:00',
          resolved_at: '2026-03-04 16:30',
          customer_id: 'CU-2',
          channel: 'email',
          category: 'Mortgage',
          policy: 'Mortgage / Front desk',
          priority: 'high',
          csat: 1,
          outcome: 'upheld',
        },
        {
          ticket_id: 'C-102',
          created_at: '2026-03-05 08:00',
          resolved_at: '2026-03-05 08:30',
          customer_id: 'CU-3',
          channel: 'chat',
          category: 'Card',
          policy: 'Card / Front desk',
          priority: 'low',
          csat: null,
          outcome: null,
        },
      ]);
    });

    it('should build an escalation step per level increase, with the skipped level and the handover note', async () => {
      await ingestPaths(sut.store, [exampleExport], {}, { mapping: example });

      const steps = await sut.store.all(
        'SELECT ticket_id, from_level, to_level, skipped_levels, is_entry, department, note FROM escalation_steps ORDER BY ticket_id',
      );
      expect(steps).toEqual([
        {
          ticket_id: 'C-100',
          from_level: 1,
          to_level: 2,
          skipped_levels: [],
          is_entry: false,
          department: 'Card experts',
          note: 'Customer is abroad; card blocked after 3 wrong PINs; PIN already reset, still blocked.',
        },
        {
          ticket_id: 'C-101',
          from_level: 1,
          to_level: 3,
          skipped_levels: [2],
          is_entry: false,
          department: 'Complaints',
          note: 'Customer asks for a manager: fee not in her contract (she quotes clause 7).',
        },
      ]);
      const agents = await sut.store.all('SELECT agent_id, team FROM agents ORDER BY agent_id');
      expect(agents).toEqual([
        { agent_id: 'alice', team: 'Front desk' },
        { agent_id: 'bob', team: 'Card experts' },
        { agent_id: 'carol', team: 'Front desk' },
        { agent_id: 'dave', team: 'Complaints' },
      ]);
    });
  });

  describe('timestamps', () => {
    it('should apply the formats in order, the time zone to values without an offset, and keep an offset', async () => {
      const mapping = write(
        'm.yaml',
        `mapping: 1
timestamps:
  formats: ['%d.%m.%Y %H:%M', iso]
  time_zone: Europe/Amsterdam
tables:
  calls:
    columns:
      call_id: id
      started_at: start
`,
      );
      const file = write(
        'calls.csv',
        'id,start\n' +
          'winter,15.01.2026 10:00\n' +
          'summer,15.07.2026 10:00\n' +
          'iso-local,2026-07-15T10:00:00\n' +
          'iso-offset,2026-07-15T10:00:00-04:00\n' +
          'date-only,2026-01-15\n' +
          'nonsense,yesterday\n',
      );

      const summary = await ingestPaths(sut.store, [file], {}, { mapping });

      expect(summary.files[0]).toMatchObject({ rows_read: 6, rows_loaded: 5, rows_rejected: 1 });
      const calls = await sut.store.all(
        "SELECT call_id, strftime(started_at, '%Y-%m-%d %H:%M') AS utc FROM calls ORDER BY call_id",
      );
      expect(calls).toEqual([
        { call_id: 'date-only', utc: '2026-01-14 23:00' },
        { call_id: 'iso-local', utc: '2026-07-15 08:00' },
        { call_id: 'iso-offset', utc: '2026-07-15 14:00' },
        { call_id: 'summer', utc: '2026-07-15 08:00' },
        { call_id: 'winter', utc: '2026-01-15 09:00' },
      ]);
      expect(await rejects()).toEqual([
        {
          line: 7,
          field: 'start',
          value: 'yesterday',
          reason: `start 'yesterday' matches none of the timestamp formats %d.%m.%Y %H:%M, iso (${shown(mapping)} line 3)`,
        },
      ]);
    });

    it('should put times of day on the placeholder date, in a fixed offset', async () => {
      const mapping = write(
        'm.yaml',
        `mapping: 1
source: { null_values: ['0:00:00'] }
timestamps: { formats: ['%H:%M:%S'], time_zone: '+05:30', date: '1999-01-01' }
tables:
  calls:
    columns:
      call_id: id
      started_at: in
      ended_at: { first_of: [served_until, left_queue] }
`,
      );
      const file = write(
        'calls.csv',
        'id,in,served_until,left_queue\na,9:05:00,9:07:30,9:05:10\nb,10:00:00,0:00:00,10:01:00\n',
      );

      await ingestPaths(sut.store, [file], {}, { mapping });

      const calls = await sut.store.all(
        "SELECT call_id, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS s, strftime(ended_at, '%H:%M:%S') AS e FROM calls ORDER BY 1",
      );
      expect(calls).toEqual([
        { call_id: 'a', s: '1999-01-01 03:35:00', e: '03:37:30' },
        { call_id: 'b', s: '1999-01-01 04:30:00', e: '04:31:00' },
      ]);
    });
  });

  describe('expressions and value maps', () => {
    it('should map values case-insensitively, leave unknown ones empty or keep them when asked, and reject the rest', async () => {
      const mapping = write(
        'm.yaml',
        `mapping: 1
maps:
  group_level:
    unmapped: empty
    values: { Service Desk: 1, Experts: 2 }
tables:
  events:
    columns:
      ticket_id: { concat: [region, number], separator: '-' }
      at: when
      type:
        column: what
        map: { ignore_case: true, values: { opened: created, moved: assigned, '': note } }
      level: { column: group, map: group_level }
      department: group
      agent_id: { column: who, map: { unmapped: keep, values: { nobody: ~ } } }
      note: { concat: [{ constant: 'via' }, { column: channel, map: { values: { P: phone, E: email } } }], separator: ' ' }
`,
      );
      const file = write(
        'events.csv',
        'region,number,when,what,group,who,channel\n' +
          'EU,1,2026-01-01T10:00:00Z,OPENED,Service Desk,nobody,P\n' +
          'EU,1,2026-01-01T11:00:00Z,moved,Experts,ann,E\n' +
          'EU,1,2026-01-01T12:00:00Z,,Night shift,ann,\n' +
          'EU,1,2026-01-01T13:00:00Z,moved,Experts,ann,X\n',
      );

      const summary = await ingestPaths(sut.store, [file], {}, { mapping });

      expect(summary.files[0]).toMatchObject({ rows_read: 4, rows_loaded: 3, rows_rejected: 1 });
      const events = await sut.store.all(
        'SELECT ticket_id, type, level, department, agent_id, note FROM events ORDER BY "at"',
      );
      expect(events).toEqual([
        {
          ticket_id: 'EU-1',
          type: 'created',
          level: 1,
          department: 'Service Desk',
          agent_id: null,
          note: 'via phone',
        },
        {
          ticket_id: 'EU-1',
          type: 'assigned',
          level: 2,
          department: 'Experts',
          agent_id: 'ann',
          note: 'via email',
        },
        {
          ticket_id: 'EU-1',
          type: 'note',
          level: null,
          department: 'Night shift',
          agent_id: 'ann',
          note: 'via',
        },
      ]);
      expect(await rejects()).toEqual([
        {
          line: 5,
          field: 'channel',
          value: 'X',
          reason: `channel 'X' maps to no note (${shown(mapping)} line 17)`,
        },
      ]);
    });

    it('should read each header spelling that columns lists, and name the mapping line when the header lacks a column', async () => {
      const mapping = write(
        'm.yaml',
        `mapping: 1
columns:
  id: [Call ID, call_id]
tables:
  calls:
    columns:
      call_id: id
      started_at: Start
`,
      );
      const official = write('a.csv', 'Call ID,Start\nA1,2026-01-01T10:00:00Z\n');
      const snake = write('b.csv', 'call_id,START\nB1,2026-01-01T10:00:00Z\n');
      const other = write('c.csv', 'id,Start\nC1,2026-01-01T10:00:00Z\n');

      const summary = await ingestPaths(sut.store, [official, snake, other], {}, { mapping });

      expect(summary.files.map((f) => f.rows_loaded)).toEqual([1, 1, 0]);
      expect(summary.files[2].error).toBe(
        `${other}:1: the header has no column 'id' (named at ${shown(mapping)} line 7) under any of its spellings (Call ID, call_id; ${shown(mapping)} line 3)`,
      );
      expect(summary.ok).toBe(false);
    });
  });

  describe('sources', () => {
    it('should read JSON lines, by key and by JSON pointer', async () => {
      const mapping = write(
        'm.yaml',
        `mapping: 1
source: { format: ndjson }
tables:
  calls:
    columns:
      call_id: contactId
      customer_id: /customer/id
      started_at: startedAt
      level: { constant: 1 }
`,
      );
      const file = write(
        'calls.jsonl',
        '{"contactId": "c-1", "customer": {"id": "CU-9"}, "startedAt": "2026-02-01T08:00:00Z"}\n' +
          '{"contactId": "c-2", "customer": {}, "startedAt": "2026-02-01T09:00:00Z"}\n',
      );

      const summary = await ingestPaths(sut.store, [file], {}, { mapping });

      expect(summary.files[0]).toMatchObject({ rows_read: 2, rows_loaded: 2, rows_rejected: 0 });
      expect(await sut.store.all('SELECT call_id, customer_id, level FROM calls ORDER BY 1')).toEqual([
        { call_id: 'c-1', customer_id: 'CU-9', level: 1 },
        { call_id: 'c-2', customer_id: null, level: 1 },
      ]);
    });

    it('should read another delimiter and a declared Latin-1 encoding, with malformed records as rejects by line', async () => {
      const mapping = write(
        'm.yaml',
        `mapping: 1
source: { delimiter: '|', encoding: latin-1 }
tables:
  agents:
    columns:
      agent_id: id
      name: name
`,
      );
      const file = write(
        'agents.csv',
        Buffer.concat([
          Buffer.from('id|name\na1|"Ren'),
          Buffer.from([0xe9]),
          Buffer.from(' says\n""hi"""\na2|Bo|extra\na3|Cy\n|Dee\n'),
        ]),
      );

      const summary = await ingestPaths(sut.store, [file], {}, { mapping });

      expect(summary.files[0]).toMatchObject({ rows_read: 4, rows_loaded: 2, rows_rejected: 2 });
      expect(await sut.store.all('SELECT agent_id, name FROM agents ORDER BY 1')).toEqual([
        { agent_id: 'a1', name: 'René says\n"hi"' },
        { agent_id: 'a3', name: 'Cy' },
      ]);
      const [malformed, missing] = await rejects();
      expect(malformed.line).toBe(4);
      expect(malformed.reason).toMatch(/^TOO MANY COLUMNS/);
      expect(missing).toEqual({ line: 6, field: 'agent_id', value: '', reason: 'missing required value' });
    });

    it('should put rejects on their physical lines after quoted line breaks and malformed records', async () => {
      const mapping = write(
        'm.yaml',
        'mapping: 1\ntables:\n  agents: { columns: { agent_id: id, name: name } }\n',
      );
      const file = write(
        'agents.csv',
        'id,name\r\na1,"two\r\nlines"\r\na2,Bo,extra\r\n,no id\r\na4,"x\r\ny",z\r\na5,a,b\r\n,again no id',
      );

      const summary = await ingestPaths(sut.store, [file], {}, { mapping });

      expect(summary.files[0]).toMatchObject({ rows_read: 6, rows_loaded: 1, rows_rejected: 5 });
      expect((await rejects()).map((r) => [r.line, r.reason.split(':')[0]])).toEqual([
        [4, 'TOO MANY COLUMNS'],
        [5, 'missing required value'],
        [6, 'TOO MANY COLUMNS'],
        [8, 'TOO MANY COLUMNS'],
        [9, 'missing required value'],
      ]);
    });

    it('should say which delimiter to declare when a file is not comma-separated', async () => {
      const mapping = write('m.yaml', 'mapping: 1\ntables:\n  agents: { columns: { agent_id: id } }\n');
      const file = write('agents.csv', 'id;name\na1;Ann\n');

      const summary = await ingestPaths(sut.store, [file], {}, { mapping });

      expect(summary.files[0].error).toBe(
        `${file}:1: expected comma-separated values, but the header is separated by ';': say so in ${shown(mapping)} with source: { delimiter: ";" }`,
      );
    });

    it('should give each file the first files entry whose pattern matches, and say when none does', async () => {
      const mapping = write(
        'm.yaml',
        `mapping: 1
files:
  - match: 'tickets-*.csv'
    tables:
      tickets: { columns: { ticket_id: id, created_at: opened } }
  - match: ['calls-*.csv', 'phone-*.csv']
    tables:
      calls: { columns: { call_id: id, started_at: opened } }
`,
      );
      const tickets = write('Tickets-2026.csv', 'id,opened\nT1,2026-01-01\n');
      const calls = write('phone-2026.csv', 'id,opened\nP1,2026-01-01\n');
      const stray = write('notes.csv', 'id,opened\nN1,2026-01-01\n');

      const summary = await ingestPaths(sut.store, [tickets, calls, stray], {}, { mapping });

      expect(summary.files.map((f) => f.kinds)).toEqual([['tickets'], ['calls'], []]);
      expect(summary.files[2].error).toBe(
        `${stray}: no entry of the mapping ${shown(mapping)} reads a file named notes.csv (its entries match tickets-*.csv, calls-*.csv, phone-*.csv)`,
      );
    });

    it('should stop the run on a broken mapping file before any file is read', async () => {
      const file = write('calls.csv', 'id,start\nA,2026-01-01\n');

      await expect(
        ingestPaths(sut.store, [file], {}, { mapping: 'fixtures/mappings/broken/wrong-type.yaml' }),
      ).rejects.toThrow(MappingFileError);

      expect(await sut.store.all('SELECT * FROM loaded_files')).toEqual([]);
    });
  });
});
