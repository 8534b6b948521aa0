import type { StandardDimension } from '../../../../server/src/contracts/standards.contract.js';
import type { FilterCodec } from '../../lib/filters/filter-codec.type.js';

/** The breakdowns offered, in the order of the selector; the server's `standardDimensions`, reordered. */
export const BREAKDOWN_DIMENSIONS: readonly StandardDimension[] = ['department', 'team', 'agent', 'category'];

/** The breakdown shown when the URL names none; written as no parameter at all. */
export const DEFAULT_BREAKDOWN: StandardDimension = 'department';

/** `?by=team`: which breakdown the QA standards table shows. Unknown values fall back to the default. */
export const breakdownCodec: FilterCodec<StandardDimension> = {
  parse(params) {
    const value = params.get('by')?.trim().toLowerCase() ?? '';
    return BREAKDOWN_DIMENSIONS.find((dimension) => dimension === value) ?? DEFAULT_BREAKDOWN;
  },
  write(params, value) {
    if (value === DEFAULT_BREAKDOWN) {
      params.delete('by');
    } else {
      params.set('by', value);
    }
  },
};
