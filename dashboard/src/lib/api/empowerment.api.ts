import type {
  AuthorityGap,
  EmpowermentResponse,
  OfferBreakdown,
  OfferBreakdownRow,
  OfferCase,
  OfferCaseFilter,
  OfferCasesPage,
  OfferComparison,
  OfferDimension,
  WhatIfResult,
} from '../../../../server/src/contracts/empowerment.contract.js';
import type { DateRange } from '../filters/date-range.codec.js';
import { getJson } from './client.js';

export type {
  AuthorityGap,
  EmpowermentResponse,
  OfferBreakdown,
  OfferBreakdownRow,
  OfferCase,
  OfferCaseFilter,
  OfferCasesPage,
  OfferComparison,
  OfferDimension,
  WhatIfResult,
};

/** The authority gaps and every offer-consistency comparison over a range, flags first. */
export function fetchEmpowerment(range: DateRange, signal?: AbortSignal): Promise<EmpowermentResponse> {
  return getJson<EmpowermentResponse>('/api/empowerment', { from: range.from, to: range.to }, signal);
}

/** "Let level `level` grant `kind` up to `upTo`", recomputed by the server in DuckDB. */
export function fetchWhatIf(
  request: { kind: string; level: number; upTo: number; range: DateRange },
  signal?: AbortSignal,
): Promise<WhatIfResult> {
  const { kind, level, upTo, range } = request;
  return getJson<WhatIfResult>(
    '/api/empowerment/what-if',
    { kind, level, upTo, from: range.from, to: range.to },
    signal,
  );
}

/** Offers of comparable cases (category, policy, outcome; null = any) by one dimension. */
export function fetchBreakdown(
  request: {
    dimension: OfferDimension;
    category: string | null;
    policy: string | null;
    outcome: string | null;
    range: DateRange;
  },
  signal?: AbortSignal,
): Promise<OfferBreakdown> {
  const { dimension, category, policy, outcome, range } = request;
  return getJson<OfferBreakdown>(
    '/api/empowerment/breakdown',
    { dimension, category, policy, outcome, from: range.from, to: range.to },
    signal,
  );
}

/** One page of the cases behind a flag or a breakdown row. */
export function fetchOfferCases(
  filter: OfferCaseFilter,
  page: { limit: number; offset: number },
  signal?: AbortSignal,
): Promise<OfferCasesPage> {
  const params: Record<string, string | number | undefined> = { ...page };
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== null) {
      params[key] = value as string | number;
    }
  }
  return getJson<OfferCasesPage>('/api/empowerment/cases', params, signal);
}
