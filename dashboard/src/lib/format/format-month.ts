const months = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortMonths = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** 'YYYY-MM' for reading: '2026-03' → "March 2026" (UTC, so no month shifts). */
export function monthName(month: string): string {
  return months.format(new Date(`${month}-01T00:00:00Z`));
}

/** 'YYYY-MM' short: '2026-03' → "Mar 2026". */
export function shortMonthName(month: string): string {
  return shortMonths.format(new Date(`${month}-01T00:00:00Z`));
}
