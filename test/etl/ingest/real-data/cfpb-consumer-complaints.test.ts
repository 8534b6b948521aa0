import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestSummary, ingestPaths } from '../../../../etl/src/index.js';
import { openTempStore, type TempStore } from '../../../setup/duckdb-file.js';
import {
  absentReason,
  countOf,
  eventsByLevel,
  realDataSet,
  rejectReasons,
  stepsByLevel,
} from './real-data.util.js';

const set = realDataSet('cfpb-consumer-complaints');
const mapping = `${set.mapping}/cfpb-consumer-complaints.yaml`;

// Whole set: 145 + 1,000 + 349 complaints in three header spellings (SOURCE.md). Slice: the first 100
// of each. A complaint gives a ticket and its one `escalated` event: rows_read = 2 × complaints. The
// outcome and dispute counts were cross-checked on the raw files with plain SQL.
const copies = [
  {
    copy: 'the whole set',
    dir: set.full,
    skip: !set.fullPresent,
    expected: {
      complaints: [145, 1_000, 349],
      outcomes: [
        { outcome: 'partial', n: 309 },
        { outcome: 'upheld', n: 1_102 },
        { outcome: null, n: 83 },
      ],
      disputed: 256,
      undisputed: 930,
      narratives: 13,
    },
  },
  {
    copy: 'the committed slice',
    dir: set.slice,
    skip: false,
    expected: {
      complaints: [100, 100, 100],
      outcomes: [
        { outcome: 'partial', n: 50 },
        { outcome: 'upheld', n: 223 },
        { outcome: null, n: 27 },
      ],
      disputed: 38,
      undisputed: 177,
      narratives: 10,
    },
  },
];

describe('CFPB consumer complaints through fixtures/mappings/cfpb-consumer-complaints.yaml', () => {
  describe.each(copies)('$copy', ({ dir, skip, expected }) => {
    const when = skip ? ` (skipped: ${absentReason})` : '';
    const total = expected.complaints.reduce((a, b) => a + b, 0);
    let sut: TempStore;
    let summary: IngestSummary;
    beforeAll(async () => {
      if (skip) {
        return;
      }
      sut = await openTempStore();
      summary = await ingestPaths(sut.store, [dir], {}, { mapping });
    });
    afterAll(() => sut?.dispose());

    it.skipIf(skip)(
      `should read all three header spellings with one mapping and account for every row${when}`,
      async () => {
        expect(summary.ok).toBe(true);
        expect(
          summary.files.map((f) => [f.file.split('/').at(-1), f.rows_read, f.rows_loaded, f.rows_rejected]),
        ).toEqual([
          [
            'cfpb_2012-2017_snake-case-with-narratives.csv',
            2 * expected.complaints[0],
            2 * expected.complaints[0],
            0,
          ],
          ['cfpb_2013_kaggle-headers.csv', 2 * expected.complaints[1], 2 * expected.complaints[1], 0],
          ['cfpb_2016-09_official-headers.csv', 2 * expected.complaints[2], 2 * expected.complaints[2], 0],
        ]);
        expect(await rejectReasons(sut.store)).toEqual([]);
        expect(await countOf(sut.store, 'SELECT * FROM tickets')).toBe(total);
      },
    );

    it.skipIf(skip)(`should count every complaint as one customer escalation to level 4${when}`, async () => {
      expect(await eventsByLevel(sut.store)).toEqual([{ level: 4, n: total }]);
      expect(await stepsByLevel(sut.store)).toEqual([{ to_level: 4, is_entry: false, n: total }]);
      expect(await countOf(sut.store, 'SELECT * FROM case_facts WHERE escalations = 1')).toBe(total);
      expect(
        await countOf(
          sut.store,
          "SELECT * FROM escalation_steps WHERE escalation_type <> 'customer' OR department IS NULL",
        ),
      ).toBe(0);
    });

    it.skipIf(skip)(
      `should map company responses to outcomes and keep disputes in the note${when}`,
      async () => {
        expect(
          await sut.store.all(
            'SELECT outcome, count(*)::INTEGER AS n FROM tickets GROUP BY outcome ORDER BY outcome NULLS LAST',
          ),
        ).toEqual(expected.outcomes);
        expect(
          await countOf(
            sut.store,
            "SELECT * FROM events WHERE note LIKE '%The consumer disputed the company''s response.'",
          ),
        ).toBe(expected.disputed);
        expect(
          await countOf(sut.store, "SELECT * FROM events WHERE note LIKE '%The consumer did not dispute%'"),
        ).toBe(expected.undisputed);
        expect(await countOf(sut.store, "SELECT * FROM events WHERE note LIKE '%XXXX%'")).toBeGreaterThan(0);
        expect(await countOf(sut.store, "SELECT * FROM events WHERE note LIKE '_%\n\nThe consumer%'")).toBe(
          expected.narratives,
        );
        // not surveyed: never a zero
        expect(await countOf(sut.store, 'SELECT * FROM tickets WHERE csat IS NOT NULL')).toBe(0);
      },
    );

    it.skipIf(skip)(`should read MM/DD/YYYY, M/D/YYYY and ISO dates as calendar days${when}`, async () => {
      const rows = await sut.store.all(
        `SELECT ticket_id, strftime(created_at, '%Y-%m-%d %H:%M') AS received, channel, status, outcome
         FROM tickets WHERE ticket_id IN ('2105582', '511074', '2397100') ORDER BY ticket_id`,
      );

      expect(rows).toEqual([
        { ticket_id: '2105582', received: '2016-09-12 00:00', channel: 'web', status: 'open', outcome: null },
        {
          ticket_id: '2397100',
          received: '2017-03-21 00:00',
          channel: 'phone',
          status: 'closed',
          outcome: 'partial',
        },
        {
          ticket_id: '511074',
          received: '2013-08-30 00:00',
          channel: 'referral',
          status: 'closed',
          outcome: 'upheld',
        },
      ]);
    });
  });
});
