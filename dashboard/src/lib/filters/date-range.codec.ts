import { isIsoDate } from '../dates/iso-date.util.js';
import type { FilterCodec } from './filter-codec.type.js';

/** An inclusive range of calendar days; null ends mean "from the first" or "to the last" day of the data. */
export interface DateRange {
  readonly from: string | null;
  readonly to: string | null;
}

/** The default range: all the data, written as no URL parameters at all. */
export const ALL_DATES: DateRange = { from: null, to: null };

/**
 * `?from=YYYY-MM-DD&to=YYYY-MM-DD`. Parsing drops what is not a real date and swaps ends given in the
 * wrong order (a hand-edited URL should still show something); writing leaves out null ends.
 */
export const dateRangeCodec: FilterCodec<DateRange> = {
  parse(params) {
    const from = validDate(params.get('from'));
    const to = validDate(params.get('to'));
    if (from && to && from > to) {
      return { from: to, to: from };
    }
    return { from, to };
  },
  write(params, value) {
    for (const key of ['from', 'to'] as const) {
      const date = value[key];
      if (date === null) {
        params.delete(key);
      } else {
        params.set(key, date);
      }
    }
  },
};

function validDate(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  return isIsoDate(trimmed) ? trimmed : null;
}
