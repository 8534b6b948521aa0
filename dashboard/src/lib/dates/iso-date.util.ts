// Dates travel as 'YYYY-MM-DD' strings (UTC calendar days), as in the API; Date objects appear only
// inside these helpers, always in UTC, so the viewer's time zone never shifts a day.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True when value is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) {
    return false;
  }
  const [, year, month, day] = match.map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The date n days after (or before, when negative) an ISO date. */
export function addDays(date: string, days: number): string {
  return toIso(parseIso(date) + days * DAY_MS);
}

/** The Monday (ISO week start, UTC) of the week holding date. */
export function isoWeekMonday(date: string): string {
  const ms = parseIso(date);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return toIso(ms - weekday * DAY_MS);
}

/** Every ISO-week Monday from the week of from to the week of to, inclusive; empty when from > to. */
export function mondaysBetween(from: string, to: string): string[] {
  const mondays: string[] = [];
  const last = parseIso(isoWeekMonday(to));
  for (let ms = parseIso(isoWeekMonday(from)); ms <= last; ms += 7 * DAY_MS) {
    mondays.push(toIso(ms));
  }
  return mondays;
}

function parseIso(date: string): number {
  if (!isIsoDate(date)) {
    throw new Error(`"${date}" is not a date written YYYY-MM-DD`);
  }
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day);
}

function toIso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
