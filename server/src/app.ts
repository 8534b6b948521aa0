import 'reflect-metadata';
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DuckDbStore } from '../../etl/src/index.js';
import { AppModule } from './app.module.js';
import { removeHandoff, writeHandoff } from './jobs/server-handoff.js';
import type { HandoffToken } from './modules/jobs/jobs.service.js';

export interface StartServerOptions {
  store: DuckDbStore;
  databaseUrl: string;
  dashboardDir: string;
  port: number;
  host: string;
  logLevels?: LogLevel[] | false;
}

export interface RunningServer {
  url: string;
  app: NestExpressApplication;
  /** Stops accepting requests and removes server.json; the caller closes the stores it opened. */
  close(): Promise<void>;
}

/**
 * Starts the API and dashboard over an open DuckDB store and a PostgreSQL URL, then writes server.json
 * beside the store so that the command line hands its jobs to this process.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const handoffToken: HandoffToken = { value: '' };
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      store: options.store,
      databaseUrl: options.databaseUrl,
      dashboardDir: options.dashboardDir,
      handoffToken,
    }),
    { logger: options.logLevels ?? ['error', 'warn'] },
  );
  app.setGlobalPrefix('api', { exclude: [] });
  app.enableShutdownHooks();
  await app.listen(options.port, options.host);
  const address = app.getHttpServer().address() as { port: number };
  const shownHost = options.host === '0.0.0.0' || options.host === '127.0.0.1' ? 'localhost' : options.host;
  const url = `http://${shownHost}:${address.port}`;
  handoffToken.value = writeHandoff(options.store.path, url.replace('localhost', '127.0.0.1')).token;
  return {
    url,
    app,
    async close() {
      removeHandoff(options.store.path);
      await app.close();
    },
  };
}
