import type { RedactionCounts } from './redact/redact-staged.js';

/** What one file's load did. rows_read = rows_loaded + rows_rejected, always. */
export interface FileSummary {
  file: string;
  /** The adapter that read the file (canonical-csv, zendesk, …). */
  format: string;
  /** The canonical tables it fed. Rows are counted as canonical rows staged from the file. */
  kinds: string[];
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  /** Set when the file was not loaded: same content already loaded, or a file-level error. */
  skipped?: string;
  error?: string;
  ignored_columns?: string[];
  /** Personal data replaced in notes and transcripts (absent with --keep-pii or no free text). */
  redacted?: RedactionCounts;
  /** Set when the file was not UTF-8 (utf-16, windows-1252); it was read and stored as UTF-8. */
  encoding?: string;
  seconds: number;
}

export interface IngestSummary {
  run_id: string;
  files: FileSummary[];
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  escalation_steps: number;
  seconds: number;
  ok: boolean;
}

/** Totals a run's per-file summaries. */
export function summarise(
  runId: string,
  files: FileSummary[],
  escalationSteps: number,
  seconds: number,
): IngestSummary {
  const sum = (pick: (f: FileSummary) => number) => files.reduce((total, f) => total + pick(f), 0);
  return {
    run_id: runId,
    files,
    rows_read: sum((f) => f.rows_read),
    rows_loaded: sum((f) => f.rows_loaded),
    rows_rejected: sum((f) => f.rows_rejected),
    escalation_steps: escalationSteps,
    seconds,
    ok: files.every((f) => !f.error),
  };
}
