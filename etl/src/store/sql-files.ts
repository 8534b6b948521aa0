import { readFileSync } from 'node:fs';

const cache = new Map<string, string>();

/**
 * Reads a named .sql file that sits beside the module asking for it (`new URL('./x.sql', import.meta.url)`).
 * The build copies .sql files into dist/ under the same paths, so this works from source and from dist.
 */
export function loadSql(url: URL): string {
  const key = url.href;
  let sql = cache.get(key);
  if (sql === undefined) {
    sql = readFileSync(url, 'utf8');
    cache.set(key, sql);
  }
  return sql;
}
