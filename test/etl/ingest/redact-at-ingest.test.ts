import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../etl/src/index.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';

describe('personal data at ingest', () => {
  let sut: TempStore;
  let dir: string;
  beforeEach(async () => {
    sut = await openTempStore();
    dir = mkdtempSync(join(tmpdir(), 'eqa-pii-'));
    writeFileSync(
      join(dir, 'events.csv'),
      'ticket_id,at,type,level,department,agent_id,escalation_type,note\n' +
        'T-1,2026-03-02T09:20:00Z,escalated,2,billing_experts,A-7,expertise,"Cust jo.bloggs@example.co.uk rang from 07700 900123,\nfee on card 4539 1488 0343 6467 disputed (ref 20260304)"\n',
    );
    writeFileSync(
      join(dir, 'calls.csv'),
      'call_id,ticket_id,customer_id,agent_id,department,level,started_at,ended_at,direction,disposition,recording_url,transcript\n' +
        'CL-1,T-1,C-1,A-1,first_line,1,2026-03-02T09:00:00Z,2026-03-02T09:10:00Z,inbound,escalated,,"Customer: my NI number is QQ 12 34 56 C, no wait, AB 12 34 56 C"\n',
    );
  });
  afterEach(() => {
    sut.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should redact e-mail, phone, card and national id numbers by default, and count them per file', async () => {
    const summary = await ingestPaths(sut.store, [dir]);

    const [note] = await sut.store.all<{ note: string }>('SELECT note FROM events');
    expect(note.note).toBe('Cust [email] rang from [phone],\nfee on card [card] disputed (ref 20260304)');
    const [call] = await sut.store.all<{ transcript: string }>('SELECT transcript FROM calls');
    expect(call.transcript).toBe('Customer: my NI number is QQ 12 34 56 C, no wait, [national_id]');
    expect(summary.files.map((f) => f.redacted)).toEqual([
      { email: 0, phone: 0, card: 0, national_id: 1 },
      { email: 1, phone: 1, card: 1, national_id: 0 },
    ]);
  });

  it('should keep them with keepPii', async () => {
    const summary = await ingestPaths(sut.store, [dir], {}, { keepPii: true });

    const [note] = await sut.store.all<{ note: string }>('SELECT note FROM events');
    expect(note.note).toContain('jo.bloggs@example.co.uk');
    expect(summary.files.every((f) => f.redacted === undefined)).toBe(true);
  });
});
