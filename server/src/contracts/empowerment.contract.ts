import { z } from 'zod';
import type { AuthorityReport, OfferFairnessReport } from '../../../etl/src/offers/offers.types.js';
import { offerDimensions } from '../../../etl/src/offers/offers.types.js';
import { from, fromAfterTo, fromNotAfterTo, to } from './date-range.contract.js';

export type {
  AmountBand,
  AuthorityGap,
  AuthorityReport,
  MeanFigure,
  MedianFigure,
  OfferBreakdown,
  OfferBreakdownRow,
  OfferCase,
  OfferCaseFilter,
  OfferCasesPage,
  OfferComparison,
  OfferDimension,
  OfferFairnessReport,
  OfferFlagKind,
  WhatIfResult,
} from '../../../etl/src/offers/offers.types.js';
export { offerDimensions } from '../../../etl/src/offers/offers.types.js';

const kind = z.string({ error: 'kind must name a kind of offer' }).min(1, 'kind must name a kind of offer');
const level = (what: string) =>
  z.coerce
    .number({ error: `${what} must be a level from 1 to 4` })
    .int(`${what} must be a level from 1 to 4`)
    .min(1, `${what} must be a level from 1 to 4`)
    .max(4, `${what} must be a level from 1 to 4`);
const wholeFrom0 = (what: string) =>
  z.coerce
    .number({ error: `${what} must be a whole number of at least 0` })
    .int(`${what} must be a whole number of at least 0`)
    .min(0, `${what} must be a whole number of at least 0`);

/** GET /api/empowerment: a date range of the offers' answers (both ends inclusive, UTC; either may be left out). */
export const empowermentQuerySchema = z.object({ from, to }).refine(fromNotAfterTo, fromAfterTo);
export type EmpowermentQuery = z.infer<typeof empowermentQuerySchema>;

/** The Empowerment page's figures: authority gaps and offer consistency, with every flag. */
export interface EmpowermentResponse {
  authority: AuthorityReport;
  fairness: OfferFairnessReport;
}

/** GET /api/empowerment/what-if: "let level 1 (or 2) grant <kind> up to <upTo>" over a range. */
/** The what-if's own fields, shared with the `authority` job (where kind and upTo are optional). */
export const whatIfFields = {
  kind,
  level: z.coerce
    .number({ error: 'level must be 1 or 2 (management is level 3 and above)' })
    .int('level must be 1 or 2 (management is level 3 and above)')
    .min(1, 'level must be 1 or 2 (management is level 3 and above)')
    .max(2, 'level must be 1 or 2 (management is level 3 and above)')
    .default(1),
  upTo: z.coerce
    .number({ error: 'upTo must be an amount of 0 or more' })
    .min(0, 'upTo must be an amount of 0 or more')
    .max(1e12, 'upTo must be an amount below 10^12'),
};

export const whatIfQuerySchema = z.object({ ...whatIfFields, from, to }).refine(fromNotAfterTo, fromAfterTo);
export type WhatIfQuery = z.infer<typeof whatIfQuerySchema>;

/** GET /api/empowerment/breakdown: offers of comparable cases (category, policy, outcome) by one dimension. */
export const breakdownQuerySchema = z
  .object({
    dimension: z.enum(offerDimensions, { error: `dimension must be one of ${offerDimensions.join(', ')}` }),
    category: z.string().optional(),
    policy: z.string().optional(),
    outcome: z.string().optional(),
    from,
    to,
  })
  .refine(fromNotAfterTo, fromAfterTo);
export type BreakdownQuery = z.infer<typeof breakdownQuerySchema>;

const flags = ['authority', 'pushing', 'team', 'value_band', 'breakdown'] as const;

/** GET /api/empowerment/cases: the cases behind one flag (its `cases` filter) or one breakdown row. */
export const offerCasesQuerySchema = z
  .object({
    flag: z.enum(flags, { error: `flag must be one of ${flags.join(', ')}` }),
    kind: kind.optional(),
    band: wholeFrom0('band').optional(),
    category: z.string().optional(),
    team: z.string().optional(),
    level: level('level').optional(),
    valueBand: wholeFrom0('valueBand').optional(),
    policy: z.string().optional(),
    outcome: z.string().optional(),
    dimension: z
      .enum(offerDimensions, { error: `dimension must be one of ${offerDimensions.join(', ')}` })
      .optional(),
    value: z.string().optional(),
    from,
    to,
    limit: z.coerce
      .number({ error: 'limit must be a whole number from 1 to 200' })
      .int('limit must be a whole number from 1 to 200')
      .min(1, 'limit must be a whole number from 1 to 200')
      .max(200, 'limit must be a whole number from 1 to 200')
      .default(50),
    offset: wholeFrom0('offset').default(0),
  })
  .refine(fromNotAfterTo, fromAfterTo);
export type OfferCasesQuery = z.infer<typeof offerCasesQuerySchema>;
