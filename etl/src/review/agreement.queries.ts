import { literal } from '../ingest/canonical-sql.js';
import type { DuckDbStore } from '../store/duckdb-store.js';

/** One evidence rule that counted against a case's standard (a score_evidence row with passed = false). */
export interface FiredRule {
  ticket_id: string;
  standard: string;
  rule: string;
}

/** The evidence rules that fired (failed) per case and standard, for the given cases only. */
export async function firedRules(store: DuckDbStore, ticketIds: readonly string[]): Promise<FiredRule[]> {
  if (ticketIds.length === 0) {
    return [];
  }
  // A VALUES list of quoted literals: the reviewed cases are a few hundred at most.
  const ids = [...new Set(ticketIds)].map((id) => `(${literal(id)})`).join(', ');
  return store.all<FiredRule>(
    `SELECT DISTINCT e.ticket_id, e.standard, e.rule
     FROM score_evidence e JOIN (VALUES ${ids}) AS r(ticket_id) USING (ticket_id)
     WHERE NOT e.passed
     ORDER BY e.ticket_id, e.standard, e.rule`,
  );
}
