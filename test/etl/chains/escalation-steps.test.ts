import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../etl/src/index.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';

const header = 'ticket_id,at,type,level,department,agent_id,escalation_type,note';

describe('escalation steps and case facts (rebuild-derived.sql)', () => {
  let sut: TempStore;
  let dir: string;
  beforeEach(async () => {
    sut = await openTempStore();
    dir = mkdtempSync(join(tmpdir(), 'eqa-chains-'));
  });
  afterEach(() => {
    sut.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  async function ingestEvents(rows: string[]) {
    writeFileSync(join(dir, 'events.csv'), `${header}\n${rows.join('\n')}\n`);
    await ingestPaths(sut.store, [join(dir, 'events.csv')]);
  }

  it('should make one step per level increase, record skipped levels, and count same-level moves as reassignments', async () => {
    await ingestEvents([
      'P-1,2026-01-05T09:00:00Z,created,1,first_line,A-1,,',
      'P-1,2026-01-05T09:10:00Z,assigned,1,first_line_b,A-2,,',
      'P-1,2026-01-05T10:00:00Z,escalated,2,billing_experts,A-7,expertise,fee dispute',
      'P-1,2026-01-06T10:00:00Z,assigned,2,fraud_team,A-9,,',
      'P-1,2026-01-07T10:00:00Z,assigned,2,billing_experts,A-7,,',
      'P-1,2026-01-08T10:00:00Z,escalated,4,executive_office,A-20,customer,wrote to the CEO',
      'P-1,2026-01-09T10:00:00Z,resolved,4,executive_office,A-20,,',
    ]);

    const steps = await sut.store.all(
      "SELECT to_level, from_level, skipped_levels, is_entry, department FROM escalation_steps WHERE ticket_id = 'P-1' ORDER BY step_no",
    );
    expect(steps).toEqual([
      { to_level: 2, from_level: 1, skipped_levels: [], is_entry: false, department: 'billing_experts' },
      { to_level: 4, from_level: 2, skipped_levels: [3], is_entry: false, department: 'executive_office' },
    ]);
    const [facts] = await sut.store.all(
      "SELECT escalations, max_level, reassignments, is_resolved FROM case_facts WHERE ticket_id = 'P-1'",
    );
    expect(facts).toEqual({ escalations: 2, max_level: 4, reassignments: 3, is_resolved: true });
  });

  it('should count a new increase after a de-escalation as a new step', async () => {
    await ingestEvents([
      'P-2,2026-01-05T09:00:00Z,created,1,first_line,A-1,,',
      'P-2,2026-01-05T10:00:00Z,escalated,3,complaints,A-12,hierarchical,refund over limit',
      'P-2,2026-01-06T10:00:00Z,de-escalated,1,first_line,A-1,,',
      'P-2,2026-01-07T10:00:00Z,escalated,3,complaints,A-12,customer,asked for a manager again',
    ]);

    const steps = await sut.store.all(
      "SELECT from_level, to_level, skipped_levels FROM escalation_steps WHERE ticket_id = 'P-2' ORDER BY step_no",
    );
    expect(steps).toEqual([
      { from_level: 1, to_level: 3, skipped_levels: [2] },
      { from_level: 1, to_level: 3, skipped_levels: [2] },
    ]);
  });

  it('should give a case first seen above level 1 an entry step that is not an escalation, unless it arrived escalated', async () => {
    await ingestEvents([
      'P-3,2026-01-05T09:00:00Z,created,2,billing_experts,A-7,,',
      'P-3,2026-01-06T09:00:00Z,escalated,3,complaints,A-12,expertise,needs approval',
      'P-4,2026-01-05T09:00:00Z,escalated,4,regulator,,customer,complaint filed with the regulator',
    ]);

    const steps = await sut.store.all(
      'SELECT ticket_id, to_level, is_entry FROM escalation_steps ORDER BY ticket_id, step_no',
    );
    expect(steps).toEqual([
      { ticket_id: 'P-3', to_level: 2, is_entry: true },
      { ticket_id: 'P-3', to_level: 3, is_entry: false },
      { ticket_id: 'P-4', to_level: 4, is_entry: false },
    ]);
    const facts = await sut.store.all('SELECT ticket_id, escalations FROM case_facts ORDER BY ticket_id');
    expect(facts).toEqual([
      { ticket_id: 'P-3', escalations: 1 },
      { ticket_id: 'P-4', escalations: 1 },
    ]);
  });

  it('should treat a reopened case as open, derived from events whatever the snapshot says', async () => {
    await ingestEvents([
      'P-5,2026-01-05T09:00:00Z,created,1,first_line,A-1,,',
      'P-5,2026-01-05T10:00:00Z,escalated,2,billing_experts,A-7,expertise,x',
      'P-5,2026-01-06T10:00:00Z,resolved,2,billing_experts,A-7,,',
      'P-5,2026-01-07T10:00:00Z,reopened,2,billing_experts,A-7,,',
      'P-6,2026-01-05T09:00:00Z,created,1,first_line,A-1,,',
      'P-6,2026-03-20T09:00:00Z,note,1,first_line,A-1,,',
    ]);

    const facts = await sut.store.all(
      'SELECT ticket_id, is_resolved, resolved_at, resolution_status FROM case_facts ORDER BY ticket_id',
    );
    expect(facts).toEqual([
      { ticket_id: 'P-5', is_resolved: false, resolved_at: null, resolution_status: 'overdue_open' },
      { ticket_id: 'P-6', is_resolved: false, resolved_at: null, resolution_status: 'overdue_open' },
    ]);
  });
});
