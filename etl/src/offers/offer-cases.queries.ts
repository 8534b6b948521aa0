import { resolveRange } from '../analytics/overview.queries.js';
import type { DuckDbStore } from '../store/duckdb-store.js';
import { comparableParams, comparableWhere, dimensionValueSql } from './offer-breakdown.queries.js';
import { OfferQueryError } from './offer-query-error.js';
import {
  type OfferCase,
  type OfferCaseFilter,
  type OfferCasesPage,
  offerDimensions,
} from './offers.types.js';

// The cases behind a flag or a breakdown row, chosen exactly as fairness.queries.ts,
// authority.queries.ts and offer-breakdown.queries.ts count them, so a flag's total equals its count.

const dated = 'o.decided_at::DATE BETWEEN $from::DATE AND $to::DATE';

function need<T>(value: T | undefined, field: string): T {
  if (value === undefined || value === null || value === '') {
    throw new OfferQueryError(field, 'required for this list of cases');
  }
  return value;
}

/** The offers a flag stands on: SQL condition over offer_facts `o` and its parameters. */
function offerCondition(filter: OfferCaseFilter): {
  where: string;
  params: Record<string, unknown>;
  order: string;
} {
  switch (filter.flag) {
    case 'authority':
      return {
        where: `o.went_up AND o.in_currency AND o.kind = $kind AND o.band_no = $band AND ${dated}`,
        params: { kind: need(filter.kind, 'kind'), band: need(filter.band, 'band') },
        order: "o.decision = 'granted' DESC, o.decided_at",
      };
    case 'pushing':
      return {
        where: `o.decision = 'refused' AND o.decision_level = 1 AND o.own_decision AND NOT o.redecision
                AND o.category = $category AND o.kind = $kind AND ${dated}`,
        params: { category: need(filter.category, 'category'), kind: need(filter.kind, 'kind') },
        order: 'o.pushed DESC, o.granted_later DESC, o.decided_at',
      };
    case 'team':
      return {
        where: `o.own_decision AND NOT o.redecision AND o.decided_team = $team AND o.decision_level = $level
                AND o.kind = $kind AND ${dated}`,
        params: {
          team: need(filter.team, 'team'),
          level: need(filter.level, 'level'),
          kind: need(filter.kind, 'kind'),
        },
        order: "o.decision = 'refused' DESC, o.decided_at",
      };
    case 'value_band':
      return {
        where: `o.own_decision AND NOT o.redecision AND o.value_band_no = $band AND o.kind = $kind AND ${dated}`,
        params: { band: need(filter.valueBand, 'valueBand'), kind: need(filter.kind, 'kind') },
        order: "o.decision = 'granted' DESC, o.decided_at",
      };
    default:
      throw new OfferQueryError('flag', 'expected authority, pushing, team, value_band or breakdown');
  }
}

const caseColumns = `o.ticket_id AS "ticketId", o.offer_id AS "offerId", o.kind, o.amount::DOUBLE AS amount,
  o.currency, o.decision, o.decision_level AS "decisionLevel", o.requested_level AS "requestedLevel",
  strftime(o.decided_at, '%Y-%m-%dT%H:%M:%SZ') AS "decidedAt", o.category, o.decided_team AS team,
  o.pushed, o.granted_later AS "grantedLater", o.authority_steps AS "authoritySteps"`;

/**
 * One page of the cases behind a flag (its offers, one row each) or a breakdown row (its cases, with
 * their first granted offer), in the order a reviewer reads them: the ones the flag is about first.
 */
export async function offerCases(
  store: DuckDbStore,
  filter: OfferCaseFilter,
  page: { offset?: number; limit?: number } = {},
): Promise<OfferCasesPage> {
  const offset = page.offset ?? 0;
  const limit = page.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new OfferQueryError('limit', 'expected a whole number from 1 to 200');
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new OfferQueryError('offset', 'expected a whole number, 0 or more');
  }
  const { range, params } = await resolveRange(store, filter);
  if (!range) {
    return { total: 0, offset, limit, cases: [] };
  }
  if (filter.flag === 'breakdown') {
    return breakdownCases(store, filter, { ...params, offset, limit });
  }
  const { where, params: own, order } = offerCondition(filter);
  const bound = { ...params, ...own };
  const [{ total }] = await store.all<{ total: number }>(
    `SELECT count(*)::INTEGER AS total FROM offer_facts o WHERE ${where}`,
    bound,
  );
  const cases = await store.all<OfferCase>(
    `SELECT ${caseColumns} FROM offer_facts o WHERE ${where}
     ORDER BY ${order}, o.offer_id LIMIT $limit OFFSET $offset`,
    { ...bound, limit, offset },
  );
  return { total, offset, limit, cases };
}

async function breakdownCases(
  store: DuckDbStore,
  filter: OfferCaseFilter,
  params: { from: string; to: string; offset: number; limit: number },
): Promise<OfferCasesPage> {
  const dimension = need(filter.dimension, 'dimension');
  if (!offerDimensions.includes(dimension)) {
    throw new OfferQueryError('dimension', `expected one of ${offerDimensions.join(', ')}`);
  }
  const where = `${comparableWhere(filter)} AND ${dimensionValueSql(dimension)} = $value`;
  const bound = { ...params, ...comparableParams(filter), value: need(filter.value, 'value') };
  const { offset, limit, ...counted } = bound;
  const [{ total }] = await store.all<{ total: number }>(
    `SELECT count(*)::INTEGER AS total FROM offer_cases c WHERE ${where}`,
    counted,
  );
  const cases = await store.all<OfferCase>(
    `SELECT c.ticket_id AS "ticketId", o."offerId", o.kind, o.amount, o.currency, o.decision, o."decisionLevel",
            o."requestedLevel", o."decidedAt", c.category, c.team, o.pushed, o."grantedLater",
            coalesce(o."authoritySteps", 0) AS "authoritySteps"
     FROM offer_cases c
     LEFT JOIN (SELECT ${caseColumns} FROM offer_facts o WHERE o.decision = 'granted'
                QUALIFY row_number() OVER (PARTITION BY o.ticket_id ORDER BY o.decided_at, o.offer_id) = 1) o
       ON o."ticketId" = c.ticket_id
     WHERE ${where}
     ORDER BY c.granted_offers > 0 DESC, c.created_at, c.ticket_id LIMIT $limit OFFSET $offset`,
    bound,
  );
  return { total, offset, limit, cases };
}
