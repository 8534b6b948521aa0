import type { AdapterContext } from '../adapter.types.js';

/**
 * Copies the temporary table `eqa_helpdesk_rejects` (line, field, value, reason), where a helpdesk
 * adapter's mapping SQL put the source records it could not map, into `rejects`; returns how many.
 */
export async function recordAdapterRejects({ session, file, runId }: AdapterContext): Promise<number> {
  await session.run(
    `INSERT INTO rejects (run_id, file, line, field, value, reason)
     SELECT $run, $file, line, field, left(coalesce(value, ''), 1000), reason FROM eqa_helpdesk_rejects`,
    { run: runId, file },
  );
  const [{ n }] = await session.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM eqa_helpdesk_rejects');
  return n;
}
