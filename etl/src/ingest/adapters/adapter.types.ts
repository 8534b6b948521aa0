import type { CanonicalKind } from '../../canonical/canonical-files.js';
import type { StoreSession } from '../../store/duckdb-store.js';

/** What an adapter may look at to recognise a file without reading it whole. */
export interface FileHead {
  file: string;
  /** The CSV header's column names (BOM removed), or null when the file is not CSV-like. */
  header: string[] | null;
  /** The first record of a JSON-lines file (its first non-blank line, parsed), or null when there is none. */
  firstRecord?: Record<string, unknown> | null;
}

/**
 * One canonical table an adapter staged: a temporary table `table` with an `ordinal` column (unique,
 * in source order) and every column of the kind as VARCHAR. `lines` says how a reject's line is found:
 * 'csv' = from the ordinal and the line breaks inside earlier records of a CSV file (DuckDB's
 * `eqa_csv_rejects` table, when present, adds the malformed lines); 'column' = the table has a `line`
 * column of its own.
 */
export interface StagedKind {
  kind: CanonicalKind;
  table: string;
  lines: 'csv' | 'column';
  /** The table that holds the rows when `table` is a view over it (redaction updates it in place). */
  baseTable?: string;
  /**
   * Set when the adapter staged rows already checked (canonical-sql.ts `checkedRelation`): typed
   * columns plus `problem` and `problem_value`, so that loading does not type them a second time.
   */
  checked?: boolean;
}

export interface StageResult {
  staged: StagedKind[];
  /**
   * Source rows the adapter itself rejected (malformed, unmappable), written to `pendingRejects`
   * (pending-rejects.ts), which the file's transaction copies into `rejects`.
   */
  rejected: number;
  /** Header columns the adapter did not use, reported so that a user sees what was left out. */
  ignoredColumns?: string[];
  /** The text encoding the file was read in, when not UTF-8. */
  encoding?: string;
}

export interface AdapterContext {
  session: StoreSession;
  file: string;
  runId: string;
}

/**
 * An export format. `detect` recognises a file by its head; `stage` reads it with DuckDB into staged
 * canonical tables, which the pipeline then checks and loads the same way for every format.
 */
export interface IngestAdapter {
  name: string;
  description: string;
  detect(head: FileHead): boolean;
  stage(ctx: AdapterContext): Promise<StageResult>;
}
