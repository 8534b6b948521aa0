import { type DataType, Float64, Int32, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import type { DuckDbStore, SqlParams } from './duckdb-store.js';

export type ArrowColumnType = 'utf8' | 'int32' | 'float64';

const arrowTypes: Record<ArrowColumnType, () => DataType> = {
  utf8: () => new Utf8(),
  int32: () => new Int32(),
  float64: () => new Float64(),
};

/**
 * Runs a query and returns its result as an Arrow IPC stream, with the column types declared by the
 * caller rather than guessed (DuckDB's BIGINT would otherwise arrive as bigint). The query must select
 * exactly the declared columns, cast to match (::INTEGER, ::DOUBLE, ::VARCHAR).
 */
export async function queryToArrowIpc(
  store: DuckDbStore,
  sql: string,
  params: SqlParams,
  columns: Readonly<Record<string, ArrowColumnType>>,
): Promise<Uint8Array> {
  const data = await store.withSession(async (session) => {
    const reader = await session.connection.runAndReadAll(sql, params);
    return reader.getColumnsObjectJS();
  });
  const vectors = Object.fromEntries(
    Object.entries(columns).map(([name, type]) => {
      const values = data[name];
      if (!values) {
        throw new Error(`Query did not return the declared column ${name}`);
      }
      return [name, vectorFromArray(values as unknown[], arrowTypes[type]())];
    }),
  );
  return tableToIPC(new Table(vectors), 'stream');
}
