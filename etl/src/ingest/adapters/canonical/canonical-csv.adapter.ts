import {
  canonicalFiles,
  closestCanonicalKind,
  detectCanonicalKind,
} from '../../../canonical/canonical-files.js';
import { checkedRelation, ident } from '../../canonical-sql.js';
import { stageCsv } from '../../csv/read-csv.js';
import { IngestFileError } from '../../ingest-file-error.js';
import { readCsvHeader } from '../../read-header.js';
import type { AdapterContext, IngestAdapter, StageResult } from '../adapter.types.js';

/** The canonical format (etl/README.md): one kind per file, recognised by its header. */
export const canonicalCsvAdapter: IngestAdapter = {
  name: 'canonical-csv',
  description: 'Escalation QA canonical CSV: tickets, events, calls, agents or routing (etl/README.md)',

  detect(head) {
    return head.header !== null && detectCanonicalKind(head.header) !== null;
  },

  async stage({ session, file, runId }: AdapterContext): Promise<StageResult> {
    const header = readCsvHeader(file);
    const kind = detectCanonicalKind(header) ?? closestCanonicalKind(header);
    if (!kind) {
      throw new IngestFileError(
        file,
        `not a canonical file: its header (${header.join(', ')}) matches none of tickets, events, calls, agents, routing`,
        1,
      );
    }
    const spec = canonicalFiles[kind];
    const present = new Set(header.map((h) => h.toLowerCase()));
    const missing = spec.columns.filter((c) => c.inHeader && !present.has(c.name)).map((c) => c.name);
    if (missing.length) {
      throw new IngestFileError(file, `missing required column(s): ${missing.join(', ')}`, 1);
    }
    const duplicated = header.filter((h, i) => header.indexOf(h) !== i);
    if (duplicated.length) {
      throw new IngestFileError(
        file,
        `duplicated column(s) in the header: ${[...new Set(duplicated)].join(', ')}`,
        1,
      );
    }
    const known = new Set(spec.columns.map((c) => c.name));

    const table = `eqa_stage_${kind}`;
    const select = spec.columns
      .map((c) => (present.has(c.name) ? `src.${ident(c.name)}` : `NULL::VARCHAR AS ${ident(c.name)}`))
      .join(', ');
    // Rows are typed and checked as DuckDB reads them: one pass, and a narrower staged table.
    const { malformed: rejected, encoding } = await stageCsv(session, {
      file,
      runId,
      table,
      select,
      project: (scan) => checkedRelation(spec, scan, []),
    });
    return {
      staged: [{ kind, table, lines: 'csv', baseTable: `${table}_scan`, checked: true }],
      rejected,
      ignoredColumns: header.filter((h) => !known.has(h.toLowerCase())),
      ...(encoding === 'utf-8' ? {} : { encoding }),
    };
  },
};
