import { tick } from 'svelte';
import { ApiError } from '../../lib/api/api-error.js';
import { messageOf } from '../../lib/api/handle-error.js';
import { fetchReviewItem, type ReviewItemDto, submitReview } from '../../lib/api/reviews.api.js';
import type { DataStatus } from '../../lib/components/data-status.type.js';
import type { UrlAccess } from '../../lib/filters/filter-codec.type.js';
import { browserUrl, UrlFilter } from '../../lib/filters/url-filter.svelte.js';
import { session } from '../../lib/session/session.svelte.js';
import { publishPageState } from '../../lib/test-hooks.js';
import { reviewItemCodec } from './review-filters.codec.js';
import {
  confirmAll,
  type DecisionErrors,
  type Decisions,
  decisionErrors,
  detectedJudgments,
  type ElementJudgments,
  reviewBody,
  type StepNote,
  stepNotes,
} from './review-form.util.js';

/**
 * One queue item in the review form: the case with its automatic scores and evidence, the reviewer's
 * decision per standard (confirm, or override with a score and a reason) and comments; after
 * submitting, the saved review and its audit-log rows as the server read them back.
 */
export class ReviewFormState {
  readonly id: UrlFilter<string | null>;
  status: DataStatus = $state('loading');
  error: string | null = $state(null);
  notFound = $state(false);
  data: ReviewItemDto | null = $state.raw(null);
  decisions: Decisions = $state(confirmAll([]));
  comments = $state('');
  /** The case's steps with a handover note, and the reviewer's judgment of each element in them. */
  steps: StepNote[] = $state.raw([]);
  elements: ElementJudgments = $state({});
  /** Element judgments are sent only when the reviewer opts in: an untouched box is not a judgment. */
  judgeElements = $state(false);
  /** Shown once the reviewer tried to submit, so that a half-typed override is not flagged while typing. */
  tried = $state(false);
  saving = $state(false);
  saveError: string | null = $state(null);
  saved = $state(false);

  readonly errors: DecisionErrors = $derived(decisionErrors(this.decisions));
  readonly valid = $derived(Object.keys(this.errors).length === 0);
  /** Only the assignee submits, once, while the item is open (the server enforces the same). */
  readonly canSubmit = $derived(
    this.data !== null &&
      this.data.review === null &&
      this.data.item.status === 'open' &&
      this.data.item.assignee === session.me?.username,
  );

  #controller: AbortController | null = null;

  constructor(url: UrlAccess = browserUrl) {
    this.id = new UrlFilter(reviewItemCodec, url);
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
      if (!id) {
        throw new ApiError('No queue item named in the address.', 404);
      }
      const data = await fetchReviewItem(id, controller.signal);
      if (controller.signal.aborted) {
        return;
      }
      this.#read(data);
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

  #read(data: ReviewItemDto): void {
    this.data = data;
    this.decisions = confirmAll(data.standards.map((s) => s.standard));
    this.comments = '';
    this.steps = stepNotes(data.detail);
    this.elements = detectedJudgments(this.steps);
    this.judgeElements = false;
    this.tried = false;
  }

  /** Sends the review; on success reads the item back, so the page shows what was stored and audited. */
  submit = async (): Promise<void> => {
    const data = this.data;
    this.tried = true;
    if (!data || !this.valid || !this.canSubmit) {
      return;
    }
    this.saving = true;
    this.saveError = null;
    try {
      await submitReview(
        data.item.id,
        reviewBody(
          data.standards.map((s) => s.standard),
          this.decisions,
          this.comments,
          this.judgeElements ? this.elements : null,
        ),
      );
      this.saved = true;
      await this.load();
    } catch (failure) {
      this.saveError = messageOf(failure);
    } finally {
      this.saving = false;
    }
  };

  dispose(): void {
    this.#controller?.abort();
    this.#controller = null;
  }
}
