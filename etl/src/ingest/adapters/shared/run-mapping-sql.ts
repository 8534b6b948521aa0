import type { CanonicalKind } from '../../../canonical/canonical-files.js';
import { loadSql } from '../../../store/sql-files.js';
import type { AdapterContext, StageResult } from '../adapter.types.js';
import { defineVendorMacros } from './define-vendor-macros.js';
import { recordAdapterRejects } from './record-adapter-rejects.js';

/**
 * Runs a vendor mapping: defines the shared macros, runs `sqlFiles` in order (the vendor's macros, its
 * mapping, then any follow-up such as keep-stored-history.sql), which must leave `eqa_stage_<kind>` for
 * each of `kinds` (with a `line` column) and `eqa_adapter_rejects`; records those rejects and returns
 * the stage result, adding them to what reading the source (`read`) already rejected.
 */
export async function runMappingSql(
  ctx: AdapterContext,
  sqlFiles: readonly URL[],
  kinds: readonly CanonicalKind[],
  read: Omit<StageResult, 'staged'> = { rejected: 0 },
): Promise<StageResult> {
  await defineVendorMacros(ctx.session);
  for (const sql of sqlFiles) {
    await ctx.session.run(loadSql(sql));
  }
  const unmapped = await recordAdapterRejects(ctx);
  return {
    ...read,
    staged: kinds.map((kind) => ({ kind, table: `eqa_stage_${kind}`, lines: 'column' })),
    rejected: read.rejected + unmapped,
  };
}
