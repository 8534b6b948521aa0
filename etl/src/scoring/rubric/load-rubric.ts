import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentHash } from '../../config-files/content-hash.js';
import {
  type ConfigProblem,
  parseYamlDocument,
  readConfigText,
  type YamlPath,
} from '../../config-files/yaml-document.js';
import { problemsOfIssues } from '../../config-files/zod-problems.js';
import { clockPresets } from './clock-presets.js';
import { type Clock, type Rubric, rubricFileSchema, surveyDefaultKeys } from './rubric.schema.js';
import { RubricError } from './rubric-error.js';

/** The rubric that ships with the repository (documented line by line). */
export const defaultRubricPath = join(dirname(fileURLToPath(import.meta.url)), 'default-rubric.yaml');

/** A validated rubric, the hash that names it, and the means to point at its lines. */
export interface LoadedRubric {
  /** The file as messages name it: relative to the working folder when inside it. */
  file: string;
  rubric: Rubric;
  /** sha256 of the resolved rubric (presets expanded, defaults filled), so comments do not change it. */
  hash: string;
  lineOf(path: YamlPath): number;
}

/** Reads and validates a rubric file (the default one without a path); throws RubricError naming file and line. */
export function loadRubric(path: string = defaultRubricPath): LoadedRubric {
  const { file, text } = readConfigText(path, (name, problems) => new RubricError(name, problems));
  return parseRubric(text, file);
}

/** Validates rubric text; `file` is the name used in messages. */
export function parseRubric(text: string, file: string): LoadedRubric {
  const yaml = parseYamlDocument(text);
  if (yaml.problems.length) {
    throw new RubricError(file, yaml.problems);
  }
  const parsed = rubricFileSchema.safeParse(yaml.doc.toJS({ maxAliasCount: 1000 }) ?? undefined);
  if (!parsed.success) {
    throw new RubricError(file, problemsOfIssues(parsed.error.issues, yaml, rubricFileSchema, surveyDefault));
  }
  const written = parsed.data;
  const resolution = written.standards.resolution;
  const presets: Record<string, Clock> = { ...clockPresets, ...resolution.presets };
  const problems: ConfigProblem[] = [];
  const resolve = (clock: string | Clock, at: YamlPath): Clock => {
    if (typeof clock !== 'string') {
      return clock;
    }
    const preset = presets[clock];
    if (!preset) {
      problems.push({
        line: yaml.lineOf(at),
        reason: `${at.join('.')}: unknown preset '${clock}' (expected ${Object.keys(presets).join(', ')}, or a clock)`,
      });
      return { days: 1, time: 'calendar', from: 'first_contact', pause_statuses: [] };
    }
    return { ...preset, preset: clock };
  };
  const at = ['standards', 'resolution'];
  const rubric: Rubric = {
    ...written,
    standards: {
      ...written.standards,
      resolution: {
        ...resolution,
        clock: resolve(resolution.clock, [...at, 'clock']),
        overrides: resolution.overrides.map((o, i) => ({
          match: o.match,
          clock: resolve(o.clock, [...at, 'overrides', i, 'clock']),
        })),
      },
    },
  };
  if (problems.length) {
    throw new RubricError(file, problems);
  }
  return { file, rubric, hash: rubricHash(rubric), lineOf: yaml.lineOf };
}

/** The content hash of a resolved rubric: the same rules give the same hash, whatever the layout. */
export function rubricHash(rubric: Rubric): string {
  return contentHash(rubric);
}

function surveyDefault(path: YamlPath, key: string): string | undefined {
  const underSatisfaction = path[0] === 'standards' && path[1] === 'satisfaction';
  if (underSatisfaction && surveyDefaultKeys.includes(key.toLowerCase())) {
    return (
      `'${key}' cannot be given a value: a case without a survey is "not surveyed" and is left out of ` +
      'averages, never scored'
    );
  }
  return undefined;
}
