import { z } from 'zod';

export type { LoadedFile, RejectRow } from '../../../etl/src/analytics/data.queries.js';

/** GET /api/data/rejects: which rejects, one page of them. */
export const rejectsQuerySchema = z.object({
  file: z.string().min(1).optional(),
  run_id: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export type RejectsQuery = z.infer<typeof rejectsQuerySchema>;
