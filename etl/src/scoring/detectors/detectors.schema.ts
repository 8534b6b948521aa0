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

/** A next-contact rule: counts only when the note held one of `needs`. */
export interface RepeatRule extends DetectorRule {
  needs: HandoverElement[];
}

export interface ElementDetector {
  /** Removed from the text before `match` runs: negations, empty template fields. */
  clear: DetectorRule[];
  /** Any one of them found in the cleared text makes the element present. */
  match: DetectorRule[];
}

export interface RepeatDetector {
  clear: DetectorRule[];
  match: RepeatRule[];
}

export interface HandoverDetectors {
  detectors: 1;
  version: string;
  description?: string;
  elements: Record<HandoverElement, ElementDetector> & Record<RepeatElement, RepeatDetector>;
}

const idText = 'expected an id: lower-case letters, digits and - (e.g. tried-field)';
const ruleId = z.string({ error: idText }).regex(/^[a-z0-9][a-z0-9_.-]*$/, idText);
const patternText = 'expected a pattern: a regular expression in single quotes';
const pattern = z.string({ error: patternText }).min(1, patternText);

const ruleSchema = z.strictObject({ id: ruleId, pattern }, { error: 'expected a rule { id, pattern }' });

const needsText = `expected a list of the note's elements (${handoverElements.join(', ')})`;
const repeatRuleSchema = z.strictObject(
  {
    id: ruleId,
    needs: z
      .array(z.enum(handoverElements, { error: `expected one of ${handoverElements.join(', ')}` }), {
        error: needsText,
      })
      .min(1, needsText),
    pattern,
  },
  { error: 'expected a rule { id, needs, pattern }' },
);

const clearList = z.array(ruleSchema, { error: 'expected a list of { id, pattern }' }).default([]);

const elementSchema = z.strictObject(
  {
    clear: clearList,
    match: z
      .array(ruleSchema, { error: 'expected a list of { id, pattern }' })
      .min(1, 'expected at least one rule'),
  },
  { error: 'expected the rules of this element: { clear, match }' },
);

const repeatSchema = z.strictObject(
  {
    clear: clearList,
    match: z
      .array(repeatRuleSchema, { error: 'expected a list of { id, needs, pattern }' })
      .min(1, 'expected at least one rule'),
  },
  { error: 'expected the rules of customer_repeated: { clear, match }' },
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
      for (const list of ['clear', 'match'] as const) {
        elements[element][list].forEach((rule, i) => {
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

export const detectorsFileSchema = z.strictObject(
  {
    detectors: z.literal(1, { error: 'expected detectors: 1 (the format version of this file)' }),
    version: z.union([z.string().trim().min(1, 'expected a version text'), z.number().transform(String)], {
      error: 'expected a version text',
    }),
    description: z.string({ error: 'expected a text' }).optional(),
    elements: elementsSchema,
  },
  { error: 'expected detectors: 1, version and elements' },
);
