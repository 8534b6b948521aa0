import { IngestFileError } from '../ingest-file-error.js';
import { readCsvHeader } from '../read-header.js';
import type { FileHead, IngestAdapter } from './adapter.types.js';
import { canonicalCsvAdapter } from './canonical/canonical-csv.adapter.js';

/** Every built-in format, most specific first: `--format auto` takes the first whose detect() matches. */
export const adapters: readonly IngestAdapter[] = [canonicalCsvAdapter];

/** The names `--format` accepts. */
export function formatNames(): string[] {
  return ['auto', ...adapters.map((a) => a.name)];
}

/** Reads what detection needs from a file's head. */
export function readFileHead(file: string): FileHead {
  return { file, header: /\.csv(\.gz)?$/i.test(file) ? readCsvHeader(file) : null };
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
