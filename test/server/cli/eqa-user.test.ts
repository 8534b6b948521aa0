import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSourceOptions } from '../../../server/src/database/data-source.js';
import { startEmbeddedPostgres } from '../../../server/src/database/embedded-postgres.js';
import { AuditLogEntry } from '../../../server/src/modules/audit/audit-log.entity.js';
import { verifyPassword } from '../../../server/src/modules/users/password.util.js';
import { User } from '../../../server/src/modules/users/user.entity.js';
import {
  createTestDatabase,
  createTestDataSource,
  embeddedTestDataDir,
  type TestDatabase,
} from '../../setup/database.js';
import { runEqa } from '../../setup/run-eqa.js';

const passwordIn = (stdout: string) => /password ([A-Za-z2-9]{20})/.exec(stdout)?.[1] ?? '';

describe('eqa user', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await createTestDataSource(database.url);
    env = { DATABASE_URL: database.url };
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('should add a user with roles and a display name, and print a one-time password', async () => {
    const result = await runEqa(['user', 'add', 'Ana', '--roles', 'qa, lead', '--name', 'Ana Ruiz'], env);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^Added ana \(qa, lead\) with one-time password [A-Za-z2-9]{20}; they choose their own at first sign-in\n$/,
    );
    const ana = await dataSource.getRepository(User).findOneByOrFail({ username: 'ana' });
    expect(ana).toMatchObject({ displayName: 'Ana Ruiz', roles: ['qa', 'lead'], mustChangePassword: true });
    expect(await verifyPassword(ana.passwordHash, passwordIn(result.stdout))).toBe(true);
    expect(await dataSource.getRepository(AuditLogEntry).findOneBy({ entityId: ana.id })).toMatchObject({
      actor: 'cli',
      action: 'user.add',
    });
  });

  it('should reset a password: a new one-time password, the old one gone', async () => {
    const added = await runEqa(['user', 'add', 'bo', '--roles', 'trainer'], env);
    const before = passwordIn(added.stdout);

    const result = await runEqa(['user', 'reset', 'BO'], env);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^Reset bo: one-time password [A-Za-z2-9]{20}; they choose their own at next sign-in\n$/,
    );
    const bo = await dataSource.getRepository(User).findOneByOrFail({ username: 'bo' });
    expect(await verifyPassword(bo.passwordHash, passwordIn(result.stdout))).toBe(true);
    expect(await verifyPassword(bo.passwordHash, before)).toBe(false);
  });

  it.each([
    [['user', 'add', 'ana', '--roles', 'qa'], 'eqa: Conflict: username: there is already a user ana\n'],
    [
      ['user', 'add', 'cy', '--roles', 'qa,boss'],
      'eqa: --roles: each role must be one of admin, qa, lead, trainer\n',
    ],
    [
      ['user', 'add', 'cy', '--roles', ''],
      'eqa: --roles: each role must be one of admin, qa, lead, trainer\n',
    ],
    [['user', 'add', 'c y', '--roles', 'qa'], /^eqa: username: username must be 2–64 characters/],
    [['user', 'reset', 'nobody'], 'eqa: No user nobody\n'],
  ])('should refuse %j in one line', async (args, message) => {
    const result = await runEqa(args as string[], env);

    expect(result.code).toBe(1);
    if (typeof message === 'string') {
      expect(result.stderr).toBe(message);
    } else {
      expect(result.stderr).toMatch(message);
    }
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('should say which PostgreSQL did not answer, without a stack or its password', async () => {
    const result = await runEqa(['user', 'reset', 'ana'], {
      DATABASE_URL: 'postgres://someone:secret@127.0.0.1:1/nothing',
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^eqa: PostgreSQL at postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nothing did not answer: /,
    );
    expect(result.stderr).not.toContain('secret');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  describe('without DATABASE_URL (the embedded PostgreSQL of the clone)', () => {
    const dataDir = embeddedTestDataDir('eqa-user');
    const embeddedEnv = {
      DATABASE_URL: '',
      EQA_PG_DATA: dataDir,
      EQA_DUCKDB: join(dataDir, '..', 'unused.duckdb'),
    };
    afterAll(() => rm(dataDir, { recursive: true, force: true }));

    it('should start the cluster for the command, keep the user, and stop it again', async () => {
      const added = await runEqa(['user', 'add', 'dee', '--roles', 'admin'], embeddedEnv);
      expect(added.code, added.stderr).toBe(0);

      const reset = await runEqa(['user', 'reset', 'dee'], embeddedEnv);

      expect(reset.code, reset.stderr).toBe(0);
      expect(reset.stdout).toMatch(/^Reset dee: /);
      // Stopped on the way out: nothing left running on the folder.
      expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    });

    it('should use the cluster a running server holds, rather than refuse it', async () => {
      const running = await startEmbeddedPostgres({ dataDir, durable: false });
      try {
        const result = await runEqa(['user', 'add', 'eve', '--roles', 'lead'], embeddedEnv);

        expect(result.code, result.stderr).toBe(0);
        const source = new DataSource(createDataSourceOptions(running.url));
        await source.initialize();
        try {
          expect(await source.getRepository(User).countBy({ username: 'eve' })).toBe(1);
          expect(await source.getRepository(User).countBy({ username: 'dee' })).toBe(1);
        } finally {
          await source.destroy();
        }
      } finally {
        await running.stop();
      }
    });
  });
});
