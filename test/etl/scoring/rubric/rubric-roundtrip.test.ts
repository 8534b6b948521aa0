import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseRubric } from '../../../../etl/src/scoring/rubric/load-rubric.js';
import {
  type Clock,
  handoverElements,
  pauseStatuses,
  type Rubric,
  weekDays,
} from '../../../../etl/src/scoring/rubric/rubric.schema.js';

const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/);
const points = fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100);
const hours = fc.integer({ min: 1, max: 10_000 }).map((n) => n / 10);
const wholeDays = fc.integer({ min: 1, max: 400 });
const timeKind = fc.constantFrom('calendar' as const, 'business' as const);
const deadline = fc.record({ days: wholeDays, time: timeKind });
const target = fc.record({ hours, time: timeKind });
const hhmm = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** n weights, whole hundredths, adding up to 1. */
function weights(n: number) {
  return fc.array(fc.integer({ min: 0, max: 100 }), { minLength: n - 1, maxLength: n - 1 }).map((cuts) => {
    const sorted = [0, ...cuts.sort((a, b) => a - b), 100];
    return sorted.slice(1).map((c, i) => (c - sorted[i]) / 100);
  });
}

const clock: fc.Arbitrary<Clock> = fc.record(
  {
    days: wholeDays,
    time: timeKind,
    from: fc.constant('first_contact' as const),
    pause_statuses: fc.subarray([...pauseStatuses]),
    response: deadline,
    exceptional: deadline,
    summary: deadline,
  },
  { requiredKeys: ['days', 'time', 'from', 'pause_statuses'] },
);

const scale = <K extends string>(keys: readonly K[]) =>
  fc.tuple(...keys.map(() => points)).map((v) => Object.fromEntries(keys.map((k, i) => [k, v[i]])));

/** An authority matrix: per kind, levels listed with limits that never fall as the level rises. */
const authority = fc.record({
  currency: fc.constantFrom('GBP', 'EUR', 'USD'),
  limits: fc.dictionary(
    fc.constantFrom('refund', 'credit', 'goodwill', 'fee_waiver', 'replacement', 'other'),
    fc
      .tuple(
        fc.subarray(['1', '2', '3', '4'] as const, { minLength: 1 }),
        fc.array(
          fc.integer({ min: 0, max: 100_000 }).map((n) => n / 100),
          { minLength: 4, maxLength: 4 },
        ),
        fc.boolean(),
      )
      .map(([levels, amounts, topUnlimited]) => {
        const sorted = [...amounts].sort((a, b) => a - b);
        return Object.fromEntries(
          levels.map((level, i) => [
            level,
            topUnlimited && i === levels.length - 1 ? 'unlimited' : sorted[i],
          ]),
        );
      }),
    { maxKeys: 4 },
  ),
  amount_bands: fc
    .uniqueArray(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 5 })
    .map((edges) => [...edges].sort((a, b) => a - b)),
  flag_approval_share: fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
});
const offerFairness = fc.record({
  max_difference: fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
  value_bands: fc
    .uniqueArray(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 4 })
    .map((edges) => [...edges].sort((a, b) => a - b)),
});

const rubric: fc.Arbitrary<Rubric> = fc
  .record({
    version: name,
    description: fc.option(fc.stringMatching(/^[A-Za-z][A-Za-z ,.]{0,30}[a-z.]$/), { nil: undefined }),
    minimum_volume: fc.integer({ min: 1, max: 1000 }),
    standardWeights: weights(4),
    elementWeights: weights(6),
    critical: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    alternatives: fc.array(
      fc.record({
        category: name,
        level: fc.integer({ min: 1, max: 4 }),
        departments: fc.array(name, { minLength: 1, maxLength: 3 }),
      }),
      { maxLength: 3 },
    ),
    costs: fc.tuple(points, points, points, points, points, points),
    passMarks: fc.tuple(points, points, points, points),
    numericScale: fc.constantFrom('csat' as const, 'nps' as const),
    next_tier_target: target,
    csat: scale(['1', '2', '3', '4', '5']),
    nps: scale(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']),
    thumbs: scale(['up', 'down']),
    good_bad: scale(['good', 'bad']),
    days: fc.uniqueArray(fc.constantFrom(...weekDays), { minLength: 1 }),
    hours: fc.tuple(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 12, max: 23 })),
    time_zone: fc.constantFrom('UTC', 'Europe/London', 'America/New_York', 'Europe/Amsterdam'),
    clock,
    overrides: fc.array(
      fc.record({
        match: fc.oneof(
          fc.record({ category: name }),
          fc.record({ policy: name }),
          fc.record({ category: name, policy: name }),
        ),
        clock,
      }),
      { maxLength: 3 },
    ),
    slaPause: fc.subarray([...pauseStatuses]),
    priorities: fc.dictionary(name, fc.record({ first_response: target, resolution: target }), {
      maxKeys: 4,
    }),
    presets: fc.dictionary(name, clock, { maxKeys: 3 }),
    authority: fc.option(authority, { nil: undefined }),
    offerFairness: fc.option(offerFairness, { nil: undefined }),
    staffing: fc.record({
      service_level: fc.integer({ min: 1, max: 99 }).map((n) => n / 100),
      target_seconds: fc.integer({ min: 0, max: 3600 }),
      max_occupancy: fc.integer({ min: 1, max: 100 }).map((n) => n / 100),
      shrinkage: fc.integer({ min: 0, max: 99 }).map((n) => n / 100),
    }),
  })
  .map((g) => ({
    rubric: 1 as const,
    version: g.version,
    ...(g.description === undefined ? {} : { description: g.description }),
    minimum_volume: g.minimum_volume,
    standards: {
      right_department: {
        weight: g.standardWeights[0],
        critical: g.critical[0],
        pass_mark: g.passMarks[0],
        alternatives: g.alternatives,
        reassignment_cost: g.costs[0],
        skipped_level_cost: g.costs[1],
      },
      assessment_quality: {
        weight: g.standardWeights[1],
        critical: g.critical[1],
        pass_mark: g.passMarks[1],
        detectors: 'default',
        elements: Object.fromEntries(handoverElements.map((e, i) => [e, g.elementWeights[i]])) as Record<
          (typeof handoverElements)[number],
          number
        >,
        repeat_cost: g.costs[2],
        next_tier_target: g.next_tier_target,
        next_tier_late_cost: g.costs[3],
      },
      satisfaction: {
        weight: g.standardWeights[2],
        critical: g.critical[2],
        pass_mark: g.passMarks[2],
        numeric_scale: g.numericScale,
        scales: {
          csat: g.csat,
          nps: g.nps,
          thumbs: g.thumbs,
          good_bad: g.good_bad,
        } as Rubric['standards']['satisfaction']['scales'],
      },
      resolution: {
        weight: g.standardWeights[3],
        critical: g.critical[3],
        pass_mark: g.passMarks[3],
        business_hours: {
          days: g.days,
          start: hhmm(g.hours[0]),
          end: hhmm(g.hours[1]),
          time_zone: g.time_zone,
        },
        clock: g.clock,
        overrides: g.overrides,
        sla: {
          pause_statuses: g.slaPause,
          first_response_cost: g.costs[4],
          resolution_cost: g.costs[5],
          priorities: g.priorities,
        },
        presets: g.presets,
      },
    },
    staffing: g.staffing,
    ...(g.authority === undefined ? {} : { authority: g.authority as Rubric['authority'] }),
    ...(g.offerFairness === undefined ? {} : { offer_fairness: g.offerFairness }),
  }));

/** The rubric as loading gives it back: an authority limit written `unlimited` is no limit (null). */
function asLoaded(rubric: Rubric): Rubric {
  if (!rubric.authority) {
    return rubric;
  }
  const limits = Object.fromEntries(
    Object.entries(rubric.authority.limits).map(([kind, levels]) => [
      kind,
      Object.fromEntries(
        Object.entries(levels ?? {}).map(([l, v]) => [l, v === ('unlimited' as unknown) ? null : v]),
      ),
    ]),
  );
  return { ...rubric, authority: { ...rubric.authority, limits } };
}

describe('rubric YAML round trip', () => {
  it('should load any valid rubric, written as YAML, back equal and with a stable hash', () => {
    fc.assert(
      fc.property(rubric, (sut) => {
        const loaded = parseRubric(stringify(sut), 'generated.yaml');

        expect(loaded.rubric).toEqual(asLoaded(sut));
        expect(parseRubric(stringify(sut, { indent: 4 }), 'again.yaml').hash).toBe(loaded.hash);
      }),
      { numRuns: 200 },
    );
  });
});
