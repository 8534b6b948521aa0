import type { AgreementFigures, AgreementReport, ReviewStandard } from '../../contracts/reviews.contract.js';
import { reviewStandards } from '../../contracts/reviews.contract.js';

/** One reviewed standard of one case. */
export interface ScoredStandard {
  ticketId: string;
  standard: string;
  automatic: number | null;
  human: number | null;
  overridden: boolean;
}

function figures(rows: readonly ScoredStandard[]): AgreementFigures {
  const paired = rows.filter((r) => r.automatic !== null && r.human !== null);
  const overridden = rows.filter((r) => r.overridden).length;
  return {
    reviewed: rows.length,
    overridden,
    overrideShare: rows.length === 0 ? null : overridden / rows.length,
    meanAbsDiff:
      paired.length === 0
        ? null
        : paired.reduce((sum, r) => sum + Math.abs((r.human as number) - (r.automatic as number)), 0) /
          paired.length,
  };
}

/**
 * Agreement between automatic and human scores: per standard, and per evidence rule (over the reviewed
 * standards in whose case that rule fired for that standard).
 */
export function agreementReport(
  scores: readonly ScoredStandard[],
  fired: readonly { ticket_id: string; standard: string; rule: string }[],
): AgreementReport {
  const byKey = new Map(scores.map((s) => [`${s.ticketId}|${s.standard}`, s]));
  const perRule = new Map<string, { rule: string; standard: string; rows: ScoredStandard[] }>();
  for (const f of fired) {
    const scored = byKey.get(`${f.ticket_id}|${f.standard}`);
    if (!scored) {
      continue;
    }
    const key = `${f.standard}|${f.rule}`;
    const entry = perRule.get(key) ?? { rule: f.rule, standard: f.standard, rows: [] };
    entry.rows.push(scored);
    perRule.set(key, entry);
  }
  return {
    standards: reviewStandards.map((standard: ReviewStandard) => ({
      standard,
      ...figures(scores.filter((s) => s.standard === standard)),
    })),
    rules: [...perRule.values()]
      .map((e) => ({ rule: e.rule, standard: e.standard, ...figures(e.rows) }))
      .sort(
        (a, b) =>
          (b.overrideShare ?? 0) - (a.overrideShare ?? 0) ||
          b.reviewed - a.reviewed ||
          a.standard.localeCompare(b.standard) ||
          a.rule.localeCompare(b.rule),
      ),
  };
}
