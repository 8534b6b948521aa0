/** One mistake in a mapping file, at its line. */
export interface MappingProblem {
  line: number;
  reason: string;
}

/**
 * A mapping file that cannot be used: unreadable, not YAML, or not what the reference expects. The
 * message names the file and the line of the first problem, on one line; `problems` lists them all.
 */
export class MappingFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly MappingProblem[],
  ) {
    const [first] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    super(`${file}${first.line ? `:${first.line}` : ''}: ${first.reason}${more}`);
  }
}
