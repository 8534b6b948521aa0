import { type RedactionCounts, redactStaged } from '../ingest/redact/redact-staged.js';
import type { DuckDbStore } from '../store/duckdb-store.js';

/**
 * Runs texts through the ingest's redaction (the same patterns, in the same SQL) and returns them
 * with what was replaced: the last guard before text leaves in an export, for a store loaded with
 * --keep-pii or text a trainer typed. Order is kept; null stays null.
 */
export async function redactTexts(
  store: DuckDbStore,
  texts: readonly (string | null)[],
): Promise<{ texts: (string | null)[]; redacted: RedactionCounts }> {
  if (texts.length === 0) {
    return { texts: [], redacted: { email: 0, phone: 0, card: 0, national_id: 0 } };
  }
  return store.withSession(async (session) => {
    await session.run(
      `CREATE OR REPLACE TEMP TABLE eqa_pack_texts AS
       SELECT i::INTEGER AS i, (CAST($texts AS JSON)::VARCHAR[])[i] AS text
       FROM range(1, $n + 1) r(i)`,
      { texts: JSON.stringify(texts), n: texts.length },
    );
    try {
      const redacted = await redactStaged(session, 'eqa_pack_texts', ['text']);
      const rows = await session.all<{ text: string | null }>('SELECT text FROM eqa_pack_texts ORDER BY i');
      return { texts: rows.map((r) => r.text), redacted };
    } finally {
      await session.run('DROP TABLE IF EXISTS eqa_pack_texts');
    }
  });
}
