const dates = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** An ISO calendar date for reading: '2025-03-03' → "3 Mar 2025" (UTC, so no day shifts). */
export function formatDate(date: string): string {
  return dates.format(new Date(`${date}T00:00:00Z`));
}
