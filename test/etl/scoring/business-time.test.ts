import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRubric } from '../../../etl/src/scoring/rubric/load-rubric.js';
import { type BusinessHours, type Rubric, weekDays } from '../../../etl/src/scoring/rubric/rubric.schema.js';
import { createRubricTables } from '../../../etl/src/scoring/rubric-tables.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';

// eqa_business_at is a closed form (whole weeks + whole days + the clipped day); the reference here
// counts minute by minute, so that the two cannot share a mistake.

const MINUTE = 60_000;

function withHours(hours: BusinessHours): Rubric {
  const rubric = loadRubric().rubric;
  return {
    ...rubric,
    standards: { ...rubric.standards, resolution: { ...rubric.standards.resolution, business_hours: hours } },
  };
}

/** Business minutes in [a, b) counted one by one (UTC only). */
function referenceMinutes(aMs: number, bMs: number, hours: BusinessHours): number {
  const [sh, sm] = hours.start.split(':').map(Number);
  const [eh, em] = hours.end.split(':').map(Number);
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  let count = 0;
  for (let t = aMs; t < bMs; t += MINUTE) {
    const d = new Date(t);
    const day = weekDays[(d.getUTCDay() + 6) % 7];
    const minute = d.getUTCHours() * 60 + d.getUTCMinutes();
    if (hours.days.includes(day) && minute >= start && minute < end) {
      count++;
    }
  }
  return count;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

describe('business time (eqa_elapsed)', () => {
  let t: TempStore;
  beforeAll(async () => {
    t = await openTempStore();
  });
  afterAll(() => t.dispose());

  async function elapsed(hours: BusinessHours, a: number, b: number): Promise<number> {
    return t.store.withSession(async (session) => {
      await createRubricTables(session, withHours(hours));
      const [row] = await session.all<{ s: number }>(
        'SELECT eqa_elapsed($a::TIMESTAMP, $b::TIMESTAMP, true)::DOUBLE AS s',
        { a: iso(a), b: iso(b) },
      );
      return row.s;
    });
  }

  it('should count a Friday afternoon to Monday morning as the business hours between them', async () => {
    const hours: BusinessHours = {
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      start: '09:00',
      end: '17:00',
      time_zone: 'UTC',
    };
    // Fri 2025-11-07 15:30 → Mon 2025-11-10 10:15: 1.5 h on Friday + 1.25 h on Monday
    const sut = await elapsed(hours, Date.parse('2025-11-07T15:30:00Z'), Date.parse('2025-11-10T10:15:00Z'));

    expect(sut / 3600).toBe(2.75);
  });

  it('should follow the time zone across a daylight-saving change (Europe/London, 26 October 2025)', async () => {
    const hours: BusinessHours = {
      days: ['fri', 'mon'],
      start: '09:00',
      end: '17:00',
      time_zone: 'Europe/London',
    };
    // Fri 24 Oct 08:00 UTC = 09:00 BST; Mon 27 Oct 17:00 UTC = 17:00 GMT: a full day on each side
    const sut = await elapsed(hours, Date.parse('2025-10-24T08:00:00Z'), Date.parse('2025-10-27T17:00:00Z'));

    expect(sut / 3600).toBe(16);
  });

  it('should equal a minute-by-minute count for any business days, hours and instants (UTC)', async () => {
    const minuteOf2025 = fc
      .integer({ min: 0, max: 364 * 24 * 60 })
      .map((m) => Date.parse('2025-01-01T00:00:00Z') + m * MINUTE);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...weekDays), { minLength: 1 }),
        fc.integer({ min: 0, max: 22 }),
        fc.integer({ min: 1, max: 24 }),
        minuteOf2025,
        fc.integer({ min: 0, max: 12 * 24 * 60 }),
        async (days, startHour, length, a, span) => {
          const endHour = Math.min(24, startHour + length);
          const pad = (h: number) => `${String(h).padStart(2, '0')}:00`;
          const hours: BusinessHours = { days, start: pad(startHour), end: pad(endHour), time_zone: 'UTC' };
          const b = a + span * MINUTE;

          const sut = await elapsed(hours, a, b);

          expect(sut).toBe(referenceMinutes(a, b, hours) * 60);
        },
      ),
      { numRuns: 60 },
    );
  });
});
