import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../etl/src/index.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';

/** RFC 4180 quoting, as the exporters this product reads write it. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value.trim() !== value ? `"${value.replaceAll('"', '""')}"` : value;
}

const header = 'ticket_id,at,type,level,department,agent_id,escalation_type,note';

// Handover notes as people write them: any text, with quotes, commas, line breaks and non-ASCII.
const note = fc.string({
  unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r\n', '£', 'é', '—', '🙂', ';', "'", '\t', '1'),
  maxLength: 60,
});

describe('canonical CSV reading (property)', () => {
  let sut: TempStore;
  beforeAll(async () => {
    sut = await openTempStore();
  });
  afterAll(() => sut.dispose());

  it('should store every note exactly as written, whatever characters it holds', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(note, { minLength: 1, maxLength: 25 }), async (notes) => {
        // Each run gets its own ids: a file with the same bytes as an earlier one is (rightly) skipped.
        const prefix = `P${++run}-`;
        const dir = mkdtempSync(join(tmpdir(), 'eqa-prop-'));
        try {
          const lines = notes.map(
            (n, i) =>
              `${prefix}${i},2026-01-01T10:00:${String(i % 60).padStart(2, '0')}Z,note,1,first_line,A-1,,${csvField(n)}`,
          );
          writeFileSync(join(dir, 'events.csv'), `${header}\n${lines.join('\n')}\n`);

          const summary = await ingestPaths(sut.store, [join(dir, 'events.csv')]);

          expect(summary.files[0]).toMatchObject({ rows_read: notes.length, rows_rejected: 0 });
          const stored = await sut.store.all<{ ticket_id: string; note: string | null }>(
            'SELECT ticket_id, note FROM events WHERE starts_with(ticket_id, $prefix)',
            { prefix },
          );
          const byId = new Map(stored.map((r) => [r.ticket_id, r.note]));
          notes.forEach((n, i) => {
            // Blank (spaces, tabs, line breaks only) is no note at all.
            expect(byId.get(`${prefix}${i}`)).toBe(/^[ \t\r\n]*$/.test(n) ? null : n);
          });
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  });
});
