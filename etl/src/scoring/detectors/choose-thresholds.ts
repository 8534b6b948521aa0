import type { StoreSession } from '../../store/duckdb-store.js';
import { type HandoverElement, handoverElements } from '../rubric/rubric.schema.js';
import { detectHandoverElements, noControl, vetoCondition } from './detect-elements.js';
import { defaultOverruleMinWords } from './detectors.schema.js';
import {
  defaultTrainingOptions,
  fitElement,
  labelledStepsSql,
  type TrainingOptions,
} from './learned-model.js';
import type { LoadedDetectors } from './load-detectors.js';

// How the learned part's cuts (`learned: thresholds`, `overrule_below` and `weak_below`) are
// chosen: on labelled sets the rules were not developed on, with models that never saw the set they
// are measured on. Each measured split is left out in turn; the model is fitted on every other step
// (less the excluded splits) and gives the left-out steps their probability. Over those out-of-fold
// probabilities, per element, the cuts are the ones that make the worse of precision and recall of
// the combined detector highest (a tie goes to the larger sum). "No threshold" (the rules alone) and
// "no overrule" are candidates like any other, so a cut is proposed only where it helps. An element
// with rules marked weak is also given a weak_below, "none" among its candidates.

/** Precision and recall over the measured splits, pooled. */
export interface PrecisionRecall {
  precision: number;
  recall: number;
}

export interface ThresholdChoice {
  element: HandoverElement;
  /** The rules alone. */
  rules: PrecisionRecall;
  /** The model's threshold, or null when the rules alone did best. */
  threshold: number | null;
  /** The probability below which the model overrules a rule, or null for none. */
  overruleBelow: number | null;
  /** The probability below which the model overrules a weak rule, or null for none (or no weak rule). */
  weakBelow: number | null;
  chosen: PrecisionRecall;
}

export interface ChooseThresholdsOptions {
  /** The splits measured, each left out of training in turn; at least one. */
  measureSplits: readonly string[];
  /** Splits left out of everything (sets kept unread for a later measurement). */
  excludeSplits?: readonly string[];
  /** Elements that may be given an overrule (others get none). */
  overrule?: readonly HandoverElement[];
  /** Notes with fewer distinct tokens are never overruled (as `overrule_min_words`). */
  overruleMinWords?: number;
  training?: TrainingOptions;
}

/** The thresholds tried: "the model finds the element above p". */
export const thresholdCandidates = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95] as const;
/** The overrules tried: "the model drops a rule's find below p". */
export const overruleCandidates = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5] as const;

interface Step {
  split: string;
  tokens: string[];
  labels: Record<string, boolean | null>;
  rules: Record<string, boolean>;
  /** Per element, whether a rule not marked weak found it. */
  strong: Record<string, boolean>;
  /** Per element, whether its veto holds: then neither rule nor model finds it, as in detection. */
  vetoed: Record<string, boolean>;
}

/**
 * Reads labelled steps (JSON lines as in fixtures/labelled/), runs the detectors' rules on them (the
 * learned part left out), and proposes a threshold and, for the `overrule` elements, an overrule per
 * element that the detectors' rules can find, as out-of-fold models on `measureSplits` give them.
 */
export async function chooseThresholds(
  session: StoreSession,
  files: readonly string[],
  detectors: LoadedDetectors,
  options: ChooseThresholdsOptions,
): Promise<{ choices: ThresholdChoice[]; steps: Record<string, number> }> {
  await session.run(
    `CREATE OR REPLACE TEMP TABLE eqa_choose_steps AS
     SELECT id AS step_key, * EXCLUDE (id) FROM (${labelledStepsSql(files, options.excludeSplits)})`,
  );
  try {
    await detectHandoverElements(
      session,
      { ...detectors, learned: null },
      { source: 'eqa_choose_steps', target: 'eqa_choose_rules' },
    );
    // what the rules not marked weak find: a second pass only where some rule is weak
    const strongRules = hasWeakRules(detectors) ? 'eqa_choose_strong' : 'eqa_choose_rules';
    if (strongRules === 'eqa_choose_strong') {
      await detectHandoverElements(session, withoutWeakRules(detectors), {
        source: 'eqa_choose_steps',
        target: strongRules,
      });
    }
    // the veto read from the text detection reads, as detection applies it
    const vetoed = handoverElements.map(
      (e) => `${e}: ${vetoCondition(detectors, e, noControl('s.note')) ?? 'false'}`,
    );
    const rows = await session.all<Step>(
      `SELECT s.split, s.tokens, s.labels,
         {${handoverElements.map((e) => `${e}: r.${e}`).join(', ')}} AS rules,
         {${handoverElements.map((e) => `${e}: g.${e}`).join(', ')}} AS strong,
         {${vetoed.join(', ')}} AS vetoed
       FROM eqa_choose_steps s JOIN eqa_choose_rules r USING (step_key)
         JOIN ${strongRules} g USING (step_key)
       ORDER BY s.step_key`,
    );
    const steps: Record<string, number> = {};
    for (const r of rows) {
      steps[r.split] = (steps[r.split] ?? 0) + 1;
    }
    const choices = handoverElements.map((element) =>
      chooseForElement(rows, element, {
        ...options,
        overrule: options.overrule?.includes(element) ?? false,
        weak: detectors.detectors.elements[element].match.some((rule) => rule.weak),
      }),
    );
    return { choices, steps };
  } finally {
    await session.run(
      'DROP TABLE IF EXISTS eqa_choose_steps; DROP TABLE IF EXISTS eqa_choose_rules; DROP TABLE IF EXISTS eqa_choose_strong',
    );
  }
}

function hasWeakRules(detectors: LoadedDetectors): boolean {
  return handoverElements.some((e) => detectors.detectors.elements[e].match.some((rule) => rule.weak));
}

/** The detectors with every rule marked weak left out, and no learned part: what the other rules find. */
function withoutWeakRules(detectors: LoadedDetectors): LoadedDetectors {
  const elements = Object.fromEntries(
    Object.entries(detectors.detectors.elements).map(([name, element]) => [
      name,
      'veto' in element ? { ...element, match: element.match.filter((rule) => !rule.weak) } : element,
    ]),
  ) as LoadedDetectors['detectors']['elements'];
  return { ...detectors, detectors: { ...detectors.detectors, elements }, learned: null };
}

function chooseForElement(
  steps: readonly Step[],
  element: HandoverElement,
  options: Omit<ChooseThresholdsOptions, 'overrule'> & { overrule: boolean; weak: boolean },
): ThresholdChoice {
  const measured = steps.filter((s) => options.measureSplits.includes(s.split));
  // each measured step's probability from a model fitted without its split
  const probability = new Map<Step, number>();
  for (const split of options.measureSplits) {
    const model = fitElement(
      steps
        .filter((s) => s.split !== split)
        .map((s) => ({ tokens: s.tokens, labels: { [element]: Boolean(s.labels[element]) } })),
      element,
      options.training ?? defaultTrainingOptions,
    );
    for (const s of measured.filter((m) => m.split === split)) {
      const weighed = s.tokens.filter((t) => model.weights[t] !== undefined);
      const z = weighed.reduce((sum, t) => sum + (model.weights[t] ?? 0), model.bias);
      // as detection does: a note without a word the model weighs gets no probability
      probability.set(s, weighed.length ? 1 / (1 + Math.exp(-z)) : Number.NaN);
    }
  }
  const minWords = options.overruleMinWords ?? defaultOverruleMinWords;
  const measure = (
    threshold: number | null,
    below: number | null,
    weakBelow: number | null,
  ): PrecisionRecall => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const s of measured) {
      const p = probability.get(s) ?? Number.NaN;
      const weighs = s.tokens.length >= minWords;
      const overruled = below !== null && weighs && p < below;
      // only weak rules found it, and the model rules them out
      const weakOverruled = !s.strong[element] && weakBelow !== null && weighs && p < weakBelow;
      const found =
        (s.rules[element] && !overruled && !weakOverruled) ||
        (threshold !== null && p > threshold && !s.vetoed[element]);
      const actual = Boolean(s.labels[element]);
      if (found && actual) {
        tp++;
      } else if (found) {
        fp++;
      } else if (actual) {
        fn++;
      }
    }
    return { precision: tp + fp ? tp / (tp + fp) : fn ? 0 : 1, recall: tp + fn ? tp / (tp + fn) : 1 };
  };
  const rules = measure(null, null, null);
  let best: ThresholdChoice = {
    element,
    rules,
    threshold: null,
    overruleBelow: null,
    weakBelow: null,
    chosen: rules,
  };
  const better = (a: PrecisionRecall, b: PrecisionRecall) => {
    const worse = Math.min(a.precision, a.recall) - Math.min(b.precision, b.recall);
    return (
      worse > 1e-9 || (Math.abs(worse) <= 1e-9 && a.precision + a.recall > b.precision + b.recall + 1e-9)
    );
  };
  for (const threshold of [null, ...thresholdCandidates]) {
    for (const below of [null, ...(options.overrule ? overruleCandidates : [])]) {
      // as a detectors file allows it: an overrule only beside a threshold, and below it
      if (below !== null && (threshold === null || below >= threshold)) {
        continue;
      }
      // a weak rule is weighed only by a model that also decides the element
      for (const weakBelow of [null, ...(options.weak && threshold !== null ? overruleCandidates : [])]) {
        const chosen = measure(threshold, below, weakBelow);
        if (better(chosen, best.chosen)) {
          best = { element, rules, threshold, overruleBelow: below, weakBelow, chosen };
        }
      }
    }
  }
  return best;
}
