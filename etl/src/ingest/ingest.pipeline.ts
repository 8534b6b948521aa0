import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CanonicalKind } from '../canonical/canonical-files.js';
import { rebuildDerived } from '../chains/rebuild-derived.js';
import type { DuckDbStore, StoreSession } from '../store/duckdb-store.js';
import type { IngestAdapter } from './adapters/adapter.types.js';
import { loadMappingFile } from './adapters/mapping-file/load-mapping-file.js';
import { mappingFileAdapter } from './adapters/mapping-file/mapping.adapter.js';
import { chooseAdapter } from './adapters/registry.js';
import { IngestFileError } from './ingest-file-error.js';
import { type FileSummary, type IngestSummary, summarise } from './ingest-summary.js';
import { loadStaged } from './load-staged.js';
import { commitPendingRejects, openPendingRejects } from './pending-rejects.js';
import { type RedactionCounts, redactStaged } from './redact/redact-staged.js';

export interface IngestOptions {
  /** A built-in format name, or 'auto' (the default) to recognise each file by its header or shape. */
  format?: string;
  /** A mapping file (YAML) that says how to read every file of the run; when given, `format` is not used. */
  mapping?: string;
  /** Keep personal data in notes and transcripts; by default it is redacted at ingest. */
  keepPii?: boolean;
}

// The free-text columns where agents and customers write personal data.
const freeTextColumns: Partial<Record<CanonicalKind, readonly string[]>> = {
  events: ['note', 'value'],
  calls: ['transcript'],
};

/** Side effects the pipeline reports through, injected so that the CLI, the server and tests choose. */
export interface IngestEffects {
  onFileStart?(file: string, index: number, total: number): void;
  onFileDone?(summary: FileSummary): void;
  /** DuckDB's progress through the current file's statements, 0–100, a few times a second. */
  onFileProgress?(file: string, percentage: number): void;
}

const progressIntervalMs = 250;

const ingestible = /\.((csv|json|ndjson|jsonl)(\.gz)?|parquet)$/i;

/** Lists the files a run will read: each given file, and the CSV files directly inside each folder. */
export function expandPaths(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths.map((p) => resolve(p))) {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      throw new IngestFileError(path, 'no such file or folder');
    }
    if (stat.isDirectory()) {
      const inside = readdirSync(path)
        .filter((name) => ingestible.test(name))
        .sort()
        .map((name) => join(path, name));
      if (inside.length === 0) {
        throw new IngestFileError(
          path,
          'the folder holds no .csv, .json, .ndjson, .jsonl (gzip accepted) or .parquet file',
        );
      }
      files.push(...inside);
    } else {
      files.push(path);
    }
  }
  return files;
}

/**
 * Loads files into the store, each in its own transaction (a killed run leaves every file either fully
 * loaded or untouched), skips files whose exact content was loaded before, then rebuilds the escalation
 * chains and the Overview's aggregates.
 */
export async function ingestPaths(
  store: DuckDbStore,
  paths: readonly string[],
  effects: IngestEffects = {},
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const started = performance.now();
  const runId = randomUUID();
  const files = expandPaths(paths);
  const named = new Set(paths.map((p) => resolve(p)));
  // A mistake in the mapping file stops the run before any file is touched (MappingFileError).
  const mapped = options.mapping ? mappingFileAdapter(loadMappingFile(options.mapping)) : undefined;
  const summaries: FileSummary[] = [];
  for (const [index, file] of files.entries()) {
    effects.onFileStart?.(file, index, files.length);
    const summary = await ingestFile(store, file, runId, mapped ?? options.format ?? 'auto', {
      effects,
      redact: !options.keepPii,
      explicit: named.has(file),
    });
    summaries.push(summary);
    effects.onFileDone?.(summary);
  }
  // A killed run may have loaded files without rebuilding: rebuild whenever anything is on record.
  const steps = await rebuildDerived(store);
  return summarise(runId, summaries, steps, (performance.now() - started) / 1000);
}

async function ingestFile(
  store: DuckDbStore,
  file: string,
  runId: string,
  format: string | IngestAdapter,
  { effects, redact, explicit }: { effects: IngestEffects; redact: boolean; explicit: boolean },
): Promise<FileSummary> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const empty = {
    file,
    format: typeof format === 'string' ? format : format.name,
    kinds: [],
    rows_read: 0,
    rows_loaded: 0,
    rows_rejected: 0,
  };
  try {
    let adapter: IngestAdapter;
    try {
      adapter = typeof format === 'string' ? chooseAdapter(file, format) : format;
    } catch (error) {
      // A file met inside a folder that no format knows (a README.json, the generator's truth.json)
      // is passed over and said so; a file named on its own must be readable.
      if (!explicit && error instanceof IngestFileError) {
        return { ...empty, skipped: 'no built-in format recognises it', seconds: seconds() };
      }
      throw error;
    }
    // Hashing reads the whole file in JS; it runs while DuckDB scans the same file on its own threads.
    const hashing = hashFile(file);
    hashing.catch(() => {});
    return await store.withSession(async (session) => {
      const onProgress = effects.onFileProgress;
      const poll = onProgress
        ? setInterval(() => {
            const { percentage } = session.connection.progress;
            if (percentage >= 0) {
              onProgress(file, percentage);
            }
          }, progressIntervalMs)
        : undefined;
      try {
        return await loadFile(session, adapter, { file, runId, hashing, started, redact });
      } finally {
        clearInterval(poll);
      }
    });
  } catch (error) {
    if (error instanceof IngestFileError) {
      return { ...empty, error: error.message, seconds: seconds() };
    }
    throw error;
  }
}

interface FileToLoad {
  file: string;
  runId: string;
  hashing: Promise<string>;
  started: number;
  redact: boolean;
}

/** Stages, checks and loads one file inside the caller's transaction, and records it as loaded. */
async function loadFile(
  session: StoreSession,
  adapter: IngestAdapter,
  input: FileToLoad,
): Promise<FileSummary> {
  const { file, runId, started } = input;
  const skipped = (previous: { file: string; loaded_at: Date }): FileSummary => ({
    file,
    format: adapter.name,
    kinds: [],
    rows_read: 0,
    rows_loaded: 0,
    rows_rejected: 0,
    skipped: `same content as ${previous.file}, loaded ${previous.loaded_at.toISOString()}`,
    seconds: (performance.now() - started) / 1000,
  });
  // A path loaded before is most likely the same export again: settle that before staging it.
  if (await loadedBefore(session, file)) {
    const previous = await sameContent(session, await input.hashing);
    if (previous) {
      return skipped(previous);
    }
  }
  // Staging writes only temporary tables and pending rejects, so it runs before the transaction:
  // DuckDB then moves the staged rows into the store about twice as fast as from inside it.
  await openPendingRejects(session);
  const stage = await adapter.stage({ session, file, runId });
  const sha256 = await input.hashing;
  const previous = await sameContent(session, sha256);
  if (previous) {
    return skipped(previous);
  }
  const summary: FileSummary = {
    file,
    format: adapter.name,
    kinds: stage.staged.map((s) => s.kind),
    rows_read: stage.rejected,
    rows_loaded: 0,
    rows_rejected: stage.rejected,
    seconds: 0,
  };
  for (const staged of stage.staged) {
    const columns = freeTextColumns[staged.kind];
    if (input.redact && columns) {
      const counts = await redactStaged(session, staged.baseTable ?? staged.table, columns);
      summary.redacted = addCounts(summary.redacted, counts);
    }
  }
  // The file's one transaction: its rejects, its rows and its record, all or nothing.
  await session.run('BEGIN TRANSACTION');
  try {
    await commitPendingRejects(session);
    for (const staged of stage.staged) {
      const counts = await loadStaged(session, staged, file, runId);
      summary.rows_read += counts.read;
      summary.rows_loaded += counts.loaded;
      summary.rows_rejected += counts.rejected;
    }
    await recordLoadedFile(session, summary, { sha256, runId });
    await session.run('COMMIT');
  } catch (error) {
    await session.run('ROLLBACK');
    throw error;
  }
  if (stage.encoding) {
    summary.encoding = stage.encoding;
  }
  if (stage.ignoredColumns?.length) {
    summary.ignored_columns = stage.ignoredColumns;
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

async function loadedBefore(session: StoreSession, file: string): Promise<boolean> {
  const [{ seen }] = await session.all<{ seen: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM loaded_files WHERE file = $file) AS seen',
    { file },
  );
  return seen;
}

/** The earlier load of the same bytes, if any. */
async function sameContent(session: StoreSession, sha256: string) {
  const [previous] = await session.all<{ file: string; loaded_at: Date }>(
    'SELECT file, loaded_at FROM loaded_files WHERE sha256 = $sha256',
    { sha256 },
  );
  return previous;
}

async function recordLoadedFile(
  session: StoreSession,
  summary: FileSummary,
  { sha256, runId }: { sha256: string; runId: string },
): Promise<void> {
  await session.run(
    `INSERT INTO loaded_files (sha256, file, kind, rows_read, rows_loaded, rows_rejected, run_id)
     VALUES ($sha256, $file, $kind, $read, $loaded, $rejected, $runId)`,
    {
      sha256,
      file: summary.file,
      kind: summary.kinds.join('+'),
      read: summary.rows_read,
      loaded: summary.rows_loaded,
      rejected: summary.rows_rejected,
      runId,
    },
  );
}

function addCounts(total: RedactionCounts | undefined, more: RedactionCounts): RedactionCounts {
  return total
    ? {
        email: total.email + more.email,
        phone: total.phone + more.phone,
        card: total.card + more.card,
        national_id: total.national_id + more.national_id,
      }
    : more;
}

function hashFile(file: string): Promise<string> {
  return new Promise((resolveHash, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('error', (error) => reject(new IngestFileError(file, `cannot be read: ${error.message}`)))
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolveHash(hash.digest('hex')));
  });
}
