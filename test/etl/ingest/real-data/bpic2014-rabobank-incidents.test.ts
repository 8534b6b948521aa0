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

const set = realDataSet('bpic2014-rabobank-incidents-sample');
const mapping = `${set.mapping}/bpic2014-rabobank-incidents.yaml`;

// Whole set: 4,000 incidents and their 39,911 activities (SOURCE.md). Slice: the first 150 incidents
// and their 2,937 activities. Groups get levels from the mapping (TEAM0008 = 1, 29 groups = 2, the
// rest unknown); the step counts were cross-checked on the raw file with plain SQL (2,580 moves from
// level 1 to 2 and 595 incidents first seen at level 2, among activities of a known level).
const copies = [
  {
    copy: 'the whole set',
    dir: set.full,
    skip: !set.fullPresent,
    expected: {
      activities: 39_911,
      incidents: 4_000,
      levels: [
        { level: 1, n: 6_940 },
        { level: 2, n: 17_008 },
        { level: null, n: 15_963 },
      ],
      steps: [
        { to_level: 2, is_entry: false, n: 2_580 },
        { to_level: 2, is_entry: true, n: 595 },
      ],
      escalated: 2_214,
      reassignments: 6_098,
      // 37 incidents have no Closed or Resolved activity in the trail, 1 ends with a Reopen
      resolved: 3_962,
    },
  },
  {
    copy: 'the committed slice',
    dir: set.slice,
    skip: false,
    expected: {
      activities: 2_937,
      incidents: 150,
      levels: [
        { level: 1, n: 376 },
        { level: 2, n: 951 },
        { level: null, n: 1_610 },
      ],
      steps: [
        { to_level: 2, is_entry: false, n: 128 },
        { to_level: 2, is_entry: true, n: 40 },
      ],
      escalated: 71,
      reassignments: 616,
      resolved: 150,
    },
  },
];

describe('BPIC 2014 Rabobank incidents through fixtures/mappings/bpic2014-rabobank-incidents.yaml', () => {
  describe.each(copies)('$copy', ({ dir, skip, expected }) => {
    const when = skip ? ` (skipped: ${absentReason})` : '';
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

    it.skipIf(skip)(`should read each file by its own entry and account for every row${when}`, async () => {
      expect(summary.ok).toBe(true);
      expect(
        summary.files.map((f) => ({
          file: f.file.split('/').at(-1),
          kinds: f.kinds,
          read: f.rows_read,
          loaded: f.rows_loaded,
          rejected: f.rows_rejected,
        })),
      ).toEqual([
        {
          file: 'incident_activity.csv',
          kinds: ['events'],
          read: expected.activities,
          loaded: expected.activities,
          rejected: 0,
        },
        {
          file: 'incidents.csv',
          kinds: ['tickets'],
          read: expected.incidents,
          loaded: expected.incidents,
          rejected: 0,
        },
      ]);
      expect(await rejectReasons(sut.store)).toEqual([]);
    });

    it.skipIf(skip)(
      `should give groups the mapping's levels, and leave the other groups unknown${when}`,
      async () => {
        expect(await eventsByLevel(sut.store)).toEqual(expected.levels);
        expect(
          await countOf(
            sut.store,
            "SELECT * FROM events WHERE department = 'TEAM0008' AND level IS DISTINCT FROM 1",
          ),
        ).toBe(0);
      },
    );

    it.skipIf(skip)(
      `should count service-desk handovers as steps and other moves as reassignments${when}`,
      async () => {
        expect(await stepsByLevel(sut.store)).toEqual(expected.steps);
        expect(await countOf(sut.store, 'SELECT * FROM case_facts WHERE escalations > 0')).toBe(
          expected.escalated,
        );
        const [{ moves }] = await sut.store.all<{ moves: number }>(
          'SELECT sum(reassignments)::INTEGER AS moves FROM case_facts',
        );
        expect(moves).toBe(expected.reassignments);
      },
    );

    it.skipIf(skip)(
      `should take state from the activities and keep the snapshot's mapped values${when}`,
      async () => {
        expect(await countOf(sut.store, 'SELECT * FROM case_facts WHERE is_resolved')).toBe(
          expected.resolved,
        );
        const [first] = await sut.store.all(
          `SELECT strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created, category, policy, priority, status, csat, outcome
         FROM tickets WHERE ticket_id = 'IM0000013'`,
        );
        // Dutch summer time: 11:27:59 in Amsterdam is 09:27:59 UTC
        expect(first).toEqual({
          created: '2012-08-10 09:27:59',
          category: 'WBS000088',
          policy: 'incident',
          priority: 'low',
          status: 'closed',
          csat: null,
          outcome: null,
        });
      },
    );
  });
});
