import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DuckDbStore } from '../../etl/src/index.js';
import { GlobalExceptionFilter } from './common/filters/global-exception.filter.js';
import { createDataSourceOptions } from './database/data-source.js';
import { AnalyticsModule } from './modules/analytics/analytics.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { DEMO_SIGN_IN, type DemoSignIn } from './modules/auth/demo-sign-in.js';
import { DataModule } from './modules/data/data.module.js';
import { EmpowermentModule } from './modules/empowerment/empowerment.module.js';
import { FaqUpdatesModule } from './modules/faq-updates/faq-updates.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { IngestRunsModule } from './modules/ingest-runs/ingest-runs.module.js';
import { JobsModule } from './modules/jobs/jobs.module.js';
import { HANDOFF_TOKEN, type HandoffToken } from './modules/jobs/jobs.service.js';
import { LoadModule } from './modules/load/load.module.js';
import { PracticesModule } from './modules/practices/practices.module.js';
import { ReviewsModule } from './modules/reviews/reviews.module.js';
import { RoleplayModule } from './modules/roleplay/roleplay.module.js';
import { StandardsModule } from './modules/standards/standards.module.js';
import { UsersModule } from './modules/users/users.module.js';

export interface AppModuleOptions {
  store: DuckDbStore;
  databaseUrl: string;
  dashboardDir: string;
  handoffToken: HandoffToken;
  /** Whether POST /api/auth/demo signs in as `demo`; startServer turns it on only on a loopback address. */
  demoSignIn: DemoSignIn;
}

/** The whole server: both stores, the API under /api, and the built dashboard at /. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const shared = {
      module: class SharedModule {},
      global: true,
      providers: [
        { provide: DuckDbStore, useValue: options.store },
        { provide: HANDOFF_TOKEN, useValue: options.handoffToken },
        { provide: DEMO_SIGN_IN, useValue: options.demoSignIn },
      ],
      exports: [DuckDbStore, HANDOFF_TOKEN, DEMO_SIGN_IN],
    };
    return {
      module: AppModule,
      imports: [
        shared,
        TypeOrmModule.forRoot({ ...createDataSourceOptions(options.databaseUrl), migrationsRun: true }),
        ServeStaticModule.forRoot({ rootPath: options.dashboardDir, exclude: ['/api/{*path}'] }),
        AuthModule,
        UsersModule,
        HealthModule,
        AnalyticsModule,
        StandardsModule,
        PracticesModule,
        LoadModule,
        EmpowermentModule,
        FaqUpdatesModule,
        ReviewsModule,
        RoleplayModule,
        DataModule,
        IngestRunsModule,
        JobsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: GlobalExceptionFilter }],
    };
  }
}
