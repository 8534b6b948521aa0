import type { ChartMarker } from './chart-markers.js';

const MONTH = /^\d{4}-\d{2}$/;

/**
 * Where a day falls on a monthly category axis ('YYYY-MM' labels), in label indexes: the first of a
 * month is its slot's left edge (index − 0.5), the last day near its right edge. Null when the day's
 * month is not on the axis.
 */
export function monthMarkerAt(months: readonly string[], date: string): number | null {
  const index = months.indexOf(date.slice(0, 7));
  if (index < 0 || !MONTH.test(months[index])) {
    return null;
  }
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return index - 0.5 + (day - 1) / days;
}

/** Markers for the dates that fall on a monthly axis; dates outside it are left out. */
export function monthMarkers(
  months: readonly string[],
  events: readonly { date: string; label: string }[],
): ChartMarker[] {
  const markers: ChartMarker[] = [];
  for (const event of events) {
    const at = monthMarkerAt(months, event.date);
    if (at !== null) {
      markers.push({ at, date: event.date, label: event.label });
    }
  }
  return markers;
}
