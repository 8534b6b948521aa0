import type { FilterCodec } from '../../lib/filters/filter-codec.type.js';

/**
 * The file whose rejects are shown: its path, and the ingest run only when that path was loaded by
 * more than one run (a later export of the same name). No file means "every file".
 */
export interface FileSelection {
  readonly file: string | null;
  readonly run: string | null;
}

/** The default: no file picked, written as no URL parameters at all. */
export const NO_FILE: FileSelection = { file: null, run: null };

/**
 * `?file=<path>&run=<run id>`. Paths are kept exactly as given (they are compared with the loaded
 * files' paths); a run without a file means nothing and is dropped.
 */
export const fileSelectionCodec: FilterCodec<FileSelection> = {
  parse(params) {
    const file = params.get('file') || null;
    const run = (file && params.get('run')?.trim()) || null;
    return { file, run };
  },
  write(params, value) {
    const run = value.file === null ? null : value.run;
    for (const [key, text] of [
      ['file', value.file],
      ['run', run],
    ] as const) {
      if (text === null || text === '') {
        params.delete(key);
      } else {
        params.set(key, text);
      }
    }
  },
};
