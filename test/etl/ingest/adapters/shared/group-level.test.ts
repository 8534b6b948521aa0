import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineVendorMacros } from '../../../../../etl/src/ingest/adapters/shared/define-vendor-macros.js';
import { openTempStore, type TempStore } from '../../../../setup/duckdb-file.js';

// Names from the vendor adapters' samples, tests and READMEs, with the level each is documented at.
const levels: [name: string | null, level: number | null][] = [
  // an explicit tier wins over the subject words
  ['Tier 1 Support', 1],
  ['Tier 1 Network', 1],
  ['Chat Tier 1', 1],
  ['L2 Payments', 2],
  ['Tier 2 Billing Queue', 2],
  ['Tier 3 Escalations', 3],
  ['level-4 review', 4],
  // then the most senior keyword
  ['Executive Office', 4],
  ['Customer Care Managers', 3],
  ['Service Desk Managers', 3],
  ['Major Incident Management', 3],
  ['Technical Support', 2],
  ['Application Support', 2],
  ['Billing Specialists', 2],
  ['Network Experts', 2],
  ['Database', 2],
  ['Frontline Chat', 1],
  ['Service Desk', 1],
  ['Help Desk', 1],
  ['Support', 1],
  // nothing the rule knows: an unknown level
  ['Partner Relations', null],
  ['Hardware', null],
  ['Callback Queue', null],
  ['clinical review', null],
  ['   ', null],
  [null, null],
];

describe('eqa_group_level', () => {
  let sut: TempStore;
  beforeEach(async () => {
    sut = await openTempStore();
  });
  afterEach(() => sut.dispose());

  it('should give each group, queue or team name its documented level, an explicit tier first', async () => {
    const rows = await sut.store.withSession(async (session) => {
      await defineVendorMacros(session);
      return session.all<{ name: string | null; level: number | null }>(
        `SELECT name, eqa_group_level(name) AS level
         FROM (SELECT unnest(names) AS name, generate_subscripts(names, 1) AS i
               FROM (SELECT from_json($names, '["VARCHAR"]') AS names))
         ORDER BY i`,
        { names: JSON.stringify(levels.map(([name]) => name)) },
      );
    });

    expect(rows.map((r) => [r.name, r.level])).toEqual(levels);
  });
});
