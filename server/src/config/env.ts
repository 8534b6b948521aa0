import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root: the nearest folder above this module holding package.json (src/ or dist/). */
export const repoRoot = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      return process.cwd();
    }
    dir = parent;
  }
  return dir;
})();

/**
 * Every configuration variable, declared once with its default and description. The README's
 * configuration table is checked against this declaration by a test.
 */
export const envDeclaration = {
  EQA_DUCKDB: {
    schema: z
      .string()
      .min(1)
      .default(join(repoRoot, 'data', 'escalations.duckdb')),
    description: 'The DuckDB file holding tickets, events, calls, escalation chains and scores.',
    defaultText: 'data/escalations.duckdb',
  },
  DATABASE_URL: {
    schema: z.string().url().optional(),
    description:
      'PostgreSQL for what people write (users, reviews, FAQ updates, audit log). Unset: embedded PostgreSQL.',
    defaultText: '(embedded PostgreSQL)',
  },
  EQA_PORT: {
    schema: z.coerce.number().int().min(0).max(65535).default(3000),
    description: 'HTTP port of the server and dashboard.',
    defaultText: '3000',
  },
  EQA_HOST: {
    schema: z.string().min(1).default('127.0.0.1'),
    description: 'Address the server listens on; 0.0.0.0 to serve other machines.',
    defaultText: '127.0.0.1',
  },
  EQA_DEMO_TICKETS: {
    schema: z.coerce.number().int().min(0).default(50_000),
    description: 'Tickets generated and loaded by `npm start` when the store is empty; 0 turns the demo off.',
    defaultText: '50000',
  },
  EQA_PG_DATA: {
    schema: z.string().min(1).optional(),
    description:
      "Data folder of the embedded PostgreSQL (default: a folder the OS user 'postgres' can reach, printed at start).",
    defaultText: '(printed at start)',
  },
  EQA_PG_PORT: {
    schema: z.coerce.number().int().min(1).max(65535).optional(),
    description: 'Port of the embedded PostgreSQL (default: derived from its data folder, next free one).',
    defaultText: '(derived)',
  },
  CHROMIUM_PATH: {
    schema: z.string().min(1).optional(),
    description:
      'Chromium that prints role-play session packs as PDF (default /usr/bin/chromium; `apt-get install -y chromium`).',
    defaultText: '/usr/bin/chromium',
  },
  EQA_LOG_LEVEL: {
    schema: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('warn'),
    description: 'Server log level: error, warn, log, debug or verbose.',
    defaultText: 'warn',
  },
} as const;

type Declaration = typeof envDeclaration;
export type Env = { [K in keyof Declaration]: z.infer<Declaration[K]['schema']> };

/** Thrown for a bad variable; names each one and what was expected. */
export class InvalidEnvironmentError extends Error {}

/** Parses configuration from `source` (process.env by default); fails naming every bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const shape = Object.fromEntries(Object.entries(envDeclaration).map(([k, v]) => [k, v.schema]));
  const values = Object.fromEntries(
    Object.keys(envDeclaration).map((k) => [k, source[k] === '' ? undefined : source[k]]),
  );
  const result = z.object(shape).safeParse(values);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      return `${key}=${source[key] ?? ''} (${issue.message})`;
    });
    throw new InvalidEnvironmentError(`Invalid environment variables: ${problems.join(', ')}`);
  }
  const env = result.data as Env;
  return { ...env, EQA_DUCKDB: resolve(env.EQA_DUCKDB) };
}
