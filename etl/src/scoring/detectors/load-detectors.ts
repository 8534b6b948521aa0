import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigFileError } from '../../config-files/config-file-error.js';
import { contentHash } from '../../config-files/content-hash.js';
import {
  type ConfigProblem,
  displayPath,
  parseYamlDocument,
  readConfigText,
  type YamlPath,
} from '../../config-files/yaml-document.js';
import { problemsOfIssues } from '../../config-files/zod-problems.js';
import { literal } from '../../ingest/canonical-sql.js';
import { DuckDbStore, type StoreSession } from '../../store/duckdb-store.js';
import { handoverElements } from '../rubric/rubric.schema.js';
import {
  type DetectedElement,
  type DetectorRule,
  detectedElements,
  detectorsFileSchema,
  type HandoverDetectors,
  isAllRule,
  type LearnedSettings,
  repeatElement,
} from './detectors.schema.js';
import { type LearnedModel, readWeights } from './learned-model.js';

/** The detector rules that ship with the repository (commented rule by rule). */
export const defaultDetectorsPath = join(dirname(fileURLToPath(import.meta.url)), 'handover-detectors.yaml');

/**
 * A detectors file that cannot be used: unreadable, not YAML, not what handover-detectors.yaml
 * documents, or a pattern DuckDB cannot compile. The message names the file and the line of the first
 * problem, on one line; `problems` lists them all.
 */
export class DetectorsError extends ConfigFileError {}

/** Validated detector rules, the hash that names them, and the means to point at their lines. */
export interface LoadedDetectors {
  /** The file as messages name it: relative to the working folder when inside it. */
  file: string;
  /** sha256 of the resolved rules (defaults filled), so comments and layout do not change it. */
  hash: string;
  detectors: HandoverDetectors;
  /** The learned part (`learned:` of the file) with its weights read, or null without one. */
  learned: LearnedModel | null;
  lineOf(path: YamlPath): number;
}

/** Reads and validates a detectors file (the default one without a path); throws DetectorsError naming file and line. */
export async function loadDetectors(path: string = defaultDetectorsPath): Promise<LoadedDetectors> {
  const { file, text } = readConfigText(path, (name, problems) => new DetectorsError(name, problems));
  return parseDetectors(text, file);
}

/** Validates detectors text, compiling every pattern in DuckDB; `file` is the name used in messages. */
export async function parseDetectors(text: string, file: string): Promise<LoadedDetectors> {
  const yaml = parseYamlDocument(text);
  if (yaml.problems.length) {
    throw new DetectorsError(file, yaml.problems);
  }
  const parsed = detectorsFileSchema.safeParse(yaml.doc.toJS({ maxAliasCount: 1000 }) ?? undefined);
  if (!parsed.success) {
    throw new DetectorsError(file, problemsOfIssues(parsed.error.issues, yaml, detectorsFileSchema));
  }
  const detectors = parsed.data as HandoverDetectors;
  const problems = await patternProblems(detectors, yaml.lineOf);
  if (problems.length) {
    throw new DetectorsError(file, problems);
  }
  const learned = detectors.learned
    ? learnedModel(detectors.learned, detectors.elements, file, yaml.lineOf)
    : null;
  return { file, detectors, learned, hash: detectorsHash(detectors, learned), lineOf: yaml.lineOf };
}

/** The content hash of resolved rules and weights: the same rules give the same hash, whatever the layout. */
export function detectorsHash(detectors: HandoverDetectors, learned: LearnedModel | null): string {
  return contentHash(learned ? { detectors, weights: learned.weights } : detectors);
}

/**
 * Reads the weights file that `learned:` names (relative to the detectors file) and checks that it
 * holds weights for every element given a threshold; throws DetectorsError naming the file and line.
 */
function learnedModel(
  settings: LearnedSettings,
  elements: HandoverDetectors['elements'],
  file: string,
  lineOf: (path: YamlPath) => number,
): LearnedModel {
  const path = resolve(dirname(file), settings.weights);
  const weightsFile = displayPath(path);
  const weights = readWeights(path, (problems) =>
    problems.some((p) => p.line > 0)
      ? new DetectorsError(weightsFile, problems)
      : new DetectorsError(file, [
          {
            line: lineOf(['learned', 'weights']),
            reason: `${problems[0].reason}: ${weightsFile} (a copied detectors file needs its weights file beside it, or an absolute path)`,
          },
        ]),
  );
  const missing = handoverElements.filter((e) => settings.thresholds[e] !== undefined && !weights[e]);
  if (missing.length) {
    throw new DetectorsError(
      file,
      missing.map((e) => ({
        line: lineOf(['learned', 'thresholds', e]),
        reason: `expected weights for ${e} in ${weightsFile}, found none`,
      })),
    );
  }
  // a rule is overruled only by a model that also decides the element, and only below its threshold
  const overrules = settings.overrule_below ?? {};
  const unfit = handoverElements.flatMap((e) => {
    const below = overrules[e];
    const threshold = settings.thresholds[e];
    if (below === undefined) {
      return [];
    }
    const reason =
      threshold === undefined
        ? `expected a threshold for ${e} under learned: thresholds, to overrule its rules`
        : below >= threshold
          ? `expected a probability below ${e}'s threshold (${threshold}), found ${below}`
          : null;
    return reason ? [{ line: lineOf(['learned', 'overrule_below', e]), reason }] : [];
  });
  // a weak rule needs a model that decides its element, and an element that has weak rules
  const weakBelow = settings.weak_below ?? {};
  const unfitWeak = handoverElements.flatMap((e) => {
    if (weakBelow[e] === undefined) {
      return [];
    }
    const reason =
      settings.thresholds[e] === undefined
        ? `expected a threshold for ${e} under learned: thresholds, to weigh its weak rules`
        : !elements[e].match.some((rule) => rule.weak)
          ? `expected a rule of ${e} marked weak: true, found none`
          : null;
    return reason ? [{ line: lineOf(['learned', 'weak_below', e]), reason }] : [];
  });
  if (unfit.length || unfitWeak.length) {
    throw new DetectorsError(file, [...unfit, ...unfitWeak]);
  }
  // only the elements given a threshold are used, and recorded with each scoring run
  const used = Object.fromEntries(
    handoverElements.filter((e) => settings.thresholds[e] !== undefined).map((e) => [e, weights[e]]),
  );
  return {
    file: weightsFile,
    weights: used,
    thresholds: settings.thresholds,
    overrules,
    weakBelow,
    overruleMinWords: settings.overrule_min_words,
  };
}

/**
 * The pattern with every capturing group made non-capturing. RE2 has no back-references, so this never
 * changes what a pattern matches; detect-elements numbers its own groups around the rules.
 */
export function asNonCapturing(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      if (pattern[i + 1] === 'Q') {
        // \Q…\E quotes literal text, parentheses included
        const end = pattern.indexOf('\\E', i + 2);
        const stop = end < 0 ? pattern.length : end + 2;
        out += pattern.slice(i, stop);
        i = stop - 1;
      } else {
        out += pattern.slice(i, i + 2);
        i++;
      }
    } else if (inClass) {
      if (ch === '[' && pattern[i + 1] === ':') {
        const end = pattern.indexOf(':]', i + 2);
        const stop = end < 0 ? i + 1 : end + 2;
        out += pattern.slice(i, stop);
        i = stop - 1;
      } else {
        inClass = ch !== ']';
        out += ch;
      }
    } else if (ch === '[') {
      inClass = true;
      out += ch;
      // a ']' right after '[' or '[^' is a literal
      const negated = pattern[i + 1] === '^';
      const first = pattern[i + (negated ? 2 : 1)];
      if (negated) {
        out += '^';
        i++;
      }
      if (first === ']') {
        out += ']';
        i++;
      }
    } else if (ch === '(' && pattern[i + 1] !== '?') {
      out += '(?:';
    } else if (ch === '(' && pattern.startsWith('(?P<', i)) {
      const end = pattern.indexOf('>', i);
      out += '(?:';
      i = end < 0 ? i : end;
    } else {
      out += ch;
    }
  }
  return out;
}

/** How a rule's pattern is used in SQL: case-insensitive, its own groups non-capturing. */
export function sqlPattern(pattern: string): string {
  return `(?i)(?:${asNonCapturing(pattern)})`;
}

interface PatternAt {
  pattern: string;
  path: YamlPath;
}

/** Every pattern of an element's rules, with where it is in the file. */
function patternsOf(detectors: HandoverDetectors, element: DetectedElement): PatternAt[] {
  const at = (path: YamlPath, pattern: string | undefined): PatternAt[] =>
    pattern === undefined ? [] : [{ pattern, path: ['elements', element, ...path] }];
  const list = (name: string, rules: readonly DetectorRule[]) =>
    rules.flatMap((rule, i) => at([name, i, 'pattern'], rule.pattern));
  if (element === repeatElement) {
    const { clear, match, restated } = detectors.elements[element];
    return [
      ...list('clear', clear),
      ...list('match', match),
      ...restated.flatMap((rule, i) => [
        ...(['agent_turn', 'customer_turn', 'request', 'confirms'] as const).flatMap((key) =>
          at(['restated', i, key], rule[key]),
        ),
        ...Object.entries(rule.asks_for).flatMap(([e, p]) => at(['restated', i, 'asks_for', e], p)),
      ]),
    ];
  }
  const { clear, match, veto } = detectors.elements[element];
  return [
    ...list('clear', clear),
    ...match.flatMap((rule, i) =>
      isAllRule(rule)
        ? [
            ...rule.all.flatMap((p, j) => at(['match', i, 'all', j], p)),
            ...rule.unless.flatMap((p, j) => at(['match', i, 'unless', j], p)),
          ]
        : at(['match', i, 'pattern'], rule.pattern),
    ),
    ...list('veto', veto),
    ...veto.flatMap((rule, i) => rule.unless.flatMap((p, j) => at(['veto', i, 'unless', j], p))),
  ];
}

// Texts on which a pattern must not match an empty string: such a pattern finds every note.
const emptyProbes = ['', 'x', ' x ', 'x.', '1 a\nb'];

/**
 * Compiles every pattern in an in-memory DuckDB (the engine that will run them), in one query; a
 * pattern that fails is compiled again alone for DuckDB's reason.
 */
async function patternProblems(detectors: HandoverDetectors, lineOf: (p: YamlPath) => number) {
  const patterns: PatternAt[] = detectedElements.flatMap((element) => patternsOf(detectors, element));
  const store = await DuckDbStore.open(':memory:', { memoryLimit: '256MB' });
  try {
    return await store.withSession(async (session) => {
      const rows = patterns.map((p, i) => `(${i}, ${literal(p.pattern)}, ${literal(sqlPattern(p.pattern))})`);
      const probes = `[${emptyProbes.map(literal).join(', ')}]`;
      const checked = await session.all<{ i: number; compiles: boolean; empty: boolean | null }>(
        `SELECT i::INTEGER AS i,
           try(regexp_matches('', raw)) IS NOT NULL AND try(regexp_matches('', used)) IS NOT NULL AS compiles,
           try(list_bool_or(list_transform(${probes},
             lambda s: regexp_matches(s, used) AND regexp_extract(s, used) = ''))) AS empty
         FROM (VALUES ${rows.join(', ')}) AS t(i, raw, used)
         ORDER BY i`,
      );
      const problems: ConfigProblem[] = [];
      for (const row of checked) {
        const { pattern, path } = patterns[row.i];
        const where = `${path.join('.')}: `;
        if (!row.compiles) {
          const reason = await compileError(session, pattern);
          problems.push({
            line: lineOf(path),
            reason: `${where}expected a regular expression in RE2 syntax (as DuckDB reads it), found '${pattern}': ${reason}`,
          });
        } else if (row.empty) {
          problems.push({
            line: lineOf(path),
            reason: `${where}expected a pattern that needs at least one character, found '${pattern}', which matches empty text and so every note`,
          });
        }
      }
      return problems;
    });
  } finally {
    store.close();
  }
}

async function compileError(session: StoreSession, pattern: string): Promise<string> {
  for (const candidate of [pattern, sqlPattern(pattern)]) {
    try {
      await session.all("SELECT regexp_matches('', $p) AS m", { p: candidate });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return message.split('\n')[0].replace(/^[A-Za-z ]+Error: /, '');
    }
  }
  return 'DuckDB cannot compile it';
}
