import { z } from 'zod';
import { overviewQuerySchema } from './overview.contract.js';

export type {
  CaseCall,
  CaseDetail,
  CaseScore,
  CaseSurveyAnswer,
  CaseTicket,
  EvidenceItem,
  StepScore,
  TimelineEvent,
} from '../../../etl/src/analytics/case.queries.js';
export {
  type ComparedFigures,
  type KeyedStandardFigures,
  type ScoredWith,
  type StandardDimension,
  type StandardFigures,
  type StandardKey,
  type StandardsOverview,
  type StandardsSummary,
  standardDimensions,
  standardKeys,
  type WeeklyStandards,
} from '../../../etl/src/analytics/standards.types.js';

/** GET /api/standards/overview and /api/standards/summary: the same date filter as the Overview. */
export const rangeQuerySchema = overviewQuerySchema;

/** GET /api/cases/:ticketId: a ticket id as the export wrote it. */
export const caseParamsSchema = z.object({
  ticketId: z.string().trim().min(1, 'ticketId must not be empty').max(200, 'ticketId is too long'),
});
