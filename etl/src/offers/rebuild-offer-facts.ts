import { literal } from '../ingest/canonical-sql.js';
import type { Rubric } from '../scoring/rubric/rubric.schema.js';
import { writeAuthorityTables } from '../scoring/rubric-tables.js';
import type { StoreSession } from '../store/duckdb-store.js';
import { loadSql } from '../store/sql-files.js';
import { approvalRequestPattern } from './approval-request.constant.js';

const offerFactsSql = new URL('./offer-facts.sql', import.meta.url);

/**
 * Writes the rubric's authority matrix and rebuilds offer_facts, authority_steps and offer_cases on the
 * caller's session (the scoring run's transaction): after the chains and survey answers they read.
 */
export async function rebuildOfferFacts(session: StoreSession, rubric: Rubric): Promise<void> {
  await writeAuthorityTables(session, rubric);
  await session.run(
    `CREATE OR REPLACE TEMP MACRO eqa_asks_approval(note) AS
       regexp_matches(coalesce(note, ''), ${literal(approvalRequestPattern)})`,
  );
  await session.run(loadSql(offerFactsSql));
}
