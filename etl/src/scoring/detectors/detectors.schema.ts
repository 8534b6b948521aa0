import { z } from 'zod';
import { type HandoverElement, handoverElements } from '../rubric/rubric.schema.js';

/**
 * The handover element detectors (YAML): per element, patterns that find it in a handover note and
 * "clear" patterns that blank out negated or empty mentions first. The reference, rule by rule, is
 * handover-detectors.yaml beside this file.
 */

/** Judged on the next contact against the note, not on the note alone; not a rubric element. */
export const repeatElement = 'customer_repeated' as const;
export type RepeatElement = typeof repeatElement;

/** Every element a detector decides, in the order of the target table's columns. */
export const detectedElements = [...handoverElements, repeatElement] as const;
export type DetectedElement = (typeof detectedElements)[number];

/** One pattern, named by its id in evidence and messages. */
export interface DetectorRule {
  id: string;
  /** RE2 syntax as DuckDB's regexp functions read it, matched case-insensitively. */
  pattern: string;
}

/**
 * Several patterns that must all be found in the same cleared note (anywhere in it), and none of
 * `unless`: a contested charge is told across sentences ("charged £20 … says the machine was broken …
 * wants it cancelled"). The evidence is the first pattern's earliest match.
 */
export interface AllRule {
  id: string;
  all: string[];
  unless: string[];
  /** As a pattern rule's (see PatternRule). */
  weak?: true;
}

/**
 * A rule of `match` with one pattern. A weak rule's find needs the learned model's assent: where
 * `learned: weak_below` sets a probability for the element, it is dropped below it. A weak rule finds
 * the element in many notes that lack it too ("was told", "seller says"); the model, weighing every
 * word of the note, tells the two apart better than another pattern would.
 */
export interface PatternRule extends DetectorRule {
  weak?: true;
}

/**
 * A veto: found in the note as written, it makes the element absent, unless one of `unless` is found
 * in the note too ("not disputing the exclusion itself" disowns one thing and keeps another).
 */
export interface VetoRule extends DetectorRule {
  unless: string[];
}

/** A rule of `match`: one pattern, or patterns found together. */
export type MatchRule = PatternRule | AllRule;

export function isAllRule(rule: MatchRule): rule is AllRule {
  return 'all' in rule;
}

/** A next-contact rule: counts only when the note held one of `needs`. */
export interface RepeatRule extends DetectorRule {
  needs: HandoverElement[];
}

/**
 * The structural repeat: the customer's answer to the next tier's request restates what the note held.
 * A pair of turns counts when an agent's line matching `request` is followed by a customer's line that
 * shares at least `shared_words` words of the note that the agent's line did not say itself (a
 * read-back the customer repeats is not a re-explanation), and the customer's line does not open with
 * `confirms`. A request that matches one of `asks_for` asks for that element: it counts only when the
 * note held it; any other request counts when the note held one of `needs`.
 */
export interface RestatedRule {
  id: string;
  needs: HandoverElement[];
  agent_turn: string;
  customer_turn: string;
  request: string;
  asks_for: Partial<Record<HandoverElement, string>>;
  confirms?: string;
  shared_words: number;
  /** Words that never count as shared: function words and the talk of any call. */
  ignore_words: string[];
}

export interface ElementDetector {
  /** Removed from the text before `match` runs: negations, empty template fields. */
  clear: DetectorRule[];
  /** Any one of them found in the cleared text makes the element present. */
  match: MatchRule[];
  /** Found in the note as written (and none of its `unless`), one makes the element absent whatever was found. */
  veto: VetoRule[];
}

export interface RepeatDetector {
  clear: DetectorRule[];
  match: RepeatRule[];
  restated: RestatedRule[];
}

export interface HandoverDetectors {
  detectors: 1;
  version: string;
  description?: string;
  elements: Record<HandoverElement, ElementDetector> & Record<RepeatElement, RepeatDetector>;
  /** The learned part: a weights file (relative to this file) and a threshold per element it decides. */
  learned?: LearnedSettings;
}

export interface LearnedSettings {
  weights: string;
  /** Per element: the model finds it where no rule did when its probability passes this. */
  thresholds: Partial<Record<HandoverElement, number>>;
  /** Per element: the model overrules a rule's find when its probability is below this. */
  overrule_below?: Partial<Record<HandoverElement, number>>;
  /** Per element: a weak rule's find is dropped when the model's probability is below this. */
  weak_below?: Partial<Record<HandoverElement, number>>;
  /** The fewest distinct tokens a note needs before the model may overrule a rule in it. */
  overrule_min_words?: number;
}

const idText = 'expected an id: lower-case letters, digits and - (e.g. tried-field)';
const ruleId = z.string({ error: idText }).regex(/^[a-z0-9][a-z0-9_.-]*$/, idText);
const patternText = 'expected a pattern: a regular expression in single quotes';
const pattern = z.string({ error: patternText }).min(1, patternText);

const ruleSchema = z.strictObject({ id: ruleId, pattern }, { error: 'expected a rule { id, pattern }' });

const needsText = `expected a list of the note's elements (${handoverElements.join(', ')})`;
const needsSchema = z
  .array(z.enum(handoverElements, { error: `expected one of ${handoverElements.join(', ')}` }), {
    error: needsText,
  })
  .min(1, needsText);

const repeatRuleSchema = z.strictObject(
  {
    id: ruleId,
    needs: needsSchema,
    pattern,
  },
  { error: 'expected a rule { id, needs, pattern }' },
);

const clearList = z.array(ruleSchema, { error: 'expected a list of { id, pattern }' }).default([]);

const patternList = (least: number) =>
  z
    .array(pattern, { error: `expected a list of at least ${least} patterns` })
    .min(least, `expected a list of at least ${least} patterns`);

const matchRuleText = 'expected a rule { id, pattern } or { id, all, unless }';
const matchRuleSchema = z
  .strictObject(
    {
      id: ruleId,
      pattern: pattern.optional(),
      all: patternList(2).optional(),
      unless: patternList(1).optional(),
      weak: z.boolean({ error: 'expected weak: true or false' }).default(false),
    },
    { error: matchRuleText },
  )
  .superRefine((rule, ctx) => {
    if ((rule.pattern === undefined) === (rule.all === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: `${matchRuleText}: either pattern or all (a list of patterns), not ${rule.pattern === undefined ? 'neither' : 'both'}`,
      });
    } else if (rule.unless !== undefined && rule.all === undefined) {
      ctx.addIssue({ code: 'custom', path: ['unless'], message: 'expected unless only beside all' });
    }
  })
  .transform((rule) =>
    rule.all === undefined
      ? { id: rule.id, pattern: rule.pattern as string, ...(rule.weak ? { weak: true } : {}) }
      : { id: rule.id, all: rule.all, unless: rule.unless ?? [], ...(rule.weak ? { weak: true } : {}) },
  );

const vetoList = z
  .array(
    z
      .strictObject(
        { id: ruleId, pattern, unless: patternList(1).optional() },
        { error: 'expected a rule { id, pattern } or { id, pattern, unless }' },
      )
      .transform((rule) => ({ id: rule.id, pattern: rule.pattern, unless: rule.unless ?? [] })),
    { error: 'expected a list of { id, pattern, unless }' },
  )
  .default([]);

const elementSchema = z.strictObject(
  {
    clear: clearList,
    match: z
      .array(matchRuleSchema, { error: 'expected a list of rules' })
      .min(1, 'expected at least one rule'),
    veto: vetoList,
  },
  { error: 'expected the rules of this element: { clear, match, veto }' },
);

const wordsText = 'expected words of lower-case letters and digits, separated by spaces';
const restatedRuleSchema = z.strictObject(
  {
    id: ruleId,
    needs: needsSchema,
    agent_turn: pattern,
    customer_turn: pattern,
    request: pattern,
    asks_for: z
      .strictObject(
        Object.fromEntries(handoverElements.map((e) => [e, pattern.optional()])) as Record<
          HandoverElement,
          z.ZodOptional<typeof pattern>
        >,
        { error: `expected a pattern per element (${handoverElements.join(', ')})` },
      )
      .default({}),
    confirms: pattern.optional(),
    shared_words: z
      .number({ error: 'expected a whole number of words, 1 or more' })
      .int('expected a whole number of words, 1 or more')
      .min(1, 'expected a whole number of words, 1 or more'),
    ignore_words: z
      .string({ error: wordsText })
      .regex(/^[\sa-z0-9]*$/, wordsText)
      .transform((text) => [...new Set(text.split(/\s+/).filter(Boolean))])
      .default([]),
  },
  {
    error:
      'expected a rule { id, needs, agent_turn, customer_turn, request, asks_for, shared_words, ignore_words }',
  },
);

const repeatSchema = z.strictObject(
  {
    clear: clearList,
    match: z
      .array(repeatRuleSchema, { error: 'expected a list of { id, needs, pattern }' })
      .min(1, 'expected at least one rule'),
    restated: z.array(restatedRuleSchema, { error: 'expected a list of restated rules' }).default([]),
  },
  { error: 'expected the rules of customer_repeated: { clear, match, restated }' },
);

const elementsSchema = z
  .strictObject(
    {
      ...(Object.fromEntries(handoverElements.map((e) => [e, elementSchema])) as Record<
        HandoverElement,
        typeof elementSchema
      >),
      [repeatElement]: repeatSchema,
    },
    { error: `expected the seven elements: ${detectedElements.join(', ')}` },
  )
  .superRefine((elements, ctx) => {
    // An id names one rule in evidence: the same id twice would make evidence ambiguous.
    const seen = new Set<string>();
    for (const element of detectedElements) {
      const lists =
        element === repeatElement
          ? (['clear', 'match', 'restated'] as const)
          : (['clear', 'match', 'veto'] as const);
      for (const list of lists) {
        ((elements[element] as Record<string, { id: string }[]>)[list] ?? []).forEach((rule, i) => {
          if (seen.has(rule.id)) {
            ctx.addIssue({
              code: 'custom',
              path: [element, list, i, 'id'],
              message: `expected an id used once in the file, found '${rule.id}' again`,
            });
          }
          seen.add(rule.id);
        });
      }
    }
  });

const thresholdText = 'expected a probability between 0 and 1 (exclusive), e.g. 0.9';
/**
 * A note of fewer distinct tokens is never overruled by default: a short note's words are mostly ones
 * the model never weighed ("Sofa arrived with a torn cushion"), so its low probability says little.
 * On holdouts 10 to 12, leaving the notes under 12 tokens alone lost no overrule that helped.
 */
export const defaultOverruleMinWords = 12;

/** A mapping of some handover elements to probabilities, as `learned:` gives its cuts. */
function probabilityPerElement(what: string) {
  return z.strictObject(
    Object.fromEntries(
      handoverElements.map((e) => [
        e,
        z.number({ error: thresholdText }).gt(0, thresholdText).lt(1, thresholdText).optional(),
      ]),
    ) as Record<HandoverElement, z.ZodOptional<z.ZodNumber>>,
    { error: `expected ${what} per element (${handoverElements.join(', ')})` },
  );
}
const learnedSchema = z.strictObject(
  {
    weights: z
      .string({ error: 'expected the path of a weights file' })
      .trim()
      .min(1, 'expected the path of a weights file'),
    thresholds: probabilityPerElement('a threshold'),
    overrule_below: probabilityPerElement('a probability below which a rule is overruled').optional(),
    weak_below: probabilityPerElement('a probability below which a weak rule is overruled').optional(),
    overrule_min_words: z
      .number({ error: 'expected a whole number of words, e.g. 12' })
      .int('expected a whole number of words, e.g. 12')
      .min(0, 'expected a whole number of words, e.g. 12')
      .default(defaultOverruleMinWords),
  },
  {
    error:
      'expected learned: { weights, thresholds } (and optionally overrule_below, weak_below, overrule_min_words)',
  },
);

export const detectorsFileSchema = z.strictObject(
  {
    detectors: z.literal(1, { error: 'expected detectors: 1 (the format version of this file)' }),
    version: z.union([z.string().trim().min(1, 'expected a version text'), z.number().transform(String)], {
      error: 'expected a version text',
    }),
    description: z.string({ error: 'expected a text' }).optional(),
    elements: elementsSchema,
    learned: learnedSchema.optional(),
  },
  { error: 'expected detectors: 1, version and elements (and optionally learned)' },
);
