import type { OfferDimension } from '../../../../server/src/contracts/empowerment.contract.js';
import type { FilterCodec } from '../../lib/filters/filter-codec.type.js';
import { setOrDelete } from '../../lib/filters/set-or-delete.util.js';

// The Empowerment page's filters, each in the URL (written only on a user's action; defaults never).

/** The breakdown's dimensions, in the order the select offers them, with their names. */
export const DIMENSIONS: readonly { value: OfferDimension; label: string }[] = [
  { value: 'team', label: 'Team (first assigned)' },
  { value: 'level', label: 'Level reached' },
  { value: 'channel', label: 'Channel' },
  { value: 'segment', label: 'Customer segment' },
  { value: 'value_band', label: 'Customer value band' },
];

/** "Let level `level` grant `kind` up to `upTo`": null kind or amount = the page's suggestion. */
export interface WhatIfChoice {
  readonly kind: string | null;
  readonly level: 1 | 2;
  readonly upTo: number | null;
}

export const DEFAULT_WHAT_IF: WhatIfChoice = { kind: null, level: 1, upTo: null };

const kindPattern = /^[a-z_]{1,40}$/;

/** `?kind=refund&level=2&upTo=250`; a level other than 2 is 1, an amount that is not a number none. */
export const whatIfCodec: FilterCodec<WhatIfChoice> = {
  parse(params) {
    const kind = params.get('kind')?.trim() ?? '';
    const upTo = params.get('upTo')?.trim() ?? '';
    return {
      kind: kindPattern.test(kind) ? kind : null,
      level: params.get('level') === '2' ? 2 : 1,
      upTo: /^\d{1,9}(\.\d{1,2})?$/.test(upTo) ? Number(upTo) : null,
    };
  },
  write(params, value) {
    setOrDelete(params, 'kind', value.kind);
    setOrDelete(params, 'level', value.level === 1 ? null : '2');
    setOrDelete(params, 'upTo', value.upTo === null ? null : String(value.upTo));
  },
};

/** Which comparable cases the breakdown compares, and by what; null = any. */
export interface ComparableChoice {
  readonly dimension: OfferDimension;
  readonly category: string | null;
  readonly policy: string | null;
  readonly outcome: string | null;
}

export const DEFAULT_COMPARABLE: ComparableChoice = {
  dimension: 'team',
  category: null,
  policy: null,
  outcome: null,
};

// Values come from the data (CFPB products have commas, slashes, apostrophes…): kept verbatim, the server
// validates them; only a blank or overlong one is dropped.
const named = (value: string | null) =>
  value !== null && value.trim() !== '' && value.length <= 300 ? value : null;

/** `?by=channel&category=refunds&policy=…&outcome=upheld`. */
export const comparableCodec: FilterCodec<ComparableChoice> = {
  parse(params) {
    const by = params.get('by');
    const dimension = DIMENSIONS.find((d) => d.value === by)?.value ?? DEFAULT_COMPARABLE.dimension;
    return {
      dimension,
      category: named(params.get('category')),
      policy: named(params.get('policy')),
      outcome: named(params.get('outcome')),
    };
  },
  write(params, value) {
    setOrDelete(params, 'by', value.dimension === DEFAULT_COMPARABLE.dimension ? null : value.dimension);
    setOrDelete(params, 'category', value.category);
    setOrDelete(params, 'policy', value.policy);
    setOrDelete(params, 'outcome', value.outcome);
  },
};

/**
 * The cases listed at the foot of the page: `?cases=pushing:delivery:refund` (a comparison's key) or
 * `?cases=breakdown:<value>` (a breakdown row), and `?offset=50` (the list's page); null: none open.
 */
export interface CaseChoice {
  readonly key: string | null;
  readonly offset: number;
}

export const NO_CASES: CaseChoice = { key: null, offset: 0 };

export const caseChoiceCodec: FilterCodec<CaseChoice> = {
  parse(params) {
    const key = params.get('cases')?.trim() ?? '';
    const offset = params.get('offset')?.trim() ?? '';
    const valid = /^(authority|pushing|team|value_band|breakdown):.{1,200}$/.test(key);
    return {
      key: valid ? key : null,
      offset: valid && /^\d{1,6}$/.test(offset) ? Number(offset) : 0,
    };
  },
  write(params, value) {
    setOrDelete(params, 'cases', value.key);
    setOrDelete(params, 'offset', value.key === null || value.offset === 0 ? null : String(value.offset));
  },
};
