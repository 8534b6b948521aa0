import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths, rebuildDerived } from '../../../etl/src/index.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';

describe('linking calls to tickets (link-calls-to-tickets.sql)', () => {
  let sut: TempStore;
  let dir: string;
  beforeEach(async () => {
    sut = await openTempStore();
    dir = mkdtempSync(join(tmpdir(), 'eqa-links-'));
    writeFileSync(
      join(dir, 'tickets.csv'),
      [
        'ticket_id,created_at,resolved_at,customer_id,channel,category,policy,priority,status,csat,outcome',
        'T-1,2026-03-02T09:00:00Z,,C-1,phone,billing,,normal,open,,',
        'T-2,2026-03-10T09:00:00Z,,C-1,phone,billing,,normal,open,,',
        'T-3,2026-03-02T09:00:00Z,,C-2,email,fees,,normal,open,,',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'calls.csv'),
      [
        'call_id,ticket_id,customer_id,agent_id,department,level,started_at,ended_at,direction,disposition,recording_url,transcript',
        'CL-1,T-3,C-1,A-1,first_line,1,2026-03-02T10:00:00Z,,inbound,,,',
        'CL-2,,C-1,A-1,first_line,1,2026-03-03T09:00:00Z,,inbound,,,',
        'CL-3,,C-1,A-1,first_line,1,2026-03-09T21:00:00Z,,inbound,,,',
        'CL-4,,C-1,A-1,first_line,1,2026-03-20T09:00:00Z,,inbound,,,',
        'CL-5,,,A-1,first_line,1,2026-03-02T09:30:00Z,,inbound,,,',
      ].join('\n'),
    );
  });
  afterEach(() => {
    sut.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should link by ticket id first, else by the same customer nearest in time within 72 hours, and say how', async () => {
    await ingestPaths(sut.store, [dir]);

    const links = await sut.store.all(
      'SELECT call_id, ticket_id, link_method, hours_apart FROM call_links ORDER BY call_id',
    );
    expect(links).toEqual([
      { call_id: 'CL-1', ticket_id: 'T-3', link_method: 'ticket_id', hours_apart: null },
      { call_id: 'CL-2', ticket_id: 'T-1', link_method: 'customer_window', hours_apart: 24 },
      { call_id: 'CL-3', ticket_id: 'T-2', link_method: 'customer_window', hours_apart: 12 },
      { call_id: 'CL-4', ticket_id: null, link_method: null, hours_apart: null },
      { call_id: 'CL-5', ticket_id: null, link_method: null, hours_apart: null },
    ]);
  });

  it('should take the window from the options', async () => {
    await ingestPaths(sut.store, [dir]);

    await rebuildDerived(sut.store, { linkWindowHours: 6 });

    const [link] = await sut.store.all(
      "SELECT ticket_id, link_method FROM call_links WHERE call_id = 'CL-2'",
    );
    expect(link).toEqual({ ticket_id: null, link_method: null });
  });
});
