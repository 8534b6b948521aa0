import type { LoadedFile } from '../../../../server/src/contracts/data.contract.js';
import { formatCount } from '../../lib/format/format-count.js';
import { formatDate } from '../../lib/format/format-date.js';
import type { FileSelection } from './file-selection.codec.js';

/** Rejected rows fetched per page (the API allows up to 1000). */
export const PAGE_SIZE = 100;

/** The chart draws at most this many files, those with the most rejects; the rest are counted in a note. */
export const MAX_BARS = 15;

/** One ingest run: the files it loaded and their totals. */
export interface IngestRun {
  runId: string;
  /** When the run's first file was loaded (ISO timestamp, UTC): the nearest record of its start. */
  startedAt: string;
  files: LoadedFile[];
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
}

/** A bar of the "rows rejected per file" chart. */
export interface RejectBar {
  file: LoadedFile;
  label: string;
}

/** The last segment of a path, whichever separator it uses: '/data/x/tickets.csv' → 'tickets.csv'. */
export function fileName(path: string): string {
  return pathSegments(path).at(-1) ?? path;
}

/**
 * A short, unique name per path: the file name, with as many parent folders as it takes to tell it
 * apart from another path with the same file name ('a/tickets.csv', 'b/tickets.csv').
 */
export function shortNames(paths: readonly string[]): Map<string, string> {
  const unique = [...new Set(paths)];
  const segments = new Map(unique.map((path) => [path, pathSegments(path)]));
  const depth = new Map(unique.map((path) => [path, 1]));
  const nameOf = (path: string) => (segments.get(path) ?? [path]).slice(-(depth.get(path) ?? 1)).join('/');
  for (;;) {
    const count = new Map<string, number>();
    for (const path of unique) {
      count.set(nameOf(path), (count.get(nameOf(path)) ?? 0) + 1);
    }
    // Only paths that still clash and still have a parent folder to show grow longer.
    const clashing = unique.filter(
      (path) =>
        (count.get(nameOf(path)) ?? 0) > 1 && (depth.get(path) ?? 1) < (segments.get(path)?.length ?? 1),
    );
    if (clashing.length === 0) {
      return new Map(unique.map((path) => [path, nameOf(path) || path]));
    }
    for (const path of clashing) {
      depth.set(path, (depth.get(path) ?? 1) + 1);
    }
  }
}

/**
 * The loaded files grouped by ingest run, the latest start first; within a run, files by path. Load
 * times are whole seconds, so runs started in the same second keep the API's order.
 */
export function groupRuns(files: readonly LoadedFile[]): IngestRun[] {
  const runs = new Map<string, IngestRun>();
  for (const file of files) {
    let run = runs.get(file.run_id);
    if (!run) {
      run = {
        runId: file.run_id,
        startedAt: file.loaded_at,
        files: [],
        rowsRead: 0,
        rowsLoaded: 0,
        rowsRejected: 0,
      };
      runs.set(file.run_id, run);
    }
    run.files.push(file);
    if (file.loaded_at < run.startedAt) {
      run.startedAt = file.loaded_at;
    }
    run.rowsRead += file.rows_read;
    run.rowsLoaded += file.rows_loaded;
    run.rowsRejected += file.rows_rejected;
  }
  for (const run of runs.values()) {
    run.files.sort((a, b) => compareText(a.file, b.file));
  }
  return [...runs.values()].sort((a, b) => compareText(b.startedAt, a.startedAt));
}

/** The files that had rows rejected, most rejects first (ties by name), labelled with their short names. */
export function rejectBars(files: readonly LoadedFile[], names: ReadonlyMap<string, string>): RejectBar[] {
  return files
    .filter((file) => file.rows_rejected > 0)
    .map((file) => ({ file, label: names.get(file.file) ?? fileName(file.file) }))
    .sort((a, b) => b.file.rows_rejected - a.file.rows_rejected || compareText(a.label, b.label));
}

/** True when a loaded file is the one selected (in any run, when the selection names none). */
export function isSelected(file: LoadedFile, selection: FileSelection): boolean {
  return file.file === selection.file && (selection.run === null || selection.run === file.run_id);
}

/**
 * The selection that picks one loaded file: its path alone, plus its run only when another run loaded
 * the same path, so the URL stays `?file=…` in the usual case.
 */
export function selectionOf(file: LoadedFile, files: readonly LoadedFile[]): FileSelection {
  const ambiguous = files.some((other) => other.file === file.file && other.run_id !== file.run_id);
  return { file: file.file, run: ambiguous ? file.run_id : null };
}

/** An API timestamp for reading: '2026-11-24T09:09:51Z' → "24 Nov 2026, 09:09:51 UTC". */
export function formatLoadedAt(timestamp: string): string {
  const time = timestamp.slice(11, 19);
  return time.length === 8 ? `${formatDate(timestamp.slice(0, 10))}, ${time} UTC` : timestamp;
}

/** Which rows a page shows: "Rows 1–100 of 2,345", "Row 7 of 7", or "No rows" when there are none. */
export function pageSpan(offset: number, shown: number, total: number): string {
  if (shown === 0 || total === 0) {
    return total === 0 ? 'No rows' : `No rows here (${formatCount(total)} in all)`;
  }
  if (shown === 1) {
    return `Row ${formatCount(offset + 1)} of ${formatCount(total)}`;
  }
  return `Rows ${formatCount(offset + 1)}–${formatCount(offset + shown)} of ${formatCount(total)}`;
}

// Code-unit order, not the locale's: ISO timestamps and paths sort the same everywhere.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pathSegments(path: string): string[] {
  return path.split(/[\\/]+/).filter((segment) => segment !== '');
}

/** A file's kinds for reading: 'tickets+events' → "tickets, events". */
export function kindLabel(kind: string): string {
  return kind.split('+').join(', ');
}
