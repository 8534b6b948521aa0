import type { DuckDbStore } from '../store/duckdb-store.js';
import type { AmountBand } from './offers.types.js';

/** The rubric settings the offer figures were built with (rubric_offer_settings, written by scoring). */
export interface OfferSettings {
  currency: string | null;
  amountBands: number[];
  flagApprovalShare: number;
  maxDifference: number;
  valueBands: number[];
  minimumVolume: number;
  limits: { kind: string; level: number; maxAmount: number | null }[];
}

// A store never scored has no settings yet: these are the shipped rubric's, with no authority matrix.
const unscored: OfferSettings = {
  currency: null,
  amountBands: [],
  flagApprovalShare: 1,
  maxDifference: 0.15,
  valueBands: [1000, 5000, 20000],
  minimumVolume: 30,
  limits: [],
};

/** The settings of the store's last scoring run. */
export async function offerSettings(store: DuckDbStore): Promise<OfferSettings> {
  const [row] = await store.all<{
    currency: string | null;
    amount_bands: number[];
    flag_approval_share: number;
    max_difference: number;
    value_bands: number[];
    minimum_volume: number;
  }>(
    `SELECT currency, amount_bands::DOUBLE[] AS amount_bands, flag_approval_share, max_difference,
            value_bands::DOUBLE[] AS value_bands, minimum_volume
     FROM rubric_offer_settings LIMIT 1`,
  );
  if (!row) {
    return unscored;
  }
  const limits = await store.all<{ kind: string; level: number; maxAmount: number | null }>(
    `SELECT kind, level, max_amount::DOUBLE AS "maxAmount" FROM rubric_authority_limits ORDER BY kind, level`,
  );
  return {
    currency: row.currency,
    amountBands: row.amount_bands,
    flagApprovalShare: row.flag_approval_share,
    maxDifference: row.max_difference,
    valueBands: row.value_bands,
    minimumVolume: row.minimum_volume,
    limits,
  };
}

function amountText(x: number): string {
  return Number.isInteger(x)
    ? x.toLocaleString('en-GB')
    : x.toLocaleString('en-GB', { minimumFractionDigits: 2 });
}

/** The bands cut by `edges`: under the first, between each two (lower edge included), the last and over. */
export function bandsOf(edges: readonly number[]): AmountBand[] {
  if (edges.length === 0) {
    return [{ no: 0, min: null, max: null, label: 'any amount' }];
  }
  return [0, ...edges.map((_, i) => i + 1)].map((no) => {
    const min = no === 0 ? null : edges[no - 1];
    const max = no < edges.length ? edges[no] : null;
    const label =
      min === null
        ? `under ${amountText(max ?? 0)}`
        : max === null
          ? `${amountText(min)} and over`
          : `${amountText(min)}–${amountText(max)}`;
    return { no, min, max, label };
  });
}

/** How a kind of offer is named in a sentence. */
export function kindWord(kind: string): string {
  return kind === 'fee_waiver' ? 'fee waiver' : kind === 'other' ? 'other offer' : kind;
}
