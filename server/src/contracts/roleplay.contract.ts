import { z } from 'zod';
import {
  callOutcomes,
  escalationTypes,
  type FoundCall,
} from '../../../etl/src/roleplay/call-finder.queries.js';
import type { SuggestedLesson } from '../../../etl/src/roleplay/suggested-lessons.queries.js';
import { from, to } from './date-range.contract.js';

export type {
  CallFinderPage,
  CallOutcome,
  EscalationType,
  FoundCall,
} from '../../../etl/src/roleplay/call-finder.queries.js';
export type { RoleplayBriefs, SpeakerTurn } from '../../../etl/src/roleplay/draft-briefs.util.js';
export type { RoleplayCall } from '../../../etl/src/roleplay/roleplay-call.queries.js';
export type { LessonKind, SuggestedLesson } from '../../../etl/src/roleplay/suggested-lessons.queries.js';

const score = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a number from 0 to 100` })
    .min(0, `${name} must be a number from 0 to 100`)
    .max(100, `${name} must be a number from 0 to 100`)
    .optional();
const minutes = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a number of minutes, 0 or more` })
    .min(0, `${name} must be a number of minutes, 0 or more`)
    .optional();
const text = (name: string, max = 200) =>
  z
    .string({ error: `${name} must be text` })
    .trim()
    .min(1, `${name} must not be empty`)
    .max(max)
    .optional();

/** Pairs of (min, max) fields that must not cross. */
const ranges = [
  ['rightDepartmentMin', 'rightDepartmentMax'],
  ['assessmentQualityMin', 'assessmentQualityMax'],
  ['resolutionMin', 'resolutionMax'],
  ['satisfactionMin', 'satisfactionMax'],
  ['durationMin', 'durationMax'],
  ['from', 'to'],
] as const;

/**
 * GET /api/calls: every filter of the call finder, each optional; durations in minutes; a page of at
 * most 100. An error names the field.
 */
export const callFinderQuerySchema = z
  .object({
    q: text('q', 500),
    category: text('category'),
    practice: z
      .string({ error: 'practice must be written policy:<name> or category:<name>' })
      .regex(/^(policy|category):.+$/, 'practice must be written policy:<name> or category:<name>')
      .optional(),
    level: z.coerce
      .number({ error: 'level must be 1, 2, 3 or 4' })
      .int('level must be 1, 2, 3 or 4')
      .min(1, 'level must be 1, 2, 3 or 4')
      .max(4, 'level must be 1, 2, 3 or 4')
      .optional(),
    escalationType: z
      .enum(escalationTypes, { error: `escalationType must be one of ${escalationTypes.join(', ')}` })
      .optional(),
    outcome: z.enum(callOutcomes, { error: `outcome must be one of ${callOutcomes.join(', ')}` }).optional(),
    rightDepartmentMin: score('rightDepartmentMin'),
    rightDepartmentMax: score('rightDepartmentMax'),
    assessmentQualityMin: score('assessmentQualityMin'),
    assessmentQualityMax: score('assessmentQualityMax'),
    resolutionMin: score('resolutionMin'),
    resolutionMax: score('resolutionMax'),
    satisfactionMin: score('satisfactionMin'),
    satisfactionMax: score('satisfactionMax'),
    surveyed: z.enum(['yes', 'no'], { error: 'surveyed must be yes or no' }).optional(),
    durationMin: minutes('durationMin'),
    durationMax: minutes('durationMax'),
    from,
    to,
    limit: z.coerce
      .number({ error: 'limit must be a whole number from 1 to 100' })
      .int('limit must be a whole number from 1 to 100')
      .min(1, 'limit must be a whole number from 1 to 100')
      .max(100, 'limit must be a whole number from 1 to 100')
      .default(25),
    offset: z.coerce
      .number({ error: 'offset must be a whole number, 0 or more' })
      .int('offset must be a whole number, 0 or more')
      .min(0, 'offset must be a whole number, 0 or more')
      .default(0),
  })
  .superRefine((q, ctx) => {
    for (const [min, max] of ranges) {
      const low = q[min];
      const high = q[max];
      if (low !== undefined && high !== undefined && low > high) {
        ctx.addIssue({ code: 'custom', path: [min], message: `${min} must not be above ${max}` });
      }
    }
  });

export type CallFinderQuery = z.infer<typeof callFinderQuerySchema>;

/** A found call with the number of role-play sessions that already use it. */
export type FinderCall = FoundCall & {
  used_in_sessions: number;
};

/** GET /api/calls: a page of calls, each marked with the sessions that use it. */
export interface CallFinderResult {
  total: number;
  limit: number;
  offset: number;
  order: 'relevance' | 'date';
  calls: FinderCall[];
}

/** GET /api/calls/suggested: optionally one category's, and how many per pattern (1–20, default 6). */
export const suggestedQuerySchema = z.object({
  category: text('category'),
  perKind: z.coerce
    .number({ error: 'perKind must be a whole number from 1 to 20' })
    .int('perKind must be a whole number from 1 to 20')
    .min(1, 'perKind must be a whole number from 1 to 20')
    .max(20, 'perKind must be a whole number from 1 to 20')
    .default(6),
});

/** A suggested lesson with its pattern's title and the sessions that already use its call. */
export type SuggestedCall = SuggestedLesson & {
  title: string;
  used_in_sessions: number;
};

export const callParamsSchema = z.object({
  callId: z.string({ error: 'callId must be a call id' }).trim().min(1, 'callId must be a call id').max(100),
});

export const sessionParamsSchema = z.object({
  id: z.uuid({ error: 'id must be a session id (a UUID)' }),
});

const brief = (name: string) =>
  z.string({ error: `${name} must be text` }).max(5000, `${name} must be at most 5,000 characters`);

/** One call of a session as sent: its id and, optionally, the briefs (drafted from the case when left out). */
const sessionCallInput = z.object({
  callId: z.string({ error: 'callId must be a call id' }).trim().min(1, 'callId must be a call id').max(100),
  customerBrief: brief('customerBrief').optional(),
  agentBrief: brief('agentBrief').optional(),
});

const sessionFields = {
  title: z
    .string({ error: 'title must be text' })
    .trim()
    .min(1, 'title must not be empty')
    .max(200, 'title must be at most 200 characters'),
  learningGoal: z
    .string({ error: 'learningGoal must be text' })
    .trim()
    .max(2000, 'learningGoal must be at most 2,000 characters'),
  notes: z.string({ error: 'notes must be text' }).max(20_000, 'notes must be at most 20,000 characters'),
  calls: z
    .array(sessionCallInput, { error: 'calls must be a list of { callId, customerBrief?, agentBrief? }' })
    .max(30, 'calls must hold at most 30 calls')
    .refine(
      (calls) => new Set(calls.map((c) => c.callId)).size === calls.length,
      'calls must not repeat a call',
    ),
};

/** POST /api/roleplay-sessions. */
export const createSessionSchema = z.object({
  title: sessionFields.title,
  learningGoal: sessionFields.learningGoal.default(''),
  notes: sessionFields.notes.default(''),
  calls: sessionFields.calls.default([]),
});

/** PATCH /api/roleplay-sessions/:id: the fields to change, and the version they were read at. */
export const updateSessionSchema = z.object({
  title: sessionFields.title.optional(),
  learningGoal: sessionFields.learningGoal.optional(),
  notes: sessionFields.notes.optional(),
  calls: sessionFields.calls.optional(),
  version: z.number({ error: 'version must be the version you read' }).int().min(1),
});

export type CreateSession = z.infer<typeof createSessionSchema>;
export type UpdateSession = z.infer<typeof updateSessionSchema>;

/** One call of a session, in its order. */
export interface SessionCallDto {
  callId: string;
  ticketId: string | null;
  customerBrief: string;
  agentBrief: string;
}

/** A role-play session as the API sends it; timestamps ISO 8601 (UTC). */
export interface RoleplaySessionDto {
  id: string;
  title: string;
  learningGoal: string;
  notes: string;
  calls: SessionCallDto[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** One call of a session pack: the briefs and the redacted transcript as speaker turns. */
export interface PackCall extends SessionCallDto {
  position: number;
  startedAt: string | null;
  durationSeconds: number | null;
  category: string | null;
  policy: string | null;
  maxLevel: number | null;
  outcome: string | null;
  recordingUrl: string | null;
  turns: Array<{ speaker: string; text: string }>;
}

/** GET /api/roleplay-sessions/:id/pack: what the print page, the PDF and the CSV hold. */
export interface SessionPack {
  session: RoleplaySessionDto;
  calls: PackCall[];
  /** Personal data the last guard still found and replaced in the pack's text (0 when ingest redacted it all). */
  redactedAtExport: number;
}
