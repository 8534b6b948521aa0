import { IngestFileError } from '../../ingest-file-error.js';
import type { AdapterContext } from '../adapter.types.js';
import { readJsonLines } from '../shared/read-json-lines.js';
import type { ZendeskShape } from './detect.js';

// An API page is one JSON object; records and side-loaded lists are read as JSON and mapped in SQL.
// 64 MB bounds one page (DuckDB buffers twice that, well inside the store's memory limit); the API
// pages 100 tickets at a time, an incremental export at most 1000.
const pageOptions = `format = 'unstructured', maximum_object_size = 67108864,
  columns = {tickets: 'JSON[]', audits: 'JSON[]', groups: 'JSON[]', users: 'JSON[]', metric_sets: 'JSON[]'}`;

/**
 * Reads a Zendesk export into temporary tables: `eqa_zd_records` (ordinal, line, raw, doc — doc NULL
 * when the record is not valid JSON; line NULL for an API page, whose records share its lines) and
 * the side-loaded lists an API page may carry, `eqa_zd_groups` (id, name), `eqa_zd_users` (id, role)
 * and `eqa_zd_metric_sets` (ticket_id, solved_at), empty for NDJSON.
 */
export async function readZendeskJson(ctx: AdapterContext, shape: ZendeskShape): Promise<void> {
  const { session, file } = ctx;
  if (shape.layout === 'ndjson') {
    await readJsonLines(ctx, 'eqa_zd_lines', 'Zendesk JSON');
    await session.run(
      `CREATE OR REPLACE TEMP TABLE eqa_zd_records AS
       SELECT line AS ordinal, line, text AS raw, try(text::JSON) AS doc
       FROM eqa_zd_lines
       WHERE trim(coalesce(text, ''), ' ' || chr(9) || chr(13)) <> '';
       CREATE OR REPLACE TEMP TABLE eqa_zd_pages AS
       SELECT NULL::JSON[] AS groups, NULL::JSON[] AS users, NULL::JSON[] AS metric_sets WHERE false`,
    );
  } else {
    try {
      await session.run(
        `CREATE OR REPLACE TEMP TABLE eqa_zd_pages AS
         SELECT row_number() OVER () AS page, * FROM read_json($file, ${pageOptions})`,
        { file },
      );
      await session.run(
        `CREATE OR REPLACE TEMP TABLE eqa_zd_records AS
         SELECT row_number() OVER (ORDER BY page, i) AS ordinal, NULL::BIGINT AS line, rec::VARCHAR AS raw, rec AS doc
         FROM (SELECT page, unnest(${shape.kind}) AS rec, generate_subscripts(${shape.kind}, 1) AS i FROM eqa_zd_pages)`,
      );
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      throw new IngestFileError(file, `DuckDB could not read it as Zendesk JSON: ${message}`);
    }
  }
  await session.run(
    `CREATE OR REPLACE TEMP TABLE eqa_zd_groups AS
     SELECT g->>'id' AS id, any_value(g->>'name') AS name
     FROM (SELECT unnest(groups) AS g FROM eqa_zd_pages) GROUP BY ALL;
     CREATE OR REPLACE TEMP TABLE eqa_zd_users AS
     SELECT u->>'id' AS id, any_value(lower(u->>'role')) AS role
     FROM (SELECT unnest(users) AS u FROM eqa_zd_pages) GROUP BY ALL;
     CREATE OR REPLACE TEMP TABLE eqa_zd_metric_sets AS
     SELECT m->>'ticket_id' AS ticket_id, max(m->>'solved_at') AS solved_at
     FROM (SELECT unnest(metric_sets) AS m FROM eqa_zd_pages) GROUP BY ALL`,
  );
}
