import { closeSync, openSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { IngestFileError } from './ingest-file-error.js';

const headBytes = 64 * 1024;

/**
 * Reads a CSV file's header row (gzip accepted) without reading the file: the loader needs the column
 * names before it asks DuckDB to scan, to choose the format and to name missing columns.
 */
export function readCsvHeader(file: string): string[] {
  const fd = openSync(file, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(headBytes);
    head = buffer.subarray(0, readSync(fd, buffer, 0, headBytes, 0));
  } finally {
    closeSync(fd);
  }
  if (head.length === 0) {
    throw new IngestFileError(file, 'the file is empty');
  }
  if (file.endsWith('.gz')) {
    head = gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH: a truncated head is expected */ });
  }
  let text = head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
  }
  const end = text.search(/\r?\n/);
  const line = end === -1 ? text : text.slice(0, end);
  if (line.trim() === '') {
    throw new IngestFileError(file, 'the first line is empty: expected a header row', 1);
  }
  return splitCsvLine(line);
}

function splitCsvLine(line: string): string[] {
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
    } else if (ch === ',') {
      fields.push(field.trim());
      field = '';
    } else {
      field += ch;
    }
  }
  fields.push(field.trim());
  return fields;
}
