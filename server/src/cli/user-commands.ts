import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DomainError } from '../common/domain-error.js';
import { parseEnv } from '../config/env.js';
import { roles, rolesSchema, usernameSchema } from '../contracts/auth.contract.js';
import type { UserAccounts } from '../modules/users/user-accounts.service.js';
import { CliError } from './cli-error.js';

/**
 * `eqa user add|reset`: manages users straight in PostgreSQL, so it works with no server running:
 * DATABASE_URL, or this clone's embedded cluster (the running server's, or started for the command).
 */
export function addUserCommands(program: Command): void {
  const user = program.command('user').description('Manage the users who sign in to the dashboard');

  user
    .command('add')
    .description('Add a user and print a one-time password (they choose their own at first sign-in)')
    .argument('<username>', 'the name they sign in with (letters, digits, dot, dash, underscore)')
    .requiredOption('--roles <roles>', `comma-separated: ${roles.join(', ')}`)
    .option('--name <display name>', 'the name the dashboard shows (default: the user name)')
    .action(async (username: string, options: { roles: string; name?: string }) => {
      const input = {
        username: parseOption('username', usernameSchema, username),
        roles: parseOption(
          '--roles',
          rolesSchema,
          options.roles.split(',').map((role) => role.trim()),
        ),
        displayName: options.name?.trim() || undefined,
      };
      const created = await withUserAccounts((accounts) => accounts.create(input, 'cli'));
      console.log(
        `Added ${created.user.username} (${created.user.roles.join(', ')}) with one-time password ` +
          `${created.oneTimePassword}; they choose their own at first sign-in`,
      );
    });

  user
    .command('reset')
    .description("Give a user a new one-time password; ends the user's sessions")
    .argument('<username>', 'who')
    .action(async (username: string) => {
      const reset = await withUserAccounts((accounts) =>
        accounts.resetPassword({ username: username.trim() }, 'cli'),
      );
      console.log(
        `Reset ${reset.user.username}: one-time password ${reset.oneTimePassword}; they choose their own at next sign-in`,
      );
    });
}

function parseOption<T>(
  name: string,
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  value: unknown,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new CliError(`${name}: ${result.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  return result.data;
}

/** Opens the users' PostgreSQL (migrated), runs fn, and closes what it opened; domain errors become one line. */
async function withUserAccounts<T>(fn: (accounts: UserAccounts) => Promise<T>): Promise<T> {
  // Loaded here, not at the top: the other commands never touch PostgreSQL, and need not load TypeORM.
  const [{ DataSource }, { createDataSourceOptions, runMigrations }, embeddedPg, { UserAccounts }] =
    await Promise.all([
      import('typeorm'),
      import('../database/data-source.js'),
      import('../database/embedded-postgres.js'),
      import('../modules/users/user-accounts.service.js'),
    ]);
  const { defaultEmbeddedDataDir, runningEmbeddedPostgresUrl, startEmbeddedPostgres } = embeddedPg;
  const env = parseEnv();
  let url = env.DATABASE_URL ?? null;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!url) {
    const dataDir = env.EQA_PG_DATA ? resolve(env.EQA_PG_DATA) : defaultEmbeddedDataDir(env.EQA_DUCKDB);
    url = await runningEmbeddedPostgresUrl(dataDir);
    if (!url) {
      const embedded = await startEmbeddedPostgres({ dataDir, port: env.EQA_PG_PORT });
      url = embedded.url;
      stopEmbedded = embedded.stop;
    }
  }
  const dataSource = new DataSource(createDataSourceOptions(url));
  try {
    try {
      await dataSource.initialize();
    } catch (error) {
      throw new CliError(`PostgreSQL at ${withoutPassword(url)} did not answer: ${(error as Error).message}`);
    }
    await runMigrations(dataSource);
    return await fn(new UserAccounts(dataSource));
  } catch (error) {
    if (error instanceof DomainError) {
      throw new CliError(error.message);
    }
    throw error;
  } finally {
    if (dataSource.isInitialized) {
      await dataSource.destroy();
    }
    await stopEmbedded?.();
  }
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = parsed.password ? '***' : '';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
