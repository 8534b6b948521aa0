import { resolveRange } from '../analytics/overview.queries.js';
import { caseShare } from '../practices/practices.queries.js';
import type { DuckDbStore } from '../store/duckdb-store.js';
import { medianFields, medianFigure, sortedList } from './median-sql.js';
import { OfferQueryError } from './offer-query-error.js';
import { bandsOf, offerSettings } from './offer-settings.js';
import {
  type OfferBreakdown,
  type OfferBreakdownOptions,
  type OfferDimension,
  offerDimensions,
} from './offers.types.js';

// The offer-consistency breakdown: within comparable cases (the same category, policy and outcome,
// each optional), the share of cases granted any offer and the median granted per case, by one
// dimension. Cases are tickets (offer_cases), dated by their creation.

/** The SQL of each dimension's value over offer_cases `c` (NULL reads as 'unknown'). */
const dimensionSql: Record<OfferDimension, string> = {
  team: 'c.team',
  level: "'level ' || c.max_level",
  channel: 'c.channel',
  segment: 'c.segment',
  value_band: 'c.value_band_no::VARCHAR',
};

/** Where the comparable-group filters and the range leave offer_cases (a `c` alias). */
export function comparableWhere(options: { category?: string; policy?: string; outcome?: string }): string {
  const parts = ['c.created_at::DATE BETWEEN $from::DATE AND $to::DATE'];
  if (options.category !== undefined) {
    parts.push('c.category = $category');
  }
  if (options.policy !== undefined) {
    parts.push(options.policy === '' ? 'c.policy IS NULL' : 'c.policy = $policy');
  }
  if (options.outcome !== undefined) {
    parts.push(options.outcome === '' ? 'c.outcome IS NULL' : 'c.outcome = $outcome');
  }
  return parts.join(' AND ');
}

/** The parameters `comparableWhere` binds. */
export function comparableParams(options: { category?: string; policy?: string; outcome?: string }) {
  return {
    ...(options.category === undefined ? {} : { category: options.category }),
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.outcome ? { outcome: options.outcome } : {}),
  };
}

/** The value of a dimension for a case row, as SQL over offer_cases `c`. */
export function dimensionValueSql(dimension: OfferDimension): string {
  return `coalesce((${dimensionSql[dimension]})::VARCHAR, 'unknown')`;
}

/**
 * The share of comparable cases granted any offer and the median granted per case (95% intervals),
 * per value of one dimension; "too few to judge" below the rubric's minimum volume.
 */
export async function offerBreakdown(
  store: DuckDbStore,
  options: OfferBreakdownOptions,
): Promise<OfferBreakdown> {
  if (!offerDimensions.includes(options.dimension)) {
    throw new OfferQueryError('dimension', `expected one of ${offerDimensions.join(', ')}`);
  }
  const settings = await offerSettings(store);
  const { range, params } = await resolveRange(store, options);
  const result: OfferBreakdown = {
    range,
    dimension: options.dimension,
    comparable: {
      category: options.category ?? null,
      policy: options.policy ?? null,
      outcome: options.outcome ?? null,
    },
    currency: settings.currency,
    minimumVolume: settings.minimumVolume,
    rows: [],
    choices: { categories: [], policies: [], outcomes: [] },
  };
  if (!range) {
    return result;
  }
  const value = dimensionValueSql(options.dimension);
  const [rows, choices] = await Promise.all([
    store.all<Record<string, unknown> & { value: string; cases: number; with_offer: number }>(
      `SELECT value, cases, with_offer, ${medianFields('amounts', 'amount')}
       FROM (SELECT ${value} AS value, count(*)::INTEGER AS cases,
                    count(*) FILTER (WHERE c.granted_offers > 0)::INTEGER AS with_offer,
                    ${sortedList('CASE WHEN c.granted_offers > 0 THEN c.granted_amount::DOUBLE END')} AS amounts
             FROM offer_cases c WHERE ${comparableWhere(options)}
             GROUP BY ALL)
       ORDER BY value`,
      { ...params, ...comparableParams(options) },
    ),
    store.all<{ what: string; v: string }>(
      `SELECT DISTINCT 'category' AS what, category AS v FROM offer_cases WHERE category IS NOT NULL
       UNION ALL SELECT DISTINCT 'policy', policy FROM offer_cases WHERE policy IS NOT NULL
       UNION ALL SELECT DISTINCT 'outcome', outcome FROM offer_cases WHERE outcome IS NOT NULL
       ORDER BY ALL`,
    ),
  ]);
  const valueBands = bandsOf(settings.valueBands);
  result.rows = rows.map((r) => ({
    key: r.value,
    value:
      options.dimension === 'value_band' && r.value !== 'unknown'
        ? (valueBands[Number(r.value)]?.label ?? r.value)
        : r.value,
    cases: r.cases,
    withOffer: caseShare(r.with_offer, r.cases),
    amount: medianFigure(r, 'amount'),
    judged: r.cases >= settings.minimumVolume,
  }));
  result.choices = {
    categories: choices.filter((c) => c.what === 'category').map((c) => c.v),
    policies: choices.filter((c) => c.what === 'policy').map((c) => c.v),
    outcomes: choices.filter((c) => c.what === 'outcome').map((c) => c.v),
  };
  return result;
}
