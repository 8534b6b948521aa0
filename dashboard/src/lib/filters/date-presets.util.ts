import { addDays, isoWeekMonday } from '../dates/iso-date.util.js';
import { ALL_DATES, type DateRange } from './date-range.codec.js';

/** A quick range: the last n whole ISO weeks of the data (the last one may be partial), or all of it. */
export interface DatePreset {
  readonly id: string;
  readonly label: string;
  readonly weeks: number | null;
}

/** The quick ranges offered beside the date inputs. */
export const DATE_PRESETS: readonly DatePreset[] = [
  { id: 'last-4-weeks', label: 'Last 4 weeks', weeks: 4 },
  { id: 'last-12-weeks', label: 'Last 12 weeks', weeks: 12 },
  { id: 'last-52-weeks', label: 'Last 52 weeks', weeks: 52 },
  { id: 'all', label: 'All data', weeks: null },
];

/**
 * The range a preset stands for, counted back from the data's last day rather than today (an export
 * may be months old). It starts on a Monday so the first weekly bar is whole, and leaves the end open:
 * "to the last day of the data" is the default and is not written to the URL.
 */
export function presetRange(preset: DatePreset, dataEnd: string | null): DateRange {
  if (preset.weeks === null || dataEnd === null) {
    return ALL_DATES;
  }
  return { from: addDays(isoWeekMonday(dataEnd), -7 * (preset.weeks - 1)), to: null };
}

/** The id of the preset that gives exactly this range, or null when the range was picked by hand. */
export function matchingPreset(range: DateRange, dataEnd: string | null): string | null {
  const openEnd = range.to === null || range.to === dataEnd;
  const match = DATE_PRESETS.find((preset) => {
    const candidate = presetRange(preset, dataEnd);
    if (preset.weeks === null) {
      return range.from === null && range.to === null;
    }
    return dataEnd !== null && openEnd && candidate.from === range.from;
  });
  return match?.id ?? null;
}
