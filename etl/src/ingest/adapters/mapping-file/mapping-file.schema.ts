import { z } from 'zod';
import { type ColumnType, canonicalFiles } from '../../../canonical/canonical-files.js';

/**
 * The mapping file (YAML): how to read an export that no built-in adapter knows, without code. The
 * reference, line by line, is fixtures/mappings/example-mapping.yaml. Everything here compiles to DuckDB
 * SQL (compile-mapping.ts); nothing is evaluated per row in JavaScript.
 */

/** The canonical tables a mapping file can fill (routing is a configuration file, not an export). */
export const mappedKinds = ['tickets', 'events', 'calls', 'agents', 'offers', 'customers'] as const;
export type MappedKind = (typeof mappedKinds)[number];

/** A value map: source value → canonical value; `~` (null) maps to empty on purpose. */
export interface ValueMap {
  values: Record<string, string | number | boolean | null>;
  /** What a value the map does not list becomes: a reject naming the map (the default), empty, or itself. */
  unmapped: 'reject' | 'empty' | 'keep';
  ignore_case: boolean;
}

/** A SQL-free expression over a source row. A plain string is shorthand for `{ column: … }`. */
export interface Expression {
  column?: string;
  constant?: string | number | boolean;
  /** The non-empty parts joined with `separator` (default none); empty when every part is. */
  concat?: Expression[];
  separator?: string;
  /** The first part that is not empty. */
  first_of?: Expression[];
  /** A value map (inline) or the name of one under `maps`. */
  map?: string | ValueMap;
}

/** A canonical column's source; `pick` chooses among a collapsed table's rows (one_per, from: events). */
export interface ColumnSource extends Expression {
  pick?: 'first' | 'last';
}

export interface MappedTable {
  /** tickets only: one ticket per ticket_id of this file's events (first event, last resolve). */
  from?: 'events';
  /** One row per value of this canonical column; other columns take the first (or last) non-empty value. */
  one_per?: string;
  columns: Record<string, ColumnSource>;
}

export type MappedTables = Partial<Record<MappedKind, MappedTable>>;

export interface SourceOptions {
  format: 'csv' | 'ndjson';
  delimiter: string;
  encoding: 'auto' | 'utf-8' | 'utf-16' | 'latin-1';
  /** Values that mean "empty" in this export (`N/A`, `#N/B`, `0:00:00`), compared after trimming. */
  null_values: string[];
}

export interface TimestampOptions {
  /** strptime patterns (`%m/%d/%Y %H:%M`) or `iso`, tried in order. */
  formats: string[];
  /** For values without an offset: `UTC`, a fixed offset (`+01:00`) or an IANA name (`Europe/Amsterdam`). */
  time_zone: string;
  /** For exports with times of day only: the date they are taken to be on (a documented placeholder). */
  date?: string;
}

export interface RejectRule {
  column: string;
  values: (string | number)[];
  reason: string;
}

export interface FileEntry {
  /** File-name patterns (`*`, `?`) this entry applies to; none = every file. */
  match?: string | string[];
  source?: Partial<SourceOptions>;
  timestamps?: Partial<TimestampOptions>;
  reject: RejectRule[];
  tables: MappedTables;
}

export interface MappingFile {
  mapping: 1;
  name?: string;
  description?: string;
  source: SourceOptions;
  timestamps: TimestampOptions;
  /** Names for source columns that exports spell differently: name → spellings, first found wins. */
  columns: Record<string, string[]>;
  maps: Record<string, ValueMap>;
  reject: RejectRule[];
  tables?: MappedTables;
  files?: FileEntry[];
}

const text = z.string({ error: 'expected a text' }).trim().min(1, 'expected a non-empty text');

const valueMapSchema = z.strictObject({
  values: z.record(
    z.string(),
    z.union([z.string(), z.number(), z.boolean(), z.null()], {
      error: 'expected a canonical value (a text or a number) or ~ for empty',
    }),
    { error: 'expected the map as source value: canonical value lines' },
  ),
  unmapped: z
    .enum(['reject', 'empty', 'keep'], { error: 'expected reject, empty or keep' })
    .default('reject'),
  ignore_case: z.boolean({ error: 'expected true or false' }).default(false),
});

const sourceKeys = ['column', 'constant', 'concat', 'first_of'] as const;

const expressionHint =
  'expected a source column name, or an object with one of column, constant, concat, first_of';

function checkExpression(value: Expression, ctx: z.RefinementCtx): void {
  const given = sourceKeys.filter((k) => value[k] !== undefined);
  if (given.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message:
        given.length === 0
          ? `${expressionHint} (and optionally map)`
          : `give one of ${given.join(', ')}, not ${given.length}`,
    });
  }
  if (value.separator !== undefined && value.concat === undefined) {
    ctx.addIssue({ code: 'custom', path: ['separator'], message: 'separator goes with concat only' });
  }
}

const shorthand = (value: unknown) => (typeof value === 'string' ? { column: value } : value);

const expressionShape = {
  column: text.optional(),
  constant: z
    .union([z.string(), z.number(), z.boolean()], { error: 'expected a text or a number' })
    .optional(),
  concat: z
    .array(
      z.lazy(() => expressionSchema),
      { error: 'expected a list of parts' },
    )
    .min(1, 'expected at least one part')
    .optional(),
  separator: z.string({ error: 'expected a text' }).optional(),
  first_of: z
    .array(
      z.lazy(() => expressionSchema),
      { error: 'expected a list of parts' },
    )
    .min(1, 'expected at least one part')
    .optional(),
  map: z
    .union([text, valueMapSchema], { error: 'expected the name of a map under maps, or { values: … }' })
    .optional(),
};

const expressionSchema: z.ZodType<Expression> = z.preprocess(
  shorthand,
  z.strictObject(expressionShape, { error: expressionHint }).superRefine(checkExpression),
);

const columnSourceSchema: z.ZodType<ColumnSource> = z.preprocess(
  shorthand,
  z
    .strictObject(
      { ...expressionShape, pick: z.enum(['first', 'last'], { error: 'expected first or last' }).optional() },
      { error: expressionHint },
    )
    .superRefine(checkExpression),
);

/** Columns a table must map, except those `from: events` derives. */
const requiredColumns: Record<MappedKind, string[]> = Object.fromEntries(
  Object.values(canonicalFiles)
    .filter((spec) => (mappedKinds as readonly string[]).includes(spec.kind))
    .map((spec) => [spec.kind, spec.columns.filter((c) => c.required).map((c) => c.name)]),
) as Record<MappedKind, string[]>;

/** What `from: events` fills on its own. */
export const derivedTicketColumns = ['ticket_id', 'created_at', 'resolved_at'] as const;

function tableSchema(kind: MappedKind) {
  const names = canonicalFiles[kind].columns.map((c) => c.name);
  return z
    .strictObject({
      from: z
        .literal('events', { error: 'expected events (tickets derived from this file’s events)' })
        .optional(),
      one_per: z.string({ error: 'expected a canonical column name' }).optional(),
      columns: z.record(z.string(), columnSourceSchema, {
        error: `expected canonical column: source lines (${names.join(', ')})`,
      }),
    })
    .superRefine((table, ctx) => {
      for (const column of Object.keys(table.columns)) {
        if (!names.includes(column)) {
          ctx.addIssue({
            code: 'custom',
            path: ['columns', column],
            message: `unknown canonical column '${column}' for ${kind} (expected one of ${names.join(', ')})`,
          });
        }
      }
      if (table.from !== undefined && kind !== 'tickets') {
        ctx.addIssue({ code: 'custom', path: ['from'], message: 'only tickets can be derived from events' });
      }
      if (table.from !== undefined && table.one_per !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['one_per'],
          message: 'from: events already gives one ticket per ticket_id',
        });
      }
      if (table.one_per !== undefined && !names.includes(table.one_per)) {
        ctx.addIssue({
          code: 'custom',
          path: ['one_per'],
          message: `unknown canonical column '${table.one_per}' for ${kind} (expected one of ${names.join(', ')})`,
        });
      }
      const derived: readonly string[] = table.from === 'events' ? derivedTicketColumns : [];
      for (const column of derived) {
        if (table.columns[column] !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['columns', column],
            message: `${column} is derived from the events when from: events is given; remove it`,
          });
        }
      }
      const missing = requiredColumns[kind].filter(
        (c) => !derived.includes(c) && table.columns[c] === undefined,
      );
      if (missing.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns'],
          message: `${kind} needs ${missing.join(' and ')} (required canonical column${missing.length > 1 ? 's' : ''})`,
        });
      }
      if (table.one_per !== undefined && table.columns[table.one_per] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['one_per'],
          message: `one_per names ${table.one_per}, which the table does not map`,
        });
      }
      for (const [column, source] of Object.entries(table.columns)) {
        if (source.pick !== undefined && table.from === undefined && table.one_per === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['columns', column, 'pick'],
            message: 'pick applies to a table with one_per or from: events only',
          });
        }
      }
    });
}

const tablesSchema = z
  .strictObject(
    {
      tickets: tableSchema('tickets').optional(),
      events: tableSchema('events').optional(),
      calls: tableSchema('calls').optional(),
      agents: tableSchema('agents').optional(),
      offers: tableSchema('offers').optional(),
      customers: tableSchema('customers').optional(),
    },
    { error: `expected canonical tables: ${mappedKinds.join(', ')}` },
  )
  .superRefine((tables, ctx) => {
    if (!Object.values(tables).some((t) => t !== undefined)) {
      ctx.addIssue({ code: 'custom', message: `expected at least one of ${mappedKinds.join(', ')}` });
    }
    if (tables.tickets?.from === 'events' && tables.events === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['tickets', 'from'],
        message: 'from: events needs an events table in the same entry',
      });
    }
  });

const rejectSchema = z.array(
  z.strictObject({
    column: text,
    values: z
      .array(z.union([z.string(), z.number()], { error: 'expected a text or a number' }), {
        error: 'expected a list of values',
      })
      .min(1, 'expected at least one value'),
    reason: text,
  }),
  { error: 'expected a list of { column, values, reason }' },
);

const sourceShape = {
  format: z.enum(['csv', 'ndjson'], { error: 'expected csv or ndjson' }),
  delimiter: z.string({ error: 'expected one character' }).length(1, 'expected one character'),
  encoding: z.enum(['auto', 'utf-8', 'utf-16', 'latin-1'], {
    error: 'expected auto, utf-8, utf-16 or latin-1',
  }),
  null_values: z.array(z.string(), { error: 'expected a list of texts' }),
};

const timestampShape = {
  formats: z
    .array(text, { error: 'expected a list of strptime patterns or iso' })
    .min(1, 'expected at least one format'),
  time_zone: text,
  date: z
    .string({ error: 'expected a date YYYY-MM-DD' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
    .optional(),
};

const fileEntrySchema = z.strictObject({
  match: z
    .union([text, z.array(text)], { error: 'expected a file-name pattern or a list of them' })
    .optional(),
  source: z.strictObject(sourceShape).partial().optional(),
  timestamps: z.strictObject(timestampShape).partial().optional(),
  reject: rejectSchema.default([]),
  tables: tablesSchema,
});

// strptime specifiers DuckDB knows (duckdb.org, "Date Format Functions"), `iso` aside.
const strptimeSpecifier = /%(-[dmyHIMSj]|[aAwdbBhmyYHIpMSgfnzZjUWcxX%])/g;

/** A fixed offset from UTC (`+01:00`, `-0500`, `Z`, `UTC`), as opposed to an IANA zone name. */
export const fixedOffset = /^(?:Z|UTC|([+-])(\d{2}):?(\d{2}))$/i;

function checkTimestamps(
  value: Partial<TimestampOptions> | undefined,
  ctx: z.RefinementCtx,
  at: PropertyKey[],
) {
  value?.formats?.forEach((format, i) => {
    if (format.toLowerCase() !== 'iso' && format.replace(strptimeSpecifier, '').includes('%')) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, 'formats', i],
        message: `'${format}' is not a strptime pattern DuckDB knows (%Y %m %d %H %M %S %f %z %b %p …) nor iso`,
      });
    }
  });
  const zone = value?.time_zone;
  if (zone !== undefined && !fixedOffset.test(zone) && !isIanaZone(zone)) {
    ctx.addIssue({
      code: 'custom',
      path: [...at, 'time_zone'],
      message: `'${zone}' is not a time zone: expected UTC, an offset such as +01:00, or an IANA name such as Europe/Amsterdam`,
    });
  }
}

function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What a valid value of this type looks like when `value` is not one, else null (the loader checks more). */
export function validCanonicalValue(type: ColumnType, value: string): string | null {
  switch (type.kind) {
    case 'enum':
      return type.values.includes(value.trim().toLowerCase()) ? null : `one of ${type.values.join(', ')}`;
    case 'integer': {
      const n = Number(value);
      return /^\s*-?\d+\s*$/.test(value) && n >= type.min && n <= type.max
        ? null
        : `a whole number from ${type.min} to ${type.max}`;
    }
    default:
      return null;
  }
}

function checkValues(mapping: MappingFile, ctx: z.RefinementCtx): void {
  const entries: { tables: MappedTables; at: PropertyKey[] }[] = mapping.files
    ? mapping.files.map((f, i) => ({ tables: f.tables, at: ['files', i, 'tables'] }))
    : [{ tables: mapping.tables ?? {}, at: ['tables'] }];
  for (const { tables, at } of entries) {
    for (const [kind, table] of Object.entries(tables) as [MappedKind, MappedTable | undefined][]) {
      for (const [column, source] of Object.entries(table?.columns ?? {})) {
        const spec = canonicalFiles[kind].columns.find((c) => c.name === column);
        if (spec) {
          checkExpressionValues(mapping, source, spec.type, column, [...at, kind, 'columns', column], ctx);
        }
      }
    }
  }
}

function checkExpressionValues(
  mapping: MappingFile,
  expression: Expression,
  type: ColumnType,
  column: string,
  at: PropertyKey[],
  ctx: z.RefinementCtx,
): void {
  const map = resolveMap(mapping, expression, at, ctx);
  if (map) {
    for (const [key, value] of Object.entries(map.values)) {
      const problem = value === null ? null : validCanonicalValue(type, String(value));
      if (problem) {
        const name = expression.map;
        ctx.addIssue({
          code: 'custom',
          path: typeof name === 'string' ? ['maps', name, 'values', key] : [...at, 'map', 'values', key],
          message: `'${value}' is not a valid ${column}: expected ${problem}`,
        });
      }
    }
  } else if (expression.constant !== undefined) {
    const problem = validCanonicalValue(type, String(expression.constant));
    if (problem) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, 'constant'],
        message: `'${expression.constant}' is not a valid ${column}: expected ${problem}`,
      });
    }
  } else {
    // each part of an unmapped first_of gives the column's value itself
    expression.first_of?.forEach((part, i) => {
      checkExpressionValues(mapping, part, type, column, [...at, 'first_of', i], ctx);
    });
  }
  // Parts of a concat, and of a first_of the outer map applies to, give text that is not yet the
  // column's value: only their map names can be checked.
  expression.concat?.forEach((part, i) => {
    checkMapNames(mapping, part, [...at, 'concat', i], ctx);
  });
  if (map) {
    expression.first_of?.forEach((part, i) => {
      checkMapNames(mapping, part, [...at, 'first_of', i], ctx);
    });
  }
}

function resolveMap(
  mapping: MappingFile,
  expression: Expression,
  at: PropertyKey[],
  ctx: z.RefinementCtx,
): ValueMap | undefined {
  const { map } = expression;
  if (typeof map !== 'string') {
    return map;
  }
  const found = mapping.maps[map];
  if (found === undefined) {
    const known = Object.keys(mapping.maps);
    ctx.addIssue({
      code: 'custom',
      path: [...at, 'map'],
      message: `no map named '${map}' under maps${known.length ? ` (known: ${known.join(', ')})` : ''}`,
    });
  }
  return found;
}

function checkMapNames(
  mapping: MappingFile,
  expression: Expression,
  at: PropertyKey[],
  ctx: z.RefinementCtx,
) {
  resolveMap(mapping, expression, at, ctx);
  expression.concat?.forEach((part, i) => {
    checkMapNames(mapping, part, [...at, 'concat', i], ctx);
  });
  expression.first_of?.forEach((part, i) => {
    checkMapNames(mapping, part, [...at, 'first_of', i], ctx);
  });
}

/** The whole mapping file. */
export const mappingFileSchema: z.ZodType<MappingFile> = z
  .strictObject(
    {
      mapping: z.literal(1, { error: 'expected mapping: 1 (the mapping-file format version)' }),
      name: text.optional(),
      description: z.string({ error: 'expected a text' }).optional(),
      source: z
        .strictObject({
          format: sourceShape.format.default('csv'),
          delimiter: sourceShape.delimiter.default(','),
          encoding: sourceShape.encoding.default('auto'),
          null_values: sourceShape.null_values.default([]),
        })
        .default({ format: 'csv', delimiter: ',', encoding: 'auto', null_values: [] }),
      timestamps: z
        .strictObject({
          formats: timestampShape.formats.default(['iso']),
          time_zone: timestampShape.time_zone.default('UTC'),
          date: timestampShape.date,
        })
        .default({ formats: ['iso'], time_zone: 'UTC' }),
      columns: z
        .record(
          z.string(),
          z.preprocess(
            (v) => (typeof v === 'string' ? [v] : v),
            z.array(text, { error: 'expected a header spelling or a list of them' }).min(1),
          ),
          { error: 'expected name: [spellings] lines' },
        )
        .default({}),
      maps: z.record(z.string(), valueMapSchema, { error: 'expected name: { values: … } lines' }).default({}),
      reject: rejectSchema.default([]),
      tables: tablesSchema.optional(),
      files: z.array(fileEntrySchema, { error: 'expected a list of file entries' }).min(1).optional(),
    },
    { error: 'expected a mapping file: a YAML map starting with mapping: 1' },
  )
  .superRefine((mapping, ctx) => {
    if ((mapping.tables === undefined) === (mapping.files === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: mapping.tables ? ['files'] : [],
        message: 'expected either tables (one kind of file) or files (several), not both nor neither',
      });
      return;
    }
    checkTimestamps(mapping.timestamps, ctx, ['timestamps']);
    mapping.files?.forEach((file, i) => {
      checkTimestamps(file.timestamps, ctx, ['files', i, 'timestamps']);
    });
    checkValues(mapping, ctx);
  });
