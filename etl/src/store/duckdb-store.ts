import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { runStoreMigrations } from './run-migrations.js';

export type SqlParams = Record<string, DuckDBValue> | DuckDBValue[];
export type Row = Record<string, unknown>;

/** Thrown when another process holds the DuckDB file; `pid` is the holder's when DuckDB names it. */
export class StoreLockedError extends Error {
  constructor(
    readonly path: string,
    readonly pid: number | null,
  ) {
    super(`The store ${path} is held by another process${pid ? ` (pid ${pid})` : ''}`);
  }
}

/** What a unit of work sees: run statements and read rows as plain JS values on one connection. */
export interface StoreSession {
  run(sql: string, params?: SqlParams): Promise<void>;
  /** Runs an INSERT, UPDATE or DELETE and returns how many rows it changed. */
  change(sql: string, params?: SqlParams): Promise<number>;
  all<T = Row>(sql: string, params?: SqlParams): Promise<T[]>;
  /** The raw connection, for the Arrow writer and other column-level readers in store/. */
  readonly connection: DuckDBConnection;
}

// DuckDB's known extensions would otherwise be downloaded on first use; this product must never
// need the network, and everything it uses (icu, json, parquet) is statically linked.
const storeOptions = {
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
};

/**
 * The analytical store: one DuckDB file per process. Each call leases its own connection, so that
 * readers keep being served while an ingest runs its transaction on another connection.
 */
export class DuckDbStore {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
  ) {}

  /**
   * Opens (creating if needed) the store file and applies its schema migrations. DuckDB's buffer pool
   * is capped at `memoryLimit` (768 MB by default; it spills to disk beyond): DuckDB's own default,
   * 80% of the machine, would let one big ingest crowd out everything else on a shared machine.
   */
  static async open(path: string, options: { memoryLimit?: string } = {}): Promise<DuckDbStore> {
    if (path !== ':memory:') {
      mkdirSync(dirname(path), { recursive: true });
    }
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, storeOptions);
    } catch (error) {
      throw asLockError(path, error) ?? error;
    }
    const store = new DuckDbStore(path, instance);
    // Timestamps are stored as UTC; a machine's local zone must never shift a week boundary.
    await store.run("SET GLOBAL TimeZone = 'UTC'");
    await store.run(`SET GLOBAL memory_limit = '${(options.memoryLimit ?? '768MB').replaceAll("'", '')}'`);
    await store.withSession((session) => runStoreMigrations(session));
    return store;
  }

  /** Runs `work` on a fresh connection, closed afterwards whatever happens. */
  async withSession<T>(work: (session: StoreSession) => Promise<T>): Promise<T> {
    const connection = await this.instance.connect();
    try {
      return await work(sessionOf(connection));
    } finally {
      connection.closeSync();
    }
  }

  /** Runs `work` in one transaction: all of it is committed, or none of it. */
  async withTransaction<T>(work: (session: StoreSession) => Promise<T>): Promise<T> {
    return this.withSession(async (session) => {
      await session.run('BEGIN TRANSACTION');
      try {
        const result = await work(session);
        await session.run('COMMIT');
        return result;
      } catch (error) {
        await session.run('ROLLBACK');
        throw error;
      }
    });
  }

  all<T = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.withSession((session) => session.all<T>(sql, params));
  }

  run(sql: string, params?: SqlParams): Promise<void> {
    return this.withSession((session) => session.run(sql, params));
  }

  close(): void {
    this.instance.closeSync();
  }
}

function sessionOf(connection: DuckDBConnection): StoreSession {
  return {
    connection,
    async run(sql, params) {
      await connection.run(sql, params);
    },
    async change(sql, params) {
      return (await connection.run(sql, params)).rowsChanged;
    },
    async all<T>(sql: string, params?: SqlParams) {
      const reader = await connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJS() as T[];
    },
  };
}

function asLockError(path: string, error: unknown): StoreLockedError | null {
  const message = error instanceof Error ? error.message : String(error);
  if (!/Could not set lock on file/i.test(message)) {
    return null;
  }
  const pid = /PID (\d+)/.exec(message);
  return new StoreLockedError(path, pid ? Number(pid[1]) : null);
}
