import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StoreSession } from '../../store/duckdb-store.js';
import { literal } from '../canonical-sql.js';
import { IngestFileError } from '../ingest-file-error.js';
import { pendingRejects } from '../pending-rejects.js';
import { readCsvHead } from '../read-header.js';

// RFC 4180 and the header's own column names, stated rather than sniffed: sniffing fails on a file
// whose first or last rows are the bad ones (a truncated export). Malformed records go to DuckDB's
// rejects tables with their line; 20 MB bounds one record.
function dialect(header: readonly string[]): string {
  const columns = header.map((name) => `${literal(name)}: 'VARCHAR'`).join(', ');
  return `auto_detect = false, header = true, delim = ',', quote = '"', escape = '"', columns = {${columns}},
    store_rejects = true, rejects_table = 'eqa_csv_rejects', rejects_scan = 'eqa_csv_scans', max_line_size = 20000000`;
}

export interface StagedCsv {
  /** Records DuckDB could not parse, already written to the pending rejects (one per line). */
  malformed: number;
  /** The encoding the file was read in; Windows-1252 files are converted to UTF-8 first. */
  encoding: 'utf-8' | 'utf-16' | 'windows-1252';
}

/**
 * Reads a CSV file with DuckDB into the temporary relation `table` (`ordinal` plus whatever `select`
 * picks from the scan, aliased `src`), recording malformed records as rejects. UTF-8 (with or without
 * BOM), UTF-16 LE and Windows-1252 are read; CRLF and quoted line breaks are plain CSV.
 */
export async function stageCsv(
  session: StoreSession,
  {
    file,
    runId,
    table,
    select,
    project,
  }: {
    file: string;
    runId: string;
    table: string;
    select: string;
    /** Turns the scan (a parenthesised relation) into what is stored, e.g. rows checked as they are read. */
    project?: (scan: string) => string;
  },
): Promise<StagedCsv> {
  const { encoding, header } = readCsvHead(file);
  await session.run('DROP TABLE IF EXISTS eqa_csv_rejects; DROP TABLE IF EXISTS eqa_csv_scans');
  // The scan keeps the file's order (DuckDB preserves insertion order), so a row's rowid is its record
  // number: `ordinal` comes from it through a view, without a window over the whole file.
  const stage = async (path: string, duckEncoding: string) => {
    const scanned = `(SELECT ${select} FROM read_csv($path, ${dialect(header)}, encoding = '${duckEncoding}') AS src)`;
    await session.run(
      `CREATE OR REPLACE TEMP TABLE ${table}_scan AS SELECT * FROM ${project ? project(scanned) : scanned}`,
      { path },
    );
    // Rows written inside a transaction get rowids from a high base: count from the first one.
    const [{ base }] = await session.all<{ base: bigint | null }>(
      `SELECT min(rowid) AS base FROM ${table}_scan`,
    );
    await session.run(
      `CREATE OR REPLACE TEMP VIEW ${table} AS SELECT (rowid - ${base ?? 0n} + 1) AS ordinal, * FROM ${table}_scan`,
    );
  };
  let used: StagedCsv['encoding'] = encoding;
  try {
    await stage(file, encoding);
    if (encoding === 'utf-8' && (await hasInvalidUtf8(session))) {
      // Not UTF-8: the usual other export encoding is Windows-1252 (Excel on Windows). Every byte
      // decodes in it, so convert a copy and read that; line numbers stay the same.
      used = 'windows-1252';
      await session.run('DROP TABLE eqa_csv_rejects; DROP TABLE eqa_csv_scans');
      await withConvertedCopy(file, (copy) => stage(copy, 'utf-8'));
    }
  } catch (error) {
    throw new IngestFileError(file, `DuckDB could not read it as CSV: ${messageOf(error).split('\n')[0]}`);
  }
  return { malformed: await recordMalformedRecords(session, file, runId), encoding: used };
}

/**
 * Copies the records DuckDB's CSV reader rejected (table `eqa_csv_rejects` of the last scan made with
 * store_rejects) into `rejects`, one per line with its first error; returns how many lines.
 */
export async function recordMalformedRecords(
  session: StoreSession,
  file: string,
  runId: string,
): Promise<number> {
  await session.run(
    `INSERT INTO ${pendingRejects} (run_id, file, line, field, value, reason)
     SELECT $runId, $file, line, arg_min(column_name, column_idx), any_value(left(csv_line, 1000)),
            arg_min(error_type || ': ' || error_message, column_idx)
     FROM eqa_csv_rejects GROUP BY line`,
    { runId, file },
  );
  const [{ n }] = await session.all<{ n: number }>(
    'SELECT count(DISTINCT line)::INTEGER AS n FROM eqa_csv_rejects',
  );
  return n;
}

async function hasInvalidUtf8(session: StoreSession): Promise<boolean> {
  const [{ invalid }] = await session.all<{ invalid: boolean }>(
    "SELECT count(*) > 0 AS invalid FROM eqa_csv_rejects WHERE error_type = 'INVALID ENCODING'",
  );
  return invalid;
}

async function withConvertedCopy(file: string, read: (copy: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'eqa-cp1252-'));
  const copy = join(dir, 'utf8.csv');
  try {
    await pipeline(
      createReadStream(file),
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          // Windows-1252 is one byte per character, so chunk boundaries never split a character.
          done(null, Buffer.from(decodeWindows1252(chunk), 'utf8'));
        },
      }),
      createWriteStream(copy),
    );
    await read(copy);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Windows-1252's 0x80–0x9F, where it differs from Latin-1 (Node's TextDecoder decodes these as
// Latin-1 control characters); undefined bytes there stay as their Latin-1 code points.
const windows1252High = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

const utf16 = new TextDecoder('utf-16le');

function decodeWindows1252(bytes: Buffer): string {
  const codes = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    codes[i] = b >= 0x80 && b <= 0x9f ? windows1252High[b - 0x80] : b;
  }
  return utf16.decode(codes);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
