import { z } from 'zod';
import { type ReviewStandard, reviewStandards } from './reviews.contract.js';

/** Who has scored how much of a calibration session's cases (case × standard cells). */
export interface CalibrationParticipantStatus {
  reviewer: string;
  facilitator: boolean;
  scored: number;
  of: number;
  done: boolean;
}

/** The results, shown once every participant has scored every case. */
export interface CalibrationResults {
  /** Krippendorff's alpha (interval) per standard over every participant's scores; null without variation. */
  alpha: { standard: ReviewStandard; alpha: number | null; pairable: number }[];
  /** Each case × standard where participants' scores differ, side by side. */
  disagreements: {
    ticketId: string;
    standard: ReviewStandard;
    scores: Record<string, number | null>;
    spread: number;
  }[];
  /** Mean signed difference from the facilitator's score (negative: stricter), strictest first. */
  drift: { reviewer: string; meanSignedDifference: number | null; compared: number }[];
}

export interface CalibrationSessionDto {
  id: string;
  title: string;
  facilitator: string;
  reviewers: string[];
  ticketIds: string[];
  createdAt: string;
  createdBy: string;
  status: CalibrationParticipantStatus[];
  complete: boolean;
  /** The caller's own scores: ticket → standard → score. Others' stay hidden until complete. */
  myScores: Record<string, Partial<Record<ReviewStandard, number>>>;
  results: CalibrationResults | null;
}

const username = z.string().trim().min(1, 'a user name must not be empty');

export const createCalibrationSchema = z
  .object({
    title: z.string().trim().min(1, 'title must not be empty').max(200),
    facilitator: username,
    reviewers: z.array(username).min(2, 'reviewers must name at least two reviewers').max(20),
    ticketIds: z.array(z.string().trim().min(1)).min(1, 'ticketIds must name at least one case').max(50),
  })
  .refine((s) => !s.reviewers.includes(s.facilitator), {
    message: 'the facilitator is not also one of the reviewers',
    path: ['reviewers'],
  });

export type CreateCalibration = z.infer<typeof createCalibrationSchema>;

const score = z.number().min(0, 'a score is 0–100').max(100, 'a score is 0–100');

/** One participant's scores of one case: every standard. */
export const calibrationScoreSchema = z.object({
  ticketId: z.string().trim().min(1, 'ticketId must not be empty'),
  scores: z.object(
    Object.fromEntries(reviewStandards.map((s) => [s, score])) as Record<ReviewStandard, typeof score>,
  ),
});

export type CalibrationScoreInput = z.infer<typeof calibrationScoreSchema>;

export const calibrationParamsSchema = z.object({ id: z.uuid('id must be a UUID') });
