import { z } from 'zod';
import { offerKinds } from '../../canonical/canonical-files.js';

/**
 * The rubric (YAML): how the four QA standards are scored, changed without code. The reference, line by
 * line, is default-rubric.yaml beside this file. Every score row records the rubric's `version` and the
 * content hash load-rubric computes, so a score always names the exact rubric that made it.
 */

export const standardNames = [
  'right_department',
  'assessment_quality',
  'satisfaction',
  'resolution',
] as const;
export type StandardName = (typeof standardNames)[number];

export const handoverElements = [
  'problem',
  'customer_ask',
  'already_tried',
  'dispute_source',
  'timeline',
  'severity',
] as const;
export type HandoverElement = (typeof handoverElements)[number];

/** The waits that may pause a clock (DECISIONS §1): the ticket waits on the customer or a third party. */
export const pauseStatuses = ['pending', 'on_hold'] as const;
export type PauseStatus = (typeof pauseStatuses)[number];

export const weekDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekDay = (typeof weekDays)[number];

/** Calendar time counts every hour; business time only the rubric's business hours. */
export type TimeKind = 'calendar' | 'business';

/** Keys a rubric author may reach for to give "not surveyed" a value; the schema refuses them all. */
export const surveyDefaultKeys = ['not_surveyed', 'missing', 'none', 'default', 'unanswered', 'no_survey'];

const text = z.string({ error: 'expected a text' }).trim().min(1, 'expected a non-empty text');
const share = z
  .number({ error: 'expected a number from 0 to 1' })
  .min(0, 'expected a number from 0 to 1')
  .max(1, 'expected a number from 0 to 1');
const points = z
  .number({ error: 'expected points from 0 to 100' })
  .min(0, 'expected points from 0 to 100')
  .max(100, 'expected points from 0 to 100');
const positiveHours = z
  .number({ error: 'expected a number of hours above 0' })
  .positive('expected a number of hours above 0');
const days = z
  .number({ error: 'expected a whole number of days above 0' })
  .int('expected a whole number of days above 0')
  .positive('expected a whole number of days above 0');
const timeKind = z.enum(['calendar', 'business'], { error: 'expected calendar or business' });
const pauseList = z.array(z.enum(pauseStatuses, { error: 'expected pending or on_hold' }), {
  error: 'expected a list of statuses (pending, on_hold)',
});
const clockTime = z
  .string({ error: "expected a time of day as 'HH:MM'" })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "expected a time of day as 'HH:MM'");
const flag = z.boolean({ error: 'expected true or false' });
const passMark = points.default(50);

function sumIs1(values: number[]): boolean {
  return Math.abs(values.reduce((a, b) => a + b, 0) - 1) < 1e-9;
}

function sumText(values: number[]): string {
  return `${values.join(' + ')} = ${Number(values.reduce((a, b) => a + b, 0).toFixed(9))}`;
}

// --- right department ---

export interface AllowedAlternative {
  category: string;
  level: number;
  /** Departments that count as right for this category and level, besides the one routing.csv names. */
  departments: string[];
}

export interface RightDepartment {
  weight: number;
  critical: boolean;
  /** Below this score the standard fails (what `critical` acts on). */
  pass_mark: number;
  alternatives: AllowedAlternative[];
  /** Points off for each move between departments of the same level before the right one. */
  reassignment_cost: number;
  /** Points off for a step that skipped a level without a reason. */
  skipped_level_cost: number;
}

const rightDepartmentSchema = z.strictObject({
  weight: share,
  critical: flag,
  pass_mark: passMark,
  alternatives: z
    .array(
      z.strictObject({
        category: text,
        level: z
          .number({ error: 'expected a level from 1 to 4' })
          .int('expected a level from 1 to 4')
          .min(1, 'expected a level from 1 to 4')
          .max(4, 'expected a level from 1 to 4'),
        departments: z
          .array(text, { error: 'expected a list of departments' })
          .min(1, 'expected a department'),
      }),
      { error: 'expected a list of { category, level, departments }' },
    )
    .default([]),
  reassignment_cost: points,
  skipped_level_cost: points,
});

// --- assessment quality ---

export interface TargetTime {
  hours: number;
  time: TimeKind;
}

export interface AssessmentQuality {
  weight: number;
  critical: boolean;
  pass_mark: number;
  /** The detector rules: `default` (shipped) or a file path, relative to the rubric's folder. */
  detectors: string;
  /** Each element's share of the standard; they add up to 1. */
  elements: Record<HandoverElement, number>;
  /** Points off when the customer has to repeat themselves after the handover. */
  repeat_cost: number;
  /** The time the next tier has to act first after the handover. */
  next_tier_target: TargetTime;
  /** Points off when the next tier first acted later than `next_tier_target`. */
  next_tier_late_cost: number;
}

const targetTimeSchema = z.strictObject({ hours: positiveHours, time: timeKind });

const assessmentQualitySchema = z.strictObject({
  weight: share,
  critical: flag,
  pass_mark: passMark,
  detectors: text.default('default'),
  elements: z
    .strictObject(
      Object.fromEntries(handoverElements.map((e) => [e, share])) as Record<HandoverElement, typeof share>,
    )
    .superRefine((elements, ctx) => {
      const values = handoverElements.map((e) => elements[e]);
      if (!sumIs1(values)) {
        ctx.addIssue({
          code: 'custom',
          message: `the element weights must add up to 1, found ${sumText(values)}`,
        });
      }
    }),
  repeat_cost: points,
  next_tier_target: targetTimeSchema,
  next_tier_late_cost: points.default(10),
});

// --- satisfaction ---

/** Each survey answer → 0–100. A case without a survey is "not surveyed": no key can give it a value. */
export interface SatisfactionScales {
  csat: Record<'1' | '2' | '3' | '4' | '5', number>;
  nps: Record<'0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '10', number>;
  thumbs: { up: number; down: number };
  good_bad: { good: number; bad: number };
}

export interface Satisfaction {
  weight: number;
  critical: boolean;
  pass_mark: number;
  scales: SatisfactionScales;
  /** Which scale a number from 1 to 5 belongs to (0 and 6–10 can only be NPS). */
  numeric_scale: 'csat' | 'nps';
}

function answers<K extends string>(keys: readonly K[]) {
  return z.strictObject(Object.fromEntries(keys.map((k) => [k, points])) as Record<K, typeof points>);
}

const satisfactionSchema = z.strictObject({
  weight: share,
  critical: flag,
  pass_mark: passMark,
  numeric_scale: z.enum(['csat', 'nps'], { error: 'expected csat or nps' }).default('csat'),
  scales: z.strictObject({
    csat: answers(['1', '2', '3', '4', '5'] as const),
    nps: answers(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const),
    thumbs: answers(['up', 'down'] as const),
    good_bad: answers(['good', 'bad'] as const),
  }),
});

// --- resolution ---

export interface Deadline {
  days: number;
  time: TimeKind;
}

/** A resolution clock: `days` of `time` from the first contact, with the regulators' other deadlines. */
export interface Clock {
  /** The preset this clock came from, when the rubric named one. */
  preset?: string;
  days: number;
  time: TimeKind;
  from: 'first_contact';
  pause_statuses: PauseStatus[];
  /** A first answer due before the final one (US CFPB: 15 days). */
  response?: Deadline;
  /** The longest the final answer may take in exceptional cases, with a holding reply (PSD2: 35). */
  exceptional?: Deadline;
  /** Resolved within this, a summary resolution letter is enough (UK FCA: 3rd business day). */
  summary?: Deadline;
}

export interface BusinessHours {
  days: WeekDay[];
  start: string;
  end: string;
  /** An IANA name (Europe/London) or UTC. */
  time_zone: string;
}

export interface ClockOverride {
  match: { category?: string; policy?: string };
  clock: Clock;
}

export interface SlaTarget {
  first_response: TargetTime;
  resolution: TargetTime;
}

export interface Sla {
  pause_statuses: PauseStatus[];
  /** Points off the resolution score when the first response missed its SLA target. */
  first_response_cost: number;
  /** Points off the resolution score when the resolution missed its SLA target. */
  resolution_cost: number;
  /** Per ticket priority, as the export spells it. */
  priorities: Record<string, SlaTarget>;
}

export interface Resolution {
  weight: number;
  critical: boolean;
  pass_mark: number;
  business_hours: BusinessHours;
  clock: Clock;
  overrides: ClockOverride[];
  sla: Sla;
  /** The rubric's own named clocks, added to (or replacing) the built-in regulator presets. */
  presets: Record<string, Clock>;
}

const deadlineSchema = z.strictObject({ days, time: timeKind });

export const clockSchema = z.strictObject({
  days,
  time: timeKind.default('calendar'),
  from: z.literal('first_contact', { error: 'expected first_contact' }).default('first_contact'),
  pause_statuses: pauseList.default([]),
  response: deadlineSchema.optional(),
  exceptional: deadlineSchema.optional(),
  summary: deadlineSchema.optional(),
});

/** A clock written inline, or the name of a preset (`uk_fca`), resolved by load-rubric. */
const clockOrPreset = z.union([text, clockSchema], {
  error: 'expected a preset name (uk_fca, uk_psd2, us_cfpb …) or a clock { days, time, … }',
});

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const businessHoursSchema = z
  .strictObject({
    days: z
      .array(z.enum(weekDays, { error: `expected one of ${weekDays.join(', ')}` }), {
        error: 'expected a list of week days',
      })
      .min(1, 'expected at least one week day'),
    start: clockTime,
    end: clockTime,
    time_zone: text.refine(validTimeZone, 'expected an IANA time zone such as Europe/London, or UTC'),
  })
  .superRefine((hours, ctx) => {
    if (hours.end <= hours.start) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `expected a time after start (${hours.start})`,
      });
    }
  });

const slaTargetSchema = z.strictObject({ first_response: targetTimeSchema, resolution: targetTimeSchema });

const resolutionSchema = z.strictObject({
  weight: share,
  critical: flag,
  pass_mark: passMark,
  business_hours: businessHoursSchema,
  clock: clockOrPreset.default({ days: 30, time: 'calendar', from: 'first_contact', pause_statuses: [] }),
  overrides: z
    .array(
      z.strictObject({
        match: z
          .strictObject({ category: text.optional(), policy: text.optional() })
          .refine((m) => m.category !== undefined || m.policy !== undefined, 'expected category or policy'),
        clock: clockOrPreset,
      }),
      { error: 'expected a list of { match, clock }' },
    )
    .default([]),
  sla: z.strictObject({
    pause_statuses: pauseList.default(['pending', 'on_hold']),
    first_response_cost: points.default(15),
    resolution_cost: points.default(25),
    priorities: z.record(text, slaTargetSchema, {
      error: 'expected priority: { first_response, resolution } lines',
    }),
  }),
  presets: z.record(text, clockSchema, { error: 'expected name: clock lines' }).default({}),
});

// --- staffing (the Load page's Erlang C figures) ---

/** The service target each tier is staffed for, and what keeps agents off the phones. */
export interface Staffing {
  /** The share of offered calls to answer within `target_seconds` (0.8 in "80/20"). */
  service_level: number;
  /** The wait that counts as answered in time, in seconds (20 in "80/20"). */
  target_seconds: number;
  /** The highest share of their time agents may spend on calls; more agents when it binds. */
  max_occupancy: number;
  /** The share of paid time off the phones (breaks, training, absence): staff on the roster = agents ÷ (1 − shrinkage). */
  shrinkage: number;
}

export const defaultStaffing: Staffing = {
  service_level: 0.8,
  target_seconds: 20,
  max_occupancy: 0.85,
  shrinkage: 0.3,
};

const staffingSchema = z.strictObject({
  service_level: z
    .number({ error: 'expected a share above 0 and below 1 (0.8 for 80%)' })
    .gt(0, 'expected a share above 0 and below 1 (0.8 for 80%)')
    .lt(1, 'expected a share above 0 and below 1 (0.8 for 80%): no staff answers every call in time')
    .default(defaultStaffing.service_level),
  target_seconds: z
    .number({ error: 'expected a number of seconds, 0 or more' })
    .min(0, 'expected a number of seconds, 0 or more')
    .max(3600, 'expected a number of seconds up to 3600')
    .default(defaultStaffing.target_seconds),
  max_occupancy: z
    .number({ error: 'expected a share above 0, up to 1' })
    .gt(0, 'expected a share above 0, up to 1')
    .max(1, 'expected a share above 0, up to 1')
    .default(defaultStaffing.max_occupancy),
  shrinkage: z
    .number({ error: 'expected a share from 0 to below 1' })
    .min(0, 'expected a share from 0 to below 1')
    .lt(1, 'expected a share from 0 to below 1')
    .default(defaultStaffing.shrinkage),
});

// --- authority: what each level may grant on its own, and offer fairness (the Empowerment page) ---

export type OfferKind = (typeof offerKinds)[number];
export const authorityLevels = ['1', '2', '3', '4'] as const;
export type AuthorityLevel = (typeof authorityLevels)[number];

/** The most a level may grant without approval; null = no limit. A level not listed may grant nothing. */
export type AuthorityLimits = Partial<Record<OfferKind, Partial<Record<AuthorityLevel, number | null>>>>;

export interface Authority {
  /** ISO 4217 code of every amount here; offers in another currency are left out of the figures. */
  currency: string;
  limits: AuthorityLimits;
  /** Edges of the amount bands, increasing: under the first, between each two, the last and over. */
  amount_bands: number[];
  /** A kind and band whose requests are approved above this share (95% interval's lower bound) is flagged. */
  flag_approval_share: number;
}

/** How offer consistency is judged. */
export interface OfferFairness {
  /** Comparable groups whose shares differ by more than this, with 95% confidence, are flagged. */
  max_difference: number;
  /** Edges of the customers' annual value bands, increasing, in the authority currency. */
  value_bands: number[];
}

/** The offer-fairness settings of a rubric that has none. */
export const defaultOfferFairness: OfferFairness = { max_difference: 0.15, value_bands: [1000, 5000, 20000] };

const amountOrUnlimited = "expected an amount of 0 or more, or 'unlimited'";
const limitSchema = z.union(
  [
    z.number({ error: amountOrUnlimited }).min(0, amountOrUnlimited),
    // a word, not an empty value: a limit left blank by mistake must not read as no limit at all
    z.literal('unlimited', { error: amountOrUnlimited }).transform(() => null),
  ],
  { error: amountOrUnlimited },
);

const bandEdgesSchema = z
  .array(z.number({ error: 'expected an amount above 0' }).positive('expected an amount above 0'), {
    error: 'expected a list of increasing amounts, e.g. [25, 50, 100]',
  })
  .min(1, 'expected at least one amount')
  .superRefine((edges, ctx) => {
    edges.forEach((edge, i) => {
      if (i > 0 && edge <= edges[i - 1]) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `expected an amount above ${edges[i - 1]} (the edges increase)`,
        });
      }
    });
  });

const levelLimitsSchema = z
  .strictObject(
    Object.fromEntries(authorityLevels.map((l) => [l, limitSchema.optional()])) as Record<
      AuthorityLevel,
      z.ZodOptional<typeof limitSchema>
    >,
    { error: 'expected level: amount lines, e.g. {1: 50, 2: 150, 3: 1000, 4: unlimited}' },
  )
  .superRefine((levels, ctx) => {
    // A manager may grant at least what the people below them may: anything else is a slip.
    let highest = 0;
    let highestLevel: AuthorityLevel = '1';
    for (const level of authorityLevels) {
      const value = levels[level];
      // zod refines even a map with a bad value in it: that value has its own message already
      if (value === undefined || (value !== null && !(typeof value === 'number' && value >= 0))) {
        continue;
      }
      const here = value ?? Number.POSITIVE_INFINITY;
      if (here < highest) {
        const above = highest === Number.POSITIVE_INFINITY ? 'unlimited' : String(highest);
        ctx.addIssue({
          code: 'custom',
          path: [level],
          message: `level ${level} may grant less than level ${highestLevel} (${value} < ${above}); a higher level may grant at least as much`,
        });
      } else {
        highest = here;
        highestLevel = level;
      }
    }
  });

const authoritySchema = z.strictObject({
  currency: z
    .string({ error: 'expected a three-letter currency code such as GBP' })
    .regex(/^[A-Z]{3}$/, 'expected a three-letter currency code in capitals, such as GBP'),
  limits: z.strictObject(
    Object.fromEntries(offerKinds.map((k) => [k, levelLimitsSchema.optional()])) as Record<
      OfferKind,
      z.ZodOptional<typeof levelLimitsSchema>
    >,
    { error: `expected kind: {level: amount} lines (${offerKinds.join(', ')})` },
  ),
  amount_bands: bandEdgesSchema,
  flag_approval_share: share.default(0.85),
});

const offerFairnessSchema = z.strictObject({
  max_difference: share.default(defaultOfferFairness.max_difference),
  value_bands: bandEdgesSchema.default(defaultOfferFairness.value_bands),
});

// --- the file ---

export interface Rubric {
  rubric: 1;
  /** Recorded on every score row. */
  version: string;
  description?: string;
  /** Below this many cases a share is "too few to judge" (ombudsman statistics use 30). */
  minimum_volume: number;
  standards: {
    right_department: RightDepartment;
    assessment_quality: AssessmentQuality;
    satisfaction: Satisfaction;
    resolution: Resolution;
  };
  /** The Load page's service target for Erlang C; rubrics without it get `defaultStaffing`. */
  staffing: Staffing;
  /** Who may grant what on their own; without it every offer needs approval (nothing is flagged). */
  authority?: Authority;
  /** How offers are compared between comparable customers (defaults: `defaultOfferFairness`). */
  offer_fairness?: OfferFairness;
}

/** The rubric as written: clocks may still be preset names. */
export const rubricFileSchema = z.strictObject({
  rubric: z.literal(1, { error: 'expected rubric: 1 (the rubric format version)' }),
  version: z.union([text, z.number().transform(String)], { error: 'expected a version text' }),
  description: z.string({ error: 'expected a text' }).optional(),
  minimum_volume: z
    .number({ error: 'expected a whole number of cases above 0' })
    .int('expected a whole number of cases above 0')
    .positive('expected a whole number of cases above 0')
    .default(30),
  standards: z
    .strictObject({
      right_department: rightDepartmentSchema,
      assessment_quality: assessmentQualitySchema,
      satisfaction: satisfactionSchema,
      resolution: resolutionSchema,
    })
    .superRefine((standards, ctx) => {
      const values = standardNames.map((s) => standards[s].weight);
      if (!sumIs1(values)) {
        ctx.addIssue({
          code: 'custom',
          message: `the weights of the four standards must add up to 1, found ${sumText(values)}`,
        });
      }
    }),
  staffing: staffingSchema.default(defaultStaffing),
  authority: authoritySchema.optional(),
  offer_fairness: offerFairnessSchema.optional(),
});

export type RubricFile = z.output<typeof rubricFileSchema>;
