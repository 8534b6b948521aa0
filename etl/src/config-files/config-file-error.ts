import type { ConfigProblem } from './yaml-document.js';

/**
 * A configuration file (rubric, detector rules, mapping file) that cannot be used: unreadable, not
 * YAML, or not what its reference documents. The message names the file and the line of the first
 * problem, on one line; `problems` lists them all.
 */
export class ConfigFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    const [first] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    super(`${file}${first.line ? `:${first.line}` : ''}: ${first.reason}${more}`);
    this.name = new.target.name;
  }
}
