import { readFileSync } from 'node:fs';
import type { ConfigProblem } from '../../config-files/yaml-document.js';
import { literal } from '../../ingest/canonical-sql.js';
import type { StoreSession } from '../../store/duckdb-store.js';
import { type HandoverElement, handoverElements } from '../rubric/rubric.schema.js';

// The learned part of the handover detectors: per element, a logistic regression over the words of
// the note, trained on the hand-labelled steps (fixtures/labelled/). It runs beside the rules: an
// element is present when a rule finds it or, failing that, when the model's probability passes the
// element's threshold (handover-detectors.yaml, `learned:`); where `overrule_below` is set, a rule's
// find counts only while the model's probability is not below it, and where `weak_below` is set, a
// weak rule's find (a rule marked `weak: true`) only while it is not below that. The rules were written
// as word families and kept missing a fifth of what later held-out notes said in other words; the
// model weighs every word the labelled notes used, so the two miss different notes.
//
// A note's words are its tokens: lower-cased runs of letters, runs of digits and the signs £ $ € % ?
// and :. A run of two letters or more drops one plural s and keeps its first five letters ("refunded"
// ~ "refun", "charges" ~ "charg"); a run of digits is "0". Each token counts once per note. The
// tokenizer is SQL, here and only here, so that training and scoring see the same words.

/** The tokens of `text` (a SQL expression) as a DuckDB list, each once. */
export function learnedTokens(text: string): string {
  return `list_distinct(list_transform(regexp_extract_all(lower(${text}), '[a-z]+|[0-9]+|[£$€%?:]'),
      lambda t: CASE WHEN regexp_matches(t, '^[0-9]') THEN '0'
        WHEN regexp_matches(t, '^[a-z]{2,}$') THEN left(regexp_replace(t, 's$', ''), 5) ELSE t END))`;
}

/** One element's model: an intercept and a weight per token; tokens not listed weigh 0. */
export interface ElementModel {
  bias: number;
  weights: Record<string, number>;
}

/** Weights per element, as a weights file holds them (only the elements it was trained for). */
export type LearnedWeights = Partial<Record<HandoverElement, ElementModel>>;

/** The learned part as the detectors apply it: the weights and, per element used, its threshold. */
export interface LearnedModel {
  /** The weights file as messages name it. */
  file: string;
  weights: LearnedWeights;
  thresholds: Partial<Record<HandoverElement, number>>;
  /** Per element, the probability below which the model overrules a rule's find (none: never). */
  overrules?: Partial<Record<HandoverElement, number>>;
  /** Per element, the probability below which the model drops a weak rule's find (none: never). */
  weakBelow?: Partial<Record<HandoverElement, number>>;
  /** The fewest distinct tokens a note needs before the model may overrule a rule in it. */
  overruleMinWords?: number;
}

/** The token a weights file uses for an element's intercept. */
const biasToken = '(bias)';
const header = 'element\ttoken\tweight';

/**
 * Parses a weights file (tab-separated: element, token, weight; `#` comments) and returns its weights,
 * or the problems found, each at its line.
 */
export function parseWeights(text: string): { weights: LearnedWeights; problems: ConfigProblem[] } {
  const weights: LearnedWeights = {};
  const problems: ConfigProblem[] = [];
  let seenHeader = false;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.startsWith('#')) {
      return;
    }
    if (!seenHeader) {
      seenHeader = true;
      if (line !== header) {
        problems.push({ line: i + 1, reason: `expected the header '${header.replaceAll('\t', '<tab>')}'` });
      }
      return;
    }
    const cells = line.split('\t');
    const [element, token, weight] = cells;
    const value = Number(weight);
    if (cells.length !== 3) {
      problems.push({ line: i + 1, reason: `expected 3 tab-separated fields, found ${cells.length}` });
    } else if (!(handoverElements as readonly string[]).includes(element)) {
      problems.push({
        line: i + 1,
        reason: `expected an element (${handoverElements.join(', ')}), found '${element}'`,
      });
    } else if (!token) {
      problems.push({ line: i + 1, reason: 'expected a token' });
    } else if (!weight?.trim() || !Number.isFinite(value)) {
      problems.push({ line: i + 1, reason: `expected a number for the weight, found '${weight}'` });
    } else {
      const model = weights[element as HandoverElement] ?? { bias: 0, weights: {} };
      weights[element as HandoverElement] = model;
      if (token === biasToken) {
        model.bias = value;
      } else {
        model.weights[token] = value;
      }
    }
  });
  if (!seenHeader) {
    problems.push({
      line: 0,
      reason: `expected the header '${header.replaceAll('\t', '<tab>')}' and weights`,
    });
  }
  return { weights, problems };
}

/** Reads a weights file; throws `fail(problems)` when it is unreadable or malformed. */
export function readWeights(path: string, fail: (problems: ConfigProblem[]) => Error): LearnedWeights {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw fail([
      {
        line: 0,
        reason: `cannot read the weights file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      },
    ]);
  }
  const { weights, problems } = parseWeights(text);
  if (problems.length) {
    throw fail(problems);
  }
  return weights;
}

/** The weights file's text, with `comments` (one per line) above the header; tokens sorted. */
export function formatWeights(weights: LearnedWeights, comments: readonly string[]): string {
  const lines = [...comments.map((c) => `# ${c}`), header];
  for (const element of handoverElements) {
    const model = weights[element];
    if (!model) {
      continue;
    }
    lines.push(`${element}\t${biasToken}\t${model.bias}`);
    for (const token of Object.keys(model.weights).sort()) {
      lines.push(`${element}\t${token}\t${model.weights[token]}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A labelled note: its tokens and, per element, whether it is present. */
export interface TrainingExample {
  tokens: readonly string[];
  labels: Partial<Record<HandoverElement, boolean>>;
}

export interface TrainingOptions {
  /** L2 penalty on the weights (not the intercept). */
  lambda: number;
  /** Full-batch passes of AdaGrad. */
  passes: number;
  /** Weights smaller than this in magnitude are left out of the file. */
  minWeight: number;
}

export const defaultTrainingOptions: TrainingOptions = { lambda: 0.003, passes: 400, minWeight: 0.005 };

/**
 * Fits one element's logistic regression on binary token features: the mean log-loss plus
 * lambda/2 · |w|², minimised by full-batch AdaGrad from zero. Deterministic: the same examples in the
 * same order give the same weights.
 */
export function fitElement(
  examples: readonly TrainingExample[],
  element: HandoverElement,
  options: TrainingOptions = defaultTrainingOptions,
): ElementModel {
  const vocabulary = new Map<string, number>();
  const rows = examples.map((e) =>
    Int32Array.from(e.tokens, (t) => {
      let index = vocabulary.get(t);
      if (index === undefined) {
        index = vocabulary.size;
        vocabulary.set(t, index);
      }
      return index;
    }),
  );
  const labels = examples.map((e) => (e.labels[element] ? 1 : 0));
  const size = vocabulary.size;
  const w = new Float64Array(size);
  const squares = new Float64Array(size).fill(1e-8);
  const gradient = new Float64Array(size);
  let bias = 0;
  let biasSquares = 1e-8;
  const rate = 0.5;
  for (let pass = 0; pass < options.passes; pass++) {
    gradient.fill(0);
    let biasGradient = 0;
    rows.forEach((row, i) => {
      let z = bias;
      for (const f of row) {
        z += w[f];
      }
      const d = (1 / (1 + Math.exp(-z)) - labels[i]) / rows.length;
      biasGradient += d;
      for (const f of row) {
        gradient[f] += d;
      }
    });
    biasSquares += biasGradient * biasGradient;
    bias -= (rate * biasGradient) / Math.sqrt(biasSquares);
    for (let f = 0; f < size; f++) {
      const g = gradient[f] + options.lambda * w[f];
      if (g !== 0) {
        squares[f] += g * g;
        w[f] -= (rate * g) / Math.sqrt(squares[f]);
      }
    }
  }
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const weights: Record<string, number> = {};
  for (const [token, f] of vocabulary) {
    if (Math.abs(w[f]) >= options.minWeight) {
      weights[token] = round(w[f]);
    }
  }
  return { bias: round(bias), weights };
}

/**
 * A SELECT of labelled steps (JSON lines as in fixtures/labelled/, or a review export): `id`, `split`
 * ('' when none), `note`, `next_contact`, `labels` and the note's `tokens`, as training and scoring
 * see them; steps whose split is in `excludeSplits` are left out.
 */
export function labelledStepsSql(files: readonly string[], excludeSplits: readonly string[] = []): string {
  const labelColumns = handoverElements.map((e) => `${e} BOOLEAN`).join(', ');
  return `SELECT id, coalesce(split, '') AS split, note, next_contact, labels,
       ${learnedTokens("coalesce(note, '')")} AS tokens
     FROM read_json([${files.map(literal).join(', ')}], format = 'newline_delimited', columns = {
       id: 'VARCHAR', split: 'VARCHAR', note: 'VARCHAR', next_contact: 'VARCHAR',
       labels: 'STRUCT(${labelColumns})'
     })
     WHERE NOT list_contains([${excludeSplits.map(literal).join(', ')}]::VARCHAR[], coalesce(split, ''))`;
}

/**
 * Reads labelled steps (JSON lines as in fixtures/labelled/: `note` and `labels`) with DuckDB, takes
 * their tokens with the scoring tokenizer, and fits a model per element. Steps whose split is in
 * `excludeSplits` are not read into training.
 */
export async function trainLearnedWeights(
  session: StoreSession,
  files: readonly string[],
  elements: readonly HandoverElement[],
  options: TrainingOptions & { excludeSplits?: readonly string[] } = defaultTrainingOptions,
): Promise<{ weights: LearnedWeights; steps: number; splits: Record<string, number> }> {
  const rows = await session.all<{
    split: string;
    tokens: string[];
    labels: Record<string, boolean | null>;
  }>(`SELECT split, tokens, labels FROM (${labelledStepsSql(files, options.excludeSplits)}) ORDER BY id`);
  const examples: TrainingExample[] = rows.map((r) => ({
    tokens: r.tokens,
    labels: Object.fromEntries(handoverElements.map((e) => [e, Boolean(r.labels[e])])),
  }));
  const weights: LearnedWeights = {};
  for (const element of elements) {
    weights[element] = fitElement(examples, element, options);
  }
  const splits: Record<string, number> = {};
  for (const r of rows) {
    splits[r.split || '(none)'] = (splits[r.split || '(none)'] ?? 0) + 1;
  }
  return { weights, steps: rows.length, splits };
}
