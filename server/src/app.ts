import 'reflect-metadata';
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DuckDbStore } from '../../etl/src/index.js';
import { AppModule } from './app.module.js';
import { removeHandoff, writeHandoff } from './jobs/server-handoff.js';
import { type DemoSignIn, isLoopback } from './modules/auth/demo-sign-in.js';
import type { HandoffToken } from './modules/jobs/jobs.service.js';

export interface StartServerOptions {
  store: DuckDbStore;
  databaseUrl: string;
  dashboardDir: string;
  port: number;
  host: string;
  logLevels?: LogLevel[] | false;
  /**
   * Let the dashboard sign in as `demo` (admin) without a password: for `npm start`'s demo. Honoured
   * only when the server is bound to a loopback address (127.0.0.1, ::1); ignored on any other.
   */
  demoSignIn?: boolean;
}

export interface RunningServer {
  url: string;
  app: NestExpressApplication;
  /** True when the demo sign-in is on (asked for, and bound to a loopback address). */
  demoSignIn: boolean;
  /** Stops accepting requests and removes server.json; the caller closes the stores it opened. */
  close(): Promise<void>;
}

/**
 * Starts the API and dashboard over an open DuckDB store and a PostgreSQL URL, then writes server.json
 * beside the store so that the command line hands its jobs to this process.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const handoffToken: HandoffToken = { value: '' };
  const demoSignIn: DemoSignIn = { enabled: false };
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      store: options.store,
      databaseUrl: options.databaseUrl,
      dashboardDir: options.dashboardDir,
      handoffToken,
      demoSignIn,
    }),
    { logger: options.logLevels ?? ['error', 'warn'] },
  );
  app.setGlobalPrefix('api', { exclude: [] });
  app.enableShutdownHooks();
  await app.listen(options.port, options.host);
  const address = app.getHttpServer().address() as { address: string; port: number };
  // Decided on the address actually bound, not the one asked for: 0.0.0.0, a LAN address or a host
  // name that resolved elsewhere never get a password-less admin.
  demoSignIn.enabled = options.demoSignIn === true && isLoopback(address.address);
  const shownHost = options.host === '0.0.0.0' || options.host === '127.0.0.1' ? 'localhost' : options.host;
  const url = `http://${shownHost}:${address.port}`;
  handoffToken.value = writeHandoff(options.store.path, url.replace('localhost', '127.0.0.1')).token;
  return {
    url,
    app,
    demoSignIn: demoSignIn.enabled,
    async close() {
      removeHandoff(options.store.path);
      await app.close();
    },
  };
}
