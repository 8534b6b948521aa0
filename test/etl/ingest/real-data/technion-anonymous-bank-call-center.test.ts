import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestSummary, ingestPaths } from '../../../../etl/src/index.js';
import { openTempStore, type TempStore } from '../../../setup/duckdb-file.js';
import { absentReason, countOf, realDataSet, rejectReasons, stepsByLevel } from './real-data.util.js';

const set = realDataSet('technion-anonymous-bank-call-center');
const mapping = `${set.mapping}/technion-anonymous-bank-call-center.yaml`;

// Whole set: 2,375 calls, 18 of them PHANTOM, 18 named agents (SOURCE.md). Slice: the first 400 calls,
// 3 PHANTOM. rows_read = calls + agents derived from the calls + rejected rows.
const copies = [
  {
    copy: 'the whole set',
    dir: set.full,
    skip: !set.fullPresent,
    expected: {
      file: { rows_read: 2_393, rows_loaded: 2_375, rows_rejected: 18 },
      calls: 2_357,
      agents: 18,
      phantom: 18,
      phantomLines: [149, 262, 305],
      unanswered: 852,
      outbound: 16,
    },
  },
  {
    copy: 'the committed slice',
    dir: set.slice,
    skip: false,
    expected: {
      file: { rows_read: 411, rows_loaded: 408, rows_rejected: 3 },
      calls: 397,
      agents: 11,
      phantom: 3,
      phantomLines: [149, 262, 305],
      unanswered: 191,
      outbound: 0,
    },
  },
];

describe('Technion "Anonymous Bank" calls through fixtures/mappings/technion-anonymous-bank-call-center.yaml', () => {
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

    it.skipIf(skip)(
      `should load every call but the virtual ones and account for every row${when}`,
      async () => {
        expect(summary.ok).toBe(true);
        expect(summary.files[0]).toMatchObject({ kinds: ['calls', 'agents'], ...expected.file });
        expect(await countOf(sut.store, 'SELECT * FROM calls')).toBe(expected.calls);
        expect(await countOf(sut.store, 'SELECT * FROM agents')).toBe(expected.agents);
      },
    );

    it.skipIf(skip)(`should reject PHANTOM rows as virtual calls, by line${when}`, async () => {
      expect(await rejectReasons(sut.store)).toEqual([{ reason: 'virtual call', n: expected.phantom }]);
      const lines = await sut.store.all<{ line: number }>(
        'SELECT line::INTEGER AS line FROM rejects ORDER BY line LIMIT 3',
      );
      expect(lines.map((l) => l.line)).toEqual(expected.phantomLines);
    });

    it.skipIf(skip)(
      `should key calls by VRU line and call id, all at level 1, with no escalation${when}`,
      async () => {
        expect(await countOf(sut.store, 'SELECT DISTINCT call_id FROM calls')).toBe(expected.calls);
        expect(await countOf(sut.store, 'SELECT * FROM calls WHERE level IS DISTINCT FROM 1')).toBe(0);
        expect(await stepsByLevel(sut.store)).toEqual([]);
        expect(await countOf(sut.store, 'SELECT * FROM calls WHERE agent_id IS NULL')).toBe(
          expected.unanswered,
        );
        expect(await countOf(sut.store, "SELECT * FROM calls WHERE direction = 'outbound'")).toBe(
          expected.outbound,
        );
      },
    );

    it.skipIf(skip)(`should put the times of day on the placeholder date 1999-01-01${when}`, async () => {
      const [call] = await sut.store.all(
        `SELECT strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started, strftime(ended_at, '%H:%M:%S') AS ended,
                department, agent_id, disposition
         FROM calls WHERE call_id = 'AA0102-38921'`,
      );
      const [{ days }] = await sut.store.all<{ days: number }>(
        'SELECT count(DISTINCT started_at::DATE)::INTEGER AS days FROM calls',
      );

      expect(call).toEqual({
        started: '1999-01-01 11:39:07',
        ended: '11:42:18',
        department: 'regular',
        agent_id: 'AVNI',
        disposition: 'served',
      });
      expect(days).toBe(1);
    });
  });
});
