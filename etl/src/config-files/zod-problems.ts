import { isMap, isScalar } from 'yaml';
import type { z } from 'zod';
import { type ConfigProblem, describeFound, type YamlDocument, type YamlPath } from './yaml-document.js';

/** What a configuration file may say about one unknown key instead of the generic message. */
export type UnknownKeyReason = (path: YamlPath, key: string) => string | undefined;

/**
 * Turns zod's issues on a YAML document into problems at their lines: `path: expected …, found …`,
 * `path: missing (expected …)`, and unknown keys named with the keys the schema allows there.
 */
export function problemsOfIssues(
  issues: readonly z.core.$ZodIssue[],
  yaml: YamlDocument,
  schema: z.ZodType,
  unknownKeyReason?: UnknownKeyReason,
): ConfigProblem[] {
  const problems = issues
    .flatMap(unionBranch)
    .flatMap((issue) => problemsOf(issue, yaml, schema, unknownKeyReason));
  return problems.sort((a, b) => a.line - b.line);
}

/**
 * A union (a preset name or a clock) that failed inside one of its shapes reports that shape's issues:
 * "clock.days: expected …" says more than "expected a name or a clock".
 */
function unionBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union') {
    return [issue];
  }
  const inside = issue.errors.find((branch) => branch.some((i) => i.path.length > 0));
  if (!inside) {
    return [issue];
  }
  return inside.flatMap((i) => unionBranch({ ...i, path: [...issue.path, ...i.path] } as z.core.$ZodIssue));
}

function problemsOf(
  issue: z.core.$ZodIssue,
  yaml: YamlDocument,
  schema: z.ZodType,
  unknownKeyReason?: UnknownKeyReason,
): ConfigProblem[] {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  const where = path.length ? `${path.join('.')}: ` : '';
  if (issue.code === 'unrecognized_keys') {
    const allowed = keysAt(schema, path);
    return issue.keys.map((key) => ({
      line: yaml.lineOf([...path, key]),
      reason:
        `${[...path, key].join('.')}: ` +
        (unknownKeyReason?.(path, key) ??
          `unknown key '${key}'${allowed ? ` (expected ${allowed.join(', ')})` : ''}`),
    }));
  }
  if (yaml.doc.contents === null || (isScalar(yaml.doc.contents) && yaml.doc.contents.value === null)) {
    return [{ line: 1, reason: `the file is empty: ${issue.message}` }];
  }
  // toJS turns a numeric key (`1: 50`) into the text '1': look such a path up as written too
  const asWritten = path.map((k) => (typeof k === 'string' && /^\d+$/.test(k) ? Number(k) : k));
  const writtenPath = yaml.doc.hasIn(path) ? path : asWritten;
  const present = path.length === 0 || yaml.doc.hasIn(writtenPath);
  if (!present) {
    return [{ line: yaml.lineOf(path), reason: `${where}missing (${issue.message})` }];
  }
  // a check on a whole map or list (a sum, a cross-reference) says what it found itself
  const node = path.length === 0 ? yaml.doc.contents : yaml.doc.getIn(writtenPath, true);
  const found = issue.code === 'custom' && isMap(node) ? '' : `, found ${describeFound(node)}`;
  return [
    { line: yaml.lineOf(path), reason: `${where}${issue.message}${issue.code === 'custom' ? '' : found}` },
  ];
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under wrappers (optional, default, pipe, lazy …). */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(current);
    const next =
      def.innerType ??
      (def.type === 'pipe'
        ? defOf(def.in as z.ZodType).type === 'transform'
          ? def.out
          : def.in
        : undefined) ??
      def.getter?.();
    if (!next) {
      return current;
    }
    current = next;
  }
  return current;
}

/** The keys the schema allows for the map at `path`, or null when it is not a fixed set. */
export function keysAt(schema: z.ZodType, path: YamlPath): string[] | null {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const key of path) {
    const def = defOf(current);
    if (def.type === 'object' && def.shape) {
      current = def.shape[String(key)];
    } else if (def.type === 'record') {
      current = def.valueType;
    } else if (def.type === 'array') {
      current = def.element;
    } else if (def.type === 'union' && def.options) {
      current = def.options.map(unwrap).find((o) => ['object', 'record', 'array'].includes(defOf(o).type));
      current = current && stepInto(current, key);
    } else {
      return null;
    }
    if (!current) {
      return null;
    }
    current = unwrap(current);
  }
  const def = defOf(current);
  if (def.type === 'union' && def.options) {
    const object = def.options.map(unwrap).find((o) => defOf(o).type === 'object');
    return object ? Object.keys(defOf(object).shape ?? {}) : null;
  }
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : null;
}

function stepInto(schema: z.ZodType, key: string | number): z.ZodType | undefined {
  const def = defOf(schema);
  if (def.type === 'object') {
    return def.shape?.[String(key)];
  }
  return def.type === 'record' ? def.valueType : def.element;
}
