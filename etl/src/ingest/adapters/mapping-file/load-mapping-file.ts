import { type Document, isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { nodeLine, readConfigText, type YamlPath } from '../../../config-files/yaml-document.js';
import {
  type MappedTables,
  type MappingFile,
  mappedKinds,
  mappingFileSchema,
  type RejectRule,
  type SourceOptions,
  type TimestampOptions,
} from './mapping-file.schema.js';
import { MappingFileError, type MappingProblem } from './mapping-file-error.js';

export type { YamlPath };

/** One kind of file the mapping reads, with the run-wide settings merged in. */
export interface MappingEntry {
  /** Where the entry sits in the YAML: [] for a mapping with top-level tables, ['files', i] otherwise. */
  at: YamlPath;
  /** File-name patterns; null = every file. */
  match: string[] | null;
  source: SourceOptions;
  timestamps: TimestampOptions;
  /** Where the formats in force are written, for reject reasons. */
  timestampsAt: YamlPath;
  reject: { rule: RejectRule; at: YamlPath }[];
  tables: MappedTables;
}

/** A validated mapping file and the means to point at its lines. */
export interface LoadedMapping {
  /** The file as messages name it: relative to the working folder when inside it. */
  file: string;
  mapping: MappingFile;
  entries: MappingEntry[];
  /** The line of the YAML node at `path` (of its key, for a map entry), or of its closest ancestor. */
  lineOf(path: YamlPath): number;
}

/** Reads and validates a mapping file; throws MappingFileError naming the file, the line and what was expected. */
export function loadMappingFile(path: string): LoadedMapping {
  const { file, text } = readConfigText(path, (name, problems) => new MappingFileError(name, problems));
  return parseMappingFile(text, file);
}

/** Validates mapping-file text; `file` is the name used in messages. */
export function parseMappingFile(text: string, file: string): LoadedMapping {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, merge: true, prettyErrors: true });
  if (doc.errors.length) {
    throw new MappingFileError(
      file,
      doc.errors.map((e) => ({
        line: e.linePos?.[0].line ?? 0,
        // yaml's message repeats the position and quotes the source below it: keep the sentence
        reason: `not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    );
  }
  const lineOf = (path: YamlPath) => nodeLine(doc, lineCounter, path);
  const parsed = mappingFileSchema.safeParse(doc.toJS({ maxAliasCount: 1000 }) ?? undefined);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) => problemsOf(issue, doc, lineOf));
    problems.sort((a, b) => a.line - b.line);
    throw new MappingFileError(file, problems);
  }
  return { file, mapping: parsed.data, entries: entriesOf(parsed.data), lineOf };
}

function problemsOf(
  issue: z.core.$ZodIssue,
  doc: Document,
  lineOf: (p: YamlPath) => number,
): MappingProblem[] {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const expected = expectedKeys(path);
    return issue.keys.map((key) => ({
      line: lineOf([...path, key]),
      reason: `unknown key '${key}'${expected ? ` (expected ${expected.join(', ')})` : ''}`,
    }));
  }
  if (path.length === 0 && doc.contents === null) {
    return [{ line: 1, reason: 'the mapping file is empty: expected mapping: 1 and tables or files' }];
  }
  const missing = path.length > 0 && !doc.hasIn(path) && issue.code === 'invalid_type';
  const where = path.length ? `${path.join('.')}: ` : '';
  const got = issue.code === 'invalid_type' && !missing ? `, got ${describe(doc.getIn(path))}` : '';
  return [
    {
      line: lineOf(path),
      reason: missing ? `missing ${path.at(-1)} (${issue.message})` : `${where}${issue.message}${got}`,
    },
  ];
}

function describe(value: unknown): string {
  if (isMap(value)) {
    return 'a map';
  }
  if (isSeq(value)) {
    return 'a list';
  }
  switch (typeof value) {
    case 'string':
      return `the text '${value}'`;
    case 'number':
    case 'boolean':
      return `${typeof value} ${value}`;
    default:
      return 'nothing';
  }
}

const topKeys = [
  'mapping',
  'name',
  'description',
  'source',
  'timestamps',
  'columns',
  'maps',
  'reject',
  'tables',
  'files',
];
const expressionKeys = ['column', 'constant', 'concat', 'separator', 'first_of', 'map'];
const keysByContext: Record<string, string[]> = {
  source: ['format', 'delimiter', 'encoding', 'null_values'],
  timestamps: ['formats', 'time_zone', 'date'],
  map: ['values', 'unmapped', 'ignore_case'],
  reject: ['column', 'values', 'reason'],
  files: ['match', 'source', 'timestamps', 'reject', 'tables'],
};

/** The keys allowed where an unknown key was found, to say what was expected. */
function expectedKeys(path: YamlPath): string[] | null {
  const p = path.map((k) => (typeof k === 'number' ? '#' : k));
  const tablesAt = p.lastIndexOf('tables');
  if (p.at(-1) === 'map' || (p.length === 2 && p[0] === 'maps')) {
    return keysByContext.map;
  }
  if (tablesAt >= 0) {
    const rest = p.slice(tablesAt + 1);
    if (rest.length === 0) {
      return [...mappedKinds];
    }
    if (rest.length === 1) {
      return ['from', 'one_per', 'columns'];
    }
    return rest.length === 3 ? [...expressionKeys, 'pick'] : expressionKeys;
  }
  if (p.length === 0) {
    return topKeys;
  }
  const last = p.at(-1) === '#' ? p.at(-2) : p.at(-1);
  return last !== undefined ? (keysByContext[last] ?? null) : null;
}

function entriesOf(mapping: MappingFile): MappingEntry[] {
  const runWide = mapping.reject.map((rule, i) => ({ rule, at: ['reject', i] }));
  if (mapping.tables) {
    return [
      {
        at: [],
        match: null,
        source: mapping.source,
        timestamps: mapping.timestamps,
        timestampsAt: ['timestamps', 'formats'],
        reject: runWide,
        tables: mapping.tables,
      },
    ];
  }
  return (mapping.files ?? []).map((entry, i) => ({
    at: ['files', i],
    match: entry.match === undefined ? null : [entry.match].flat(),
    source: { ...mapping.source, ...entry.source },
    timestamps: { ...mapping.timestamps, ...entry.timestamps },
    timestampsAt: entry.timestamps?.formats
      ? ['files', i, 'timestamps', 'formats']
      : ['timestamps', 'formats'],
    reject: [...runWide, ...entry.reject.map((rule, j) => ({ rule, at: ['files', i, 'reject', j] }))],
    tables: entry.tables,
  }));
}
