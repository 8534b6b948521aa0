import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  envDeclaration,
  InvalidEnvironmentError,
  parseEnv,
  repoRoot,
} from '../../../server/src/config/env.js';

describe(parseEnv.name, () => {
  it('should apply the defaults when nothing is set', () => {
    const env = parseEnv({});

    expect(env).toMatchObject({ EQA_PORT: 3000, EQA_HOST: '127.0.0.1', EQA_DEMO_TICKETS: 50_000 });
    expect(env.EQA_DUCKDB).toBe(join(repoRoot, 'data', 'escalations.duckdb'));
  });

  it('should name every bad variable and its value', () => {
    expect(() => parseEnv({ EQA_PORT: 'abc', EQA_LOG_LEVEL: 'loud' })).toThrow(InvalidEnvironmentError);
    expect(() => parseEnv({ EQA_PORT: 'abc', EQA_LOG_LEVEL: 'loud' })).toThrow(
      /^Invalid environment variables: EQA_PORT=abc \(.+\), EQA_LOG_LEVEL=loud \(.+\)$/,
    );
  });

  it("should be documented row by row in the README's configuration table", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const table = readme.split('<!-- config-table:start -->')[1].split('<!-- config-table:end -->')[0];
    const rows = table
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|').map((cell) => cell.trim()));

    const expected = Object.entries(envDeclaration).map(([name, v]) => [
      '',
      `\`${name}\``,
      v.defaultText,
      v.description,
      '',
    ]);
    expect(rows).toEqual(expected);
  });
});
