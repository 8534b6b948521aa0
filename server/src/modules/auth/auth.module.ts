import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UserAccounts } from '../users/user-accounts.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { RouteRolesService } from './route-roles.service.js';
import { Sessions } from './sessions.repository.js';

/**
 * Users, sessions and the global AuthGuard. Global, so that any module's controller may use
 * UserAccounts; UserAccounts and Sessions are plain classes over the DataSource because the `eqa user`
 * command uses them without Nest.
 */
@Global()
@Module({
  // DiscoveryModule: RouteRolesService reads every route's roles at start, for /api/auth/me.
  imports: [DiscoveryModule],
  controllers: [AuthController],
  providers: [
    {
      provide: UserAccounts,
      useFactory: (ds: DataSource) => new UserAccounts(ds),
      inject: [getDataSourceToken()],
    },
    { provide: Sessions, useFactory: (ds: DataSource) => new Sessions(ds), inject: [getDataSourceToken()] },
    AuthService,
    RouteRolesService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UserAccounts, Sessions, AuthService],
})
export class AuthModule {}
