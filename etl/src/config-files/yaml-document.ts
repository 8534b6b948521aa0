import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

/** A path into a YAML document: map keys and list indexes. */
export type YamlPath = readonly (string | number)[];

/** One mistake in a configuration file, at its line (0 when the file has no line to point at). */
export interface ConfigProblem {
  line: number;
  reason: string;
}

/** A parsed YAML configuration file and the means to point at its lines. */
export interface YamlDocument {
  doc: Document;
  /** The line of the node at `path` (of its key, for a map entry), or of its closest ancestor. */
  lineOf(path: YamlPath): number;
  /** Syntax errors, each at its line; when not empty, `doc` must not be used. */
  problems: ConfigProblem[];
}

/** The file as messages name it: relative to the working folder when inside it, absolute otherwise. */
export function displayPath(path: string): string {
  const absolute = resolve(path);
  const inside = relative(process.cwd(), absolute);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : absolute;
}

/**
 * Reads a configuration file as text, with the name messages use for it; an unreadable file becomes
 * the error `fail` makes, with one problem and no stack.
 */
export function readConfigText(
  path: string,
  fail: (file: string, problems: ConfigProblem[]) => Error,
): { file: string; text: string } {
  const file = displayPath(path);
  try {
    return { file, text: readFileSync(path, 'utf8') };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw fail(file, [{ line: 0, reason: `cannot be read: ${reason}` }]);
  }
}

/** Parses YAML text keeping the positions, so that later checks can name the line of any value. */
export function parseYamlDocument(text: string): YamlDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, merge: true, prettyErrors: true });
  const problems = doc.errors.map((e) => ({
    line: e.linePos?.[0].line ?? 0,
    // yaml's message repeats the position and quotes the source below it: keep the sentence
    reason: `not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
  }));
  return { doc, problems, lineOf: (path) => nodeLine(doc, lineCounter, path) };
}

/** How a found value reads in a message: `'high'`, `12`, `true`, `a map`, `a list`, `nothing`. */
export function describeFound(value: unknown): string {
  if (isMap(value)) {
    return 'a map';
  }
  if (isSeq(value)) {
    return 'a list';
  }
  if (isScalar(value)) {
    return describeFound(value.value);
  }
  switch (typeof value) {
    case 'string':
      return `'${value}'`;
    case 'number':
    case 'boolean':
      return String(value);
    default:
      return 'nothing';
  }
}

/** The line (1-based) of the value at `path`, or of the nearest enclosing one that exists. */
export function nodeLine(doc: Document, lineCounter: LineCounter, path: YamlPath): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const key of path) {
    if (isAlias(node)) {
      node = node.resolve(doc);
    }
    if (isMap(node)) {
      // toJS turns `1: 0` into the key '1': compare keys as text
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(key));
      if (!pair) {
        break;
      }
      offset = rangeStart(pair.key) ?? rangeStart(pair.value) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && node.items[key] !== undefined) {
      node = node.items[key];
      offset = rangeStart(node) ?? offset;
    } else {
      break;
    }
  }
  return lineCounter.linePos(offset).line;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}
