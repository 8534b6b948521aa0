import { basename } from 'node:path';
import { IngestFileError } from '../../ingest-file-error.js';
import { pendingRejects } from '../../pending-rejects.js';
import type { AdapterContext, IngestAdapter, StageResult } from '../adapter.types.js';
import { compileEntry, type SourceColumn } from './compile-mapping.js';
import type { LoadedMapping, MappingEntry, YamlPath } from './load-mapping-file.js';
import { csvColumnSql, jsonFieldSql, readMappedSource, readSourceHead } from './read-mapped-source.js';

/**
 * The adapter a mapping file defines (`eqa ingest --mapping FILE`): every file of the run is read as the
 * mapping's first entry whose file-name pattern matches says. Never chosen by `--format auto`.
 */
export function mappingFileAdapter(loaded: LoadedMapping): IngestAdapter {
  return {
    name: 'mapping-file',
    description: `mapping file ${loaded.file}${loaded.mapping.name ? ` (${loaded.mapping.name})` : ''}`,
    detect: () => false,
    stage: (ctx) => stageMapped(loaded, ctx),
  };
}

async function stageMapped(loaded: LoadedMapping, ctx: AdapterContext): Promise<StageResult> {
  const { session, file, runId } = ctx;
  const entry = entryFor(loaded, file);
  const head = readSourceHead(file, entry.source, loaded.file);
  const used = new Set<number>();
  const resolve = (name: string, at: YamlPath): SourceColumn =>
    head.header ? headerColumn(loaded, file, head.header, name, at, used) : jsonField(loaded, name);
  // Compiling resolves every column the mapping names: a file lacking one fails before it is read.
  const compiled = compileEntry(loaded, entry, resolve);
  const read = await readMappedSource(ctx, entry.source, head);
  await session.run(compiled.rowsSql);
  await session.run(
    `INSERT INTO ${pendingRejects} (run_id, file, line, field, value, reason)
     SELECT $runId, $file, line, problem.field, left(coalesce(problem.value, ''), 1000), problem.reason
     FROM eqa_map_rows WHERE problem IS NOT NULL`,
    { runId, file },
  );
  const [{ unmapped }] = await session.all<{ unmapped: number }>(
    'SELECT count(*)::INTEGER AS unmapped FROM eqa_map_rows WHERE problem IS NOT NULL',
  );
  for (const stage of compiled.stages) {
    await session.run(stage.sql);
  }
  await session.run('DROP TABLE eqa_map_rows; DROP TABLE eqa_map_src');
  return {
    staged: compiled.stages.map((s) => ({ kind: s.kind, table: s.table, lines: 'column' })),
    rejected: read.malformed + unmapped,
    ...(head.header ? { ignoredColumns: head.header.filter((_, i) => !used.has(i)) } : {}),
    ...(read.encoding ? { encoding: read.encoding } : {}),
  };
}

/** The first entry whose pattern matches the file's name (an entry without one matches every file). */
function entryFor(loaded: LoadedMapping, file: string): MappingEntry {
  const name = basename(file);
  const found = loaded.entries.find((e) => e.match === null || e.match.some((p) => globMatches(p, name)));
  if (!found) {
    const patterns = loaded.entries.flatMap((e) => e.match ?? []);
    throw new IngestFileError(
      file,
      `no entry of the mapping ${loaded.file} reads a file named ${name} (its entries match ${patterns.join(', ')})`,
    );
  }
  return found;
}

function globMatches(pattern: string, name: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${regex}$`, 'i').test(name);
}

/**
 * The header column a mapping name stands for: the name itself or, when `columns:` lists spellings for
 * it, the first spelling the header has; case and surrounding blanks do not matter.
 */
function headerColumn(
  loaded: LoadedMapping,
  file: string,
  header: readonly string[],
  name: string,
  at: YamlPath,
  used: Set<number>,
): SourceColumn {
  const spellings = loaded.mapping.columns[name] ?? [name];
  const normalised = header.map((h) => h.trim().toLowerCase());
  for (const spelling of spellings) {
    const index = normalised.indexOf(spelling.trim().toLowerCase());
    if (index >= 0) {
      used.add(index);
      return { sql: csvColumnSql(index), name: header[index] };
    }
  }
  const alias = loaded.mapping.columns[name]
    ? ` under any of its spellings (${spellings.join(', ')}; ${loaded.file} line ${loaded.lineOf(['columns', name])})`
    : '';
  throw new IngestFileError(
    file,
    `the header has no column '${name}' (named at ${loaded.file} line ${loaded.lineOf(at)})${alias}`,
    1,
  );
}

function jsonField(loaded: LoadedMapping, name: string): SourceColumn {
  const spellings = loaded.mapping.columns[name] ?? [name];
  const sql =
    spellings.length === 1
      ? jsonFieldSql(spellings[0])
      : `coalesce(${spellings.map(jsonFieldSql).join(', ')})`;
  return { sql, name };
}
