import { tick } from 'svelte';
import { ApiError } from '../../lib/api/api-error.js';
import {
  type CalibrationSessionDto,
  type CreateCalibration,
  createCalibrationSession,
  fetchCalibrationSession,
  fetchCalibrationSessions,
  scoreCalibrationCase,
} from '../../lib/api/calibration.api.js';
import { messageOf } from '../../lib/api/handle-error.js';
import { fetchReviewers, type ReviewerDto } from '../../lib/api/reviews.api.js';
import type { DataStatus } from '../../lib/components/data-status.type.js';
import type { UrlAccess } from '../../lib/filters/filter-codec.type.js';
import { browserUrl, UrlFilter } from '../../lib/filters/url-filter.svelte.js';
import { publishPageState } from '../../lib/test-hooks.js';
import { calibrationIdCodec } from './calibration.codec.js';

/**
 * The Calibration page: the sessions (and, for leads, the form that creates one), or with `?id=` one
 * session: everyone's progress, the caller's own blind scores, and once all have scored the results
 * as the API computes them (alpha per standard, the disagreements, each reviewer's drift).
 */
export class CalibrationPageState {
  readonly id: UrlFilter<string | null>;
  status: DataStatus = $state('loading');
  error: string | null = $state(null);
  notFound = $state(false);
  sessions: CalibrationSessionDto[] = $state.raw([]);
  session: CalibrationSessionDto | null = $state.raw(null);
  reviewers: ReviewerDto[] = $state.raw([]);

  busy = $state(false);
  actionError: string | null = $state(null);
  /** The case whose scores were saved last, to say so beside it. */
  savedTicket: string | null = $state(null);

  #controller: AbortController | null = null;

  constructor(url: UrlAccess = browserUrl) {
    this.id = new UrlFilter(calibrationIdCodec, url);
  }

  load = async (): Promise<void> => {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const id = this.id.value;
    this.status = 'loading';
    this.error = null;
    this.notFound = false;
    publishPageState(false);
    try {
      if (id) {
        const session = await fetchCalibrationSession(id, controller.signal);
        if (controller.signal.aborted) {
          return;
        }
        this.session = session;
      } else {
        const [sessions, reviewers] = await Promise.all([
          fetchCalibrationSessions(controller.signal),
          fetchReviewers(controller.signal),
        ]);
        if (controller.signal.aborted) {
          return;
        }
        this.sessions = sessions;
        this.reviewers = reviewers;
      }
      this.status = 'ready';
    } catch (failure) {
      if (controller.signal.aborted) {
        return;
      }
      if (failure instanceof ApiError && failure.status === 404) {
        this.notFound = true;
        this.status = 'ready';
      } else {
        this.error = messageOf(failure);
        this.status = 'error';
      }
    }
    await tick();
    if (this.#controller === controller) {
      publishPageState(true, this.error);
    }
  };

  /** Creates a session and returns its id (the page then opens it); null when the server refused. */
  create = async (input: CreateCalibration): Promise<string | null> => {
    this.busy = true;
    this.actionError = null;
    try {
      return (await createCalibrationSession(input)).id;
    } catch (failure) {
      this.actionError = messageOf(failure);
      return null;
    } finally {
      this.busy = false;
    }
  };

  /** Saves the caller's four scores of one case; the session comes back with the progress (and results once complete). */
  score = async (ticketId: string, scores: Record<string, number>): Promise<void> => {
    const session = this.session;
    if (!session) {
      return;
    }
    this.busy = true;
    this.actionError = null;
    this.savedTicket = null;
    try {
      this.session = await scoreCalibrationCase(session.id, {
        ticketId,
        scores: scores as Parameters<typeof scoreCalibrationCase>[1]['scores'],
      });
      this.savedTicket = ticketId;
      await tick();
      publishPageState(true, null);
    } catch (failure) {
      this.actionError = messageOf(failure);
    } finally {
      this.busy = false;
    }
  };

  dispose(): void {
    this.#controller?.abort();
    this.#controller = null;
  }
}
