import { closeSync, openSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { IngestFileError } from '../ingest-file-error.js';
import { readCsvHeader } from '../read-header.js';
import type { FileHead, IngestAdapter } from './adapter.types.js';
import { amazonConnectAdapter } from './amazon-connect/amazon-connect.adapter.js';
import { callLogCsvAdapter } from './call-log-csv/call-log-csv.adapter.js';
import { canonicalCsvAdapter } from './canonical/canonical-csv.adapter.js';
import { canonicalNdjsonAdapter } from './canonical/canonical-ndjson.adapter.js';
import { canonicalParquetAdapter } from './canonical/canonical-parquet.adapter.js';
import { freshdeskAdapter } from './freshdesk/freshdesk.adapter.js';
import { salesforceAdapter } from './salesforce/salesforce.adapter.js';
import { serviceNowAdapter } from './servicenow/servicenow.adapter.js';
import { zendeskAdapter } from './zendesk/zendesk.adapter.js';

/** Every built-in format, most specific first: `--format auto` takes the first whose detect() matches. */
export const adapters: readonly IngestAdapter[] = [
  canonicalCsvAdapter,
  canonicalNdjsonAdapter,
  canonicalParquetAdapter,
  serviceNowAdapter,
  zendeskAdapter,
  salesforceAdapter,
  freshdeskAdapter,
  amazonConnectAdapter,
  callLogCsvAdapter,
];

/** The names `--format` accepts. */
export function formatNames(): string[] {
  return ['auto', ...adapters.map((a) => a.name)];
}

/** Reads what detection needs from a file's head. */
export function readFileHead(file: string): FileHead {
  if (/\.csv(\.gz)?$/i.test(file)) {
    return { file, header: readCsvHeader(file) };
  }
  return { file, header: null, firstRecord: readFirstJsonRecord(file) };
}

// JSON-lines exports often have no telling extension (Kinesis Firehose names S3 objects without one), so
// the first line of any non-CSV file is tried as a JSON object.
function readFirstJsonRecord(file: string): Record<string, unknown> | null {
  const fd = openSync(file, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(256 * 1024);
    head = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
  try {
    if (file.endsWith('.gz')) {
      head = gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH: a truncated head is expected */ });
    }
    const line = head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\n')
      .find((l) => l.trim() !== '');
    const record: unknown = line === undefined ? null : JSON.parse(line);
    return record !== null && typeof record === 'object' && !Array.isArray(record)
      ? (record as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The adapter for a file: the one named, or the first that recognises it; fails naming the file. */
export function chooseAdapter(file: string, format = 'auto'): IngestAdapter {
  if (format !== 'auto') {
    const named = adapters.find((a) => a.name === format);
    if (!named) {
      throw new IngestFileError(
        file,
        `unknown format ${format}: expected one of ${formatNames().join(', ')}`,
      );
    }
    return named;
  }
  const head = readFileHead(file);
  const found = adapters.find((a) => a.detect(head));
  if (found) {
    return found;
  }
  // A CSV close to the canonical format gets the canonical adapter, which names what is missing.
  if (head.header) {
    return canonicalCsvAdapter;
  }
  throw new IngestFileError(
    file,
    `no built-in format recognises it (known: ${adapters.map((a) => a.name).join(', ')})`,
  );
}
