import { closeSync, openSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { IngestFileError } from './ingest-file-error.js';

const headBytes = 64 * 1024;

/** The text encodings a CSV export arrives in, as far as the file's first bytes tell. */
export type CsvEncoding = 'utf-8' | 'utf-16';

export interface CsvHead {
  header: string[];
  encoding: CsvEncoding;
}

/**
 * Reads a CSV file's header row (gzip accepted) without reading the whole file: the loader needs the
 * column names before it asks DuckDB to scan, to choose the format and to name missing columns. A
 * UTF-16 byte-order mark sets the encoding; a header with one column that holds semicolons, tabs or
 * pipes is a file in another dialect, reported as such.
 */
export function readCsvHead(file: string): CsvHead {
  let head = readHead(file);
  if (head.length === 0) {
    throw new IngestFileError(file, 'the file is empty');
  }
  if (file.endsWith('.gz')) {
    head = gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH: a truncated head is expected */ });
  }
  let encoding: CsvEncoding = 'utf-8';
  let text: string;
  if (head[0] === 0xff && head[1] === 0xfe) {
    encoding = 'utf-16';
    text = head.subarray(2).toString('utf16le');
  } else if (head[0] === 0xfe && head[1] === 0xff) {
    throw new IngestFileError(
      file,
      'UTF-16 big-endian text is not supported: save it as UTF-8 or UTF-16 LE',
      1,
    );
  } else {
    text = head.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) {
      text = text.slice(1);
    }
  }
  const end = text.search(/\r?\n/);
  const line = end === -1 ? text : text.slice(0, end);
  if (line.trim() === '') {
    throw new IngestFileError(file, 'the first line is empty: expected a header row', 1);
  }
  const header = splitCsvLine(line);
  if (header.length === 1) {
    const other = [';', '\t', '|'].find((d) => line.includes(d));
    if (other) {
      const name = other === '\t' ? 'tabs' : `'${other}'`;
      throw new IngestFileError(
        file,
        `expected comma-separated values, but the header is separated by ${name}`,
        1,
      );
    }
  }
  return { header, encoding };
}

/** The header's column names; see readCsvHead. */
export function readCsvHeader(file: string): string[] {
  return readCsvHead(file).header;
}

function readHead(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(headBytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, headBytes, 0));
  } finally {
    closeSync(fd);
  }
}

/** Splits one CSV line into trimmed fields (RFC 4180 quoting, doubled quotes inside quotes). */
export function splitCsvLine(line: string, delimiter = ','): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === delimiter) {
      fields.push(field.trim());
      field = '';
    } else {
      field += ch;
    }
  }
  fields.push(field.trim());
  return fields;
}
