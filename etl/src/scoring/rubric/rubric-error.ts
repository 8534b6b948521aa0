import type { ConfigProblem } from '../../config-files/yaml-document.js';

/**
 * A rubric that cannot be used: unreadable, not YAML, or not what default-rubric.yaml documents. The
 * message names the file and the line of the first problem, on one line; `problems` lists them all.
 */
export class RubricError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    const [first] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    super(`${file}${first.line ? `:${first.line}` : ''}: ${first.reason}${more}`);
    this.name = 'RubricError';
  }
}
