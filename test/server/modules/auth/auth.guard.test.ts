import 'reflect-metadata';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GlobalExceptionFilter } from '../../../../server/src/common/filters/global-exception.filter.js';
import {
  AcceptsHandoffToken,
  anyRole,
  Public,
  Roles,
} from '../../../../server/src/modules/auth/access.decorator.js';
import { AuthGuard } from '../../../../server/src/modules/auth/auth.guard.js';
import { DEMO_SIGN_IN } from '../../../../server/src/modules/auth/demo-sign-in.js';
import { Sessions } from '../../../../server/src/modules/auth/sessions.repository.js';
import { HANDOFF_TOKEN } from '../../../../server/src/modules/jobs/jobs.service.js';
import { User } from '../../../../server/src/modules/users/user.entity.js';
import { UserAccounts } from '../../../../server/src/modules/users/user-accounts.service.js';
import { createTestDatabase, createTestDataSource, type TestDatabase } from '../../../setup/database.js';

@Controller()
class ProbeController {
  @Get('forgotten')
  forgotten() {
    return 'reached';
  }

  @Get('open')
  @Public()
  open() {
    return 'reached';
  }

  @Get('leads')
  @Roles('lead')
  leads() {
    return 'reached';
  }

  @Get('anyone')
  @Roles(...anyRole)
  anyone() {
    return 'reached';
  }

  @Get('machine')
  @Roles('admin')
  @AcceptsHandoffToken()
  machine() {
    return 'reached';
  }
}

@Controller('admin-only')
@Roles('admin')
class AdminController {
  @Get()
  list() {
    return 'reached';
  }

  @Get('everyone')
  @Roles(...anyRole)
  everyone() {
    return 'reached';
  }
}

describe(AuthGuard.name, () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let app: INestApplication;
  let url: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await createTestDataSource(database.url);
    const sessions = new Sessions(dataSource);
    const accounts = new UserAccounts(dataSource);
    for (const role of ['admin', 'lead', 'qa'] as const) {
      const { user } = await accounts.create({ username: `guard-${role}`, roles: [role] }, 'test');
      if (role !== 'qa') {
        await dataSource.getRepository(User).update(user.id, { mustChangePassword: false });
      }
      cookies[role] = `eqa_session=${(await sessions.start(user.id)).token}`;
    }
    const moduleRef = await Test.createTestingModule({
      controllers: [ProbeController, AdminController],
      providers: [
        { provide: Sessions, useValue: sessions },
        { provide: HANDOFF_TOKEN, useValue: { value: 'machine-token-1234' } },
        { provide: DEMO_SIGN_IN, useValue: { enabled: false } },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: GlobalExceptionFilter },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
    await database?.drop();
  });

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}${path}`, { headers });
    return { status: response.status, body: await response.text() };
  };

  it('should refuse a route that declares neither @Public() nor @Roles(…), to everyone', async () => {
    for (const headers of [{}, { cookie: cookies.admin }] as Record<string, string>[]) {
      expect(await get('/forgotten', headers)).toEqual({
        status: 403,
        body: JSON.stringify({ message: 'route has no role declared', code: 'FORBIDDEN' }),
      });
    }
  });

  it('should let anybody reach a public route', async () => {
    expect(await get('/open')).toEqual({ status: 200, body: 'reached' });
  });

  it('should answer 401 without a session and 403 with the wrong role', async () => {
    expect((await get('/leads')).status).toBe(401);
    expect(await get('/leads', { cookie: cookies.admin })).toEqual({
      status: 403,
      body: JSON.stringify({ message: 'This needs the role lead; guard-admin has admin', code: 'FORBIDDEN' }),
    });
    expect(await get('/leads', { cookie: cookies.lead })).toEqual({ status: 200, body: 'reached' });
  });

  it("should let a method's roles override its controller's", async () => {
    expect((await get('/admin-only', { cookie: cookies.lead })).status).toBe(403);
    expect((await get('/admin-only/everyone', { cookie: cookies.lead })).status).toBe(200);
  });

  it('should hold a user with a one-time password back from routes that do not allow it', async () => {
    const response = await get('/anyone', { cookie: cookies.qa });

    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('should take the hand-off token as an admin only where the route accepts it', async () => {
    const bearer = { authorization: 'Bearer machine-token-1234' };

    expect(await get('/machine', bearer)).toEqual({ status: 200, body: 'reached' });
    expect((await get('/machine', { authorization: 'Bearer machine-token-9999' })).status).toBe(401);
    expect((await get('/machine', { cookie: cookies.admin })).status).toBe(200);
    expect((await get('/admin-only', bearer)).status).toBe(401);
  });
});
