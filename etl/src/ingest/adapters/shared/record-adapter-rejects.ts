import { pendingRejects } from '../../pending-rejects.js';
import type { AdapterContext } from '../adapter.types.js';

/**
 * Moves the rows of the temporary table `eqa_adapter_rejects` (line, field, value, reason), which an
 * adapter's mapping SQL fills with the source records it cannot map, into `rejects`; returns how many.
 */
export async function recordAdapterRejects({ session, file, runId }: AdapterContext): Promise<number> {
  await session.run(
    `INSERT INTO ${pendingRejects} (run_id, file, line, field, value, reason)
     SELECT $run, $file, line, field, left(coalesce(value, ''), 1000), reason FROM eqa_adapter_rejects`,
    { run: runId, file },
  );
  const [{ n }] = await session.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM eqa_adapter_rejects');
  await session.run('DROP TABLE eqa_adapter_rejects');
  return n;
}
