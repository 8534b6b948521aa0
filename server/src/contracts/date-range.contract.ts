import { z } from 'zod';

/**
 * The date range that most queries take, in one place: calendar days (UTC), both ends inclusive,
 * either end may be left out ("from the first" or "to the last" day of the data).
 */

/** An optional day in a query or a job's parameters, named in its error. */
export const optionalDay = (name: string) =>
  z.iso.date({ error: `${name} must be a date written YYYY-MM-DD` }).optional();

export const from = optionalDay('from');
export const to = optionalDay('to');

/** With `fromAfterTo`, the refinement every ranged schema ends with: `.refine(fromNotAfterTo, fromAfterTo)`. */
export const fromNotAfterTo = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
export const fromAfterTo = { message: 'from must not be after to', path: ['from'] };
