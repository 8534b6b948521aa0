import { formatDate } from './format-date.js';

/** An API timestamp for reading, to the minute: '2026-05-25T13:52:58Z' → "25 May 2026, 13:52 UTC". */
export function formatTimestamp(timestamp: string): string {
  const time = timestamp.slice(11, 16);
  return /^\d{4}-\d{2}-\d{2}$/.test(timestamp.slice(0, 10)) && time.length === 5
    ? `${formatDate(timestamp.slice(0, 10))}, ${time} UTC`
    : timestamp;
}

/** Just the time of day of an API timestamp: '2026-05-25T13:52:58Z' → "13:52". */
export function formatClock(timestamp: string): string {
  const time = timestamp.slice(11, 16);
  return time.length === 5 ? time : timestamp;
}
