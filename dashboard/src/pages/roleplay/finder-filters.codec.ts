import type { FilterCodec } from '../../lib/filters/filter-codec.type.js';

/** Every filter of the call finder, as the API's query parameters name them; absent = not filtered. */
export const finderFilterKeys = [
  'q',
  'category',
  'practice',
  'level',
  'escalationType',
  'outcome',
  'rightDepartmentMin',
  'rightDepartmentMax',
  'assessmentQualityMin',
  'assessmentQualityMax',
  'satisfactionMin',
  'satisfactionMax',
  'surveyed',
  'resolutionMin',
  'resolutionMax',
  'durationMin',
  'durationMax',
  'from',
  'to',
  'offset',
] as const;

export type FinderFilterKey = (typeof finderFilterKeys)[number];

/** The finder's filters as text, as typed in the form and kept in the URL. */
export type FinderFilters = Partial<Record<FinderFilterKey, string>>;

/** Reads and writes the finder's filters in the URL, one parameter each; an empty value leaves none. */
export const finderFiltersCodec: FilterCodec<FinderFilters> = {
  parse(params) {
    const filters: FinderFilters = {};
    for (const key of finderFilterKeys) {
      const value = params.get(key)?.trim();
      if (value) {
        filters[key] = value;
      }
    }
    return filters;
  },
  write(params, value) {
    for (const key of finderFilterKeys) {
      const given = value[key]?.trim();
      if (given && !(key === 'offset' && given === '0')) {
        params.set(key, given);
      } else {
        params.delete(key);
      }
    }
  },
};
