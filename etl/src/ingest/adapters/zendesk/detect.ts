import { closeSync, openSync, readSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';
import type { FileHead } from '../adapter.types.js';

/** Which Zendesk export a file is: its records' kind, and whether one per line or in an API page. */
export interface ZendeskShape {
  kind: 'tickets' | 'audits';
  /** 'ndjson': one object per line (the full JSON export); 'page': the API's `{"tickets": […]}`. */
  layout: 'ndjson' | 'page';
}

const jsonName = /\.(json|ndjson|jsonl)(\.gz)?$/i;
// An API page opens with its records' array, possibly after scalar keys ("count": 3, …).
const pageStart = /^\s*\{[^{}[\]]*?"(tickets|audits)"\s*:\s*\[/;
const headBytes = 1024 * 1024;

/**
 * Recognises a Zendesk tickets or ticket audits export by its first record (a ticket has `via` and
 * `requester_id`; an audit has `ticket_id`, `author_id` and an `events` array); null for anything else.
 */
export function zendeskShape(head: FileHead): ZendeskShape | null {
  const record = head.firstRecord;
  if (record) {
    const page = pageOf(record);
    if (page) {
      return page;
    }
    const kind = recordKind(record);
    return kind ? { kind, layout: 'ndjson' } : null;
  }
  // No parsable first line: a pretty-printed or large API page, recognised from the text of its head.
  return jsonName.test(head.file) ? sniffZendeskFile(head.file) : null;
}

/** Recognises a Zendesk export from the text of the file's head, whatever the file is called. */
export function sniffZendeskFile(file: string): ZendeskShape | null {
  const text = readHeadText(file);
  if (text === null) {
    return null;
  }
  const start = pageStart.exec(text);
  if (start) {
    const kind = start[1] as ZendeskShape['kind'];
    const rest = text.slice(start[0].length);
    return textHasKeys(rest, signatures[kind]) ? { kind, layout: 'page' } : null;
  }
  const firstLine = text.split('\n').find((line) => line.trim() !== '');
  if (firstLine === undefined) {
    return null;
  }
  try {
    const parsed: unknown = JSON.parse(firstLine);
    const kind = isObject(parsed) ? recordKind(parsed) : null;
    return kind ? { kind, layout: 'ndjson' } : null;
  } catch {
    return null;
  }
}

const signatures: Record<ZendeskShape['kind'], readonly string[]> = {
  tickets: ['id', 'created_at', 'via', 'requester_id'],
  audits: ['ticket_id', 'created_at', 'author_id', 'events'],
};

function recordKind(record: Record<string, unknown>): ZendeskShape['kind'] | null {
  if (signatures.audits.every((key) => key in record) && Array.isArray(record.events)) {
    return 'audits';
  }
  if (signatures.tickets.every((key) => key in record) && isObject(record.via)) {
    return 'tickets';
  }
  return null;
}

function pageOf(record: Record<string, unknown>): ZendeskShape | null {
  for (const kind of ['tickets', 'audits'] as const) {
    const records = record[kind];
    if (Array.isArray(records) && records.length > 0 && isObject(records[0])) {
      return recordKind(records[0]) === kind ? { kind, layout: 'page' } : null;
    }
  }
  return null;
}

function textHasKeys(text: string, keys: readonly string[]): boolean {
  return keys.every((key) => new RegExp(`"${key}"\\s*:`).test(text));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function readHeadText(file: string): string | null {
  let head: Buffer;
  try {
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(headBytes);
      head = buffer.subarray(0, readSync(fd, buffer, 0, headBytes, 0));
    } finally {
      closeSync(fd);
    }
    if (file.toLowerCase().endsWith('.gz')) {
      // A truncated gzip head is expected: flush what decompresses.
      head = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
    }
  } catch {
    return null;
  }
  return head.toString('utf8').replace(/^\uFEFF/, '');
}
