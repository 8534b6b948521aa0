import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import type { FileSummary, IngestEffects } from '../../../etl/src/index.js';

/** One status line per file, as the command line prints them (and the server's demo load too). */
export function describeFile(f: FileSummary): string {
  if (f.error) {
    return `error ${f.error}`;
  }
  if (f.skipped) {
    return `skip  ${f.file}: ${f.skipped}`;
  }
  return `load  ${f.file} (${f.format}) → ${f.rows_loaded} loaded, ${f.rows_rejected} rejected of ${f.rows_read} read in ${f.seconds.toFixed(2)}s`;
}

/**
 * Ingest effects for a terminal: a progress bar per file while DuckDB works (from its own query
 * progress), then the file's status line. Without a terminal, or with --json, only the lines (or
 * nothing) are written, so logs and pipes stay clean.
 */
export function terminalIngestEffects(options: {
  quiet: boolean;
  stream?: NodeJS.WriteStream;
}): IngestEffects {
  const stream = options.stream ?? process.stderr;
  if (options.quiet) {
    return {};
  }
  if (!stream.isTTY) {
    return { onFileDone: (f) => stream.write(`${describeFile(f)}\n`) };
  }
  let bar: cliProgress.SingleBar | null = null;
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  return {
    onFileStart(file, index, total) {
      bar = new cliProgress.SingleBar(
        {
          stream,
          format: `{bar} {percentage}% | file ${index + 1}/${total} ${basename(file)}`,
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(100, 0);
    },
    onFileProgress(_file, percentage) {
      bar?.update(Math.floor(percentage));
    },
    onFileDone(f) {
      stop();
      stream.write(`${describeFile(f)}\n`);
    },
  };
}
