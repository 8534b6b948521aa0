/** A whole file that cannot be loaded (empty, unreadable, missing required columns): names the file. */
export class IngestFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line: number | null = null,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}`);
  }
}
