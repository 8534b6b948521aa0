import { DuckDbStore, type IngestEffects, StoreLockedError } from '../../../etl/src/index.js';
import { type JobArgs, type JobName, type JobResults, runJob } from '../jobs/job-registry.js';
import { isProcessAlive, readHandoff } from '../jobs/server-handoff.js';
import { CliError } from './cli-error.js';

/**
 * Runs a job on the DuckDB file when it is free; when a running server holds it, sends the job to that
 * server (DECISIONS §4) so that the user never meets a lock error.
 */
export async function runJobOnStore<N extends JobName>(
  storePath: string,
  name: N,
  args: JobArgs<N>,
  effects: IngestEffects,
  notice: (line: string) => void,
): Promise<JobResults[N]> {
  let store: DuckDbStore;
  try {
    store = await DuckDbStore.open(storePath);
  } catch (error) {
    if (error instanceof StoreLockedError) {
      return sendToServer(storePath, name, args, error.pid, notice);
    }
    throw error;
  }
  try {
    return await runJob({ store, effects, progress: notice }, name, args);
  } finally {
    store.close();
  }
}

async function sendToServer<N extends JobName>(
  storePath: string,
  name: N,
  args: JobArgs<N>,
  lockPid: number | null,
  notice: (line: string) => void,
): Promise<JobResults[N]> {
  const handoff = readHandoff(storePath);
  if (!handoff || !isProcessAlive(handoff.pid)) {
    throw new CliError(
      `${storePath} is locked by ${lockPid ? `process ${lockPid}` : 'another process'}, and no running Escalation QA server ` +
        'announced itself in server.json beside it: stop that process and try again',
    );
  }
  notice(`The server at ${handoff.url} (pid ${handoff.pid}) holds the store: sending the ${name} job to it`);
  let response: Response;
  try {
    response = await fetch(`${handoff.url}/api/jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${handoff.token}` },
      body: JSON.stringify({ name, args }),
    });
  } catch (error) {
    throw new CliError(`The server at ${handoff.url} did not answer: ${(error as Error).message}`);
  }
  const body = (await response.json()) as JobResults[N] & { message?: string };
  if (!response.ok) {
    throw new CliError(`The server refused the job: ${body.message ?? response.statusText}`);
  }
  return body;
}
