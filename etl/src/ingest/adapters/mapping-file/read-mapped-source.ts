import { closeSync, openSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ident, literal } from '../../canonical-sql.js';
import { recordMalformedRecords, stageCsv } from '../../csv/read-csv.js';
import { IngestFileError } from '../../ingest-file-error.js';
import { pendingRejects } from '../../pending-rejects.js';
import { readCsvHead, splitCsvLine } from '../../read-header.js';
import type { AdapterContext } from '../adapter.types.js';
import type { SourceOptions } from './mapping-file.schema.js';

/** What the source's head says: its CSV header, or null for JSON lines (fields are looked up by key). */
export interface SourceHead {
  header: string[] | null;
}

export interface ReadSource {
  /** Records DuckDB could not parse, already written to the pending rejects. */
  malformed: number;
  /** Set when the file was not UTF-8. */
  encoding?: string;
}

/** The VARCHAR expression `eqa_map_src` holds a header column under: s1, s2 … by position. */
export function csvColumnSql(index: number): string {
  return ident(`s${index + 1}`);
}

/** The VARCHAR expression for a JSON-lines field: a top-level key, or a JSON pointer (`/a/b`). */
export function jsonFieldSql(key: string): string {
  return `(eqa_json ->> ${literal(key)})`;
}

const usesDefaultDialect = (source: SourceOptions) => source.delimiter === ',' && source.encoding === 'auto';

const dialect = (source: SourceOptions) =>
  `delim = ${literal(source.delimiter)}, quote = '"', escape = '"', encoding = ${literal(
    source.encoding === 'auto' ? 'utf-8' : source.encoding,
  )}`;

/** Reads the header (CSV) without reading the whole file, so that a mapping naming a missing column fails first. */
export function readSourceHead(file: string, source: SourceOptions, mappingFile: string): SourceHead {
  if (source.format === 'ndjson') {
    return { header: null };
  }
  if (!usesDefaultDialect(source)) {
    return { header: readDelimitedHeader(file, source) };
  }
  try {
    return { header: readCsvHead(file).header };
  } catch (error) {
    const other = error instanceof IngestFileError ? /separated by (tabs|'(.)')/.exec(error.reason) : null;
    if (other) {
      const delimiter = other[2] ?? '\\t';
      throw new IngestFileError(
        file,
        `${error instanceof IngestFileError ? error.reason : ''}: say so in ${mappingFile} with source: { delimiter: "${delimiter}" }`,
        1,
      );
    }
    throw error;
  }
}

/**
 * The header of a CSV in another dialect, read from the file's head as the canonical reader does (not
 * sniffed: sniffing fails on a small file whose first rows are the malformed ones).
 */
function readDelimitedHeader(file: string, source: SourceOptions): string[] {
  let head: Buffer;
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    head = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
  if (file.endsWith('.gz') && head.length > 0) {
    head = gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH: a truncated head is expected */ });
  }
  const text = (
    source.encoding === 'utf-16'
      ? head.toString('utf16le')
      : head.toString(source.encoding === 'latin-1' ? 'latin1' : 'utf8')
  ).replace(/^\uFEFF/, '');
  const line = text.split(/\r?\n/)[0];
  if (line.trim() === '') {
    throw new IngestFileError(
      file,
      head.length === 0 ? 'the file is empty' : 'the first line is empty: expected a header row',
      1,
    );
  }
  return splitCsvLine(line, source.delimiter);
}

/**
 * Reads the source into the temporary table `eqa_map_src`: `ordinal` (source order), `line` (where the
 * record starts: header = 1, quoted line breaks and malformed records counted; for JSON lines, the
 * record's number) and the source's fields as VARCHAR (csvColumnSql / jsonFieldSql).
 */
export async function readMappedSource(
  ctx: AdapterContext,
  source: SourceOptions,
  head: SourceHead,
): Promise<ReadSource> {
  const { session, file, runId } = ctx;
  if (source.format === 'ndjson' || head.header === null) {
    try {
      await session.run(
        `CREATE OR REPLACE TEMP TABLE eqa_map_src AS
         SELECT row_number() OVER () AS ordinal, row_number() OVER () AS line, json AS eqa_json
         FROM read_ndjson_objects($file)`,
        { file },
      );
    } catch (error) {
      throw new IngestFileError(file, `DuckDB could not read it as JSON lines: ${firstLine(error)}`);
    }
    return { malformed: 0 };
  }
  const header = head.header;
  const select = header.map((h, i) => `src.${ident(h)} AS ${csvColumnSql(i)}`).join(', ');
  let read: ReadSource;
  if (usesDefaultDialect(source)) {
    // the canonical reader: UTF-8 with or without BOM, UTF-16 LE, Windows-1252, malformed records as rejects
    const staged = await stageCsv(session, { file, runId, table: 'eqa_map_csv', select });
    read = {
      malformed: staged.malformed,
      ...(staged.encoding === 'utf-8' ? {} : { encoding: staged.encoding }),
    };
  } else {
    read = { malformed: await readDelimited(ctx, source, header, select) };
  }
  // Every column's line breaks move the next record down, whether or not the mapping reads the column.
  const newlines = header
    .map(
      (_, i) => `coalesce(length(${csvColumnSql(i)}) - length(replace(${csvColumnSql(i)}, chr(10), '')), 0)`,
    )
    .join(' + ');
  await session.run(
    `CREATE OR REPLACE TEMP TABLE eqa_map_src AS
     SELECT ordinal,
            1 + ordinal + coalesce(sum(eqa_newlines) OVER (ORDER BY ordinal ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS line,
            * EXCLUDE (ordinal)
     FROM (SELECT *, ${newlines} AS eqa_newlines FROM eqa_map_csv)`,
  );
  // stageCsv leaves a view over its scan table; readDelimited a plain table
  await session.run(
    usesDefaultDialect(source)
      ? 'DROP VIEW eqa_map_csv; DROP TABLE eqa_map_csv_scan'
      : 'DROP TABLE eqa_map_csv',
  );
  if (read.malformed > 0) {
    await placeMalformed(ctx);
  }
  await session.run('DROP TABLE IF EXISTS eqa_csv_rejects; DROP TABLE IF EXISTS eqa_csv_scans');
  return read;
}

/**
 * Puts good and malformed records on their physical lines. DuckDB numbers a malformed record by
 * records (header = 1), not lines: a quoted line break before it shifts the count. A malformed
 * record precedes good record `o` when fewer than `o` good records come before it; each adds its
 * own line breaks. The rejects already written for this file get their physical lines too.
 */
async function placeMalformed({ session, file, runId }: AdapterContext): Promise<void> {
  await session.run(
    `CREATE OR REPLACE TEMP TABLE eqa_map_bad AS
     SELECT record, good_before, newlines,
            record + coalesce((SELECT sum(s.eqa_newlines) FROM eqa_map_src s WHERE s.ordinal <= b.good_before), 0)
                   + coalesce(sum(newlines) OVER (ORDER BY record ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
              AS physical
     FROM (SELECT line AS record, line - 1 - row_number() OVER (ORDER BY line) AS good_before,
                  coalesce(length(csv_line) - length(replace(csv_line, chr(10), '')), 0) AS newlines
           -- with CRLF line ends DuckDB's csv_line starts with the previous record's LF
           FROM (SELECT line, ltrim(any_value(csv_line), chr(13) || chr(10)) AS csv_line
                 FROM eqa_csv_rejects GROUP BY line)) b`,
  );
  await session.run(
    `UPDATE eqa_map_src SET line = line + (
       SELECT count(*) + coalesce(sum(b.newlines), 0) FROM eqa_map_bad b WHERE b.good_before < eqa_map_src.ordinal)`,
  );
  await session.run(
    `UPDATE ${pendingRejects} SET line = b.physical FROM eqa_map_bad b
     WHERE ${pendingRejects}.run_id = $runId AND ${pendingRejects}.file = $file AND ${pendingRejects}.line = b.record`,
    { runId, file },
  );
  await session.run('DROP TABLE eqa_map_bad');
}

/** A CSV in another dialect than the canonical one (delimiter, declared encoding), read as the canonical one is. */
async function readDelimited(
  { session, file, runId }: AdapterContext,
  source: SourceOptions,
  header: readonly string[],
  select: string,
): Promise<number> {
  const columns = header.map((name) => `${literal(name)}: 'VARCHAR'`).join(', ');
  await session.run('DROP TABLE IF EXISTS eqa_csv_rejects; DROP TABLE IF EXISTS eqa_csv_scans');
  try {
    await session.run(
      `CREATE OR REPLACE TEMP TABLE eqa_map_csv AS
       SELECT row_number() OVER () AS ordinal, ${select}
       FROM read_csv($file, auto_detect = false, header = true, ${dialect(source)}, columns = {${columns}},
                     store_rejects = true, rejects_table = 'eqa_csv_rejects', rejects_scan = 'eqa_csv_scans',
                     max_line_size = 20000000) AS src`,
      { file },
    );
  } catch (error) {
    throw new IngestFileError(file, `DuckDB could not read it as CSV: ${firstLine(error)}`);
  }
  return recordMalformedRecords(session, file, runId);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
