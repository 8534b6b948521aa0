import { tick } from 'svelte';
import type { FaqUpdateStatus } from '../../../../server/src/contracts/faq-update-status.contract.js';
import { ApiError } from '../../lib/api/api-error.js';
import {
  type FaqUpdateDto,
  type FaqUpdateHistoryEntry,
  fetchFaqUpdate,
  fetchFaqUpdateHistory,
  updateFaqUpdate,
} from '../../lib/api/faq-updates.api.js';
import { messageOf } from '../../lib/api/handle-error.js';
import {
  type FaqEffect,
  fetchFaqEffect,
  fetchPractices,
  type PracticesReport,
} from '../../lib/api/practices.api.js';
import { monthMarkers } from '../../lib/charts/marker-position.util.js';
import type { DataStatus } from '../../lib/components/data-status.type.js';
import { ALL_DATES } from '../../lib/filters/date-range.codec.js';
import type { UrlAccess } from '../../lib/filters/filter-codec.type.js';
import { browserUrl, UrlFilter } from '../../lib/filters/url-filter.svelte.js';
import { publishPageState } from '../../lib/test-hooks.js';
import {
  monthsBetween,
  otherPracticesMonthly,
  overturnByMonth,
  publicationEvents,
} from '../practice/practice-series.util.js';
import { changesOf, type FaqForm, formOf } from './faq-editor.util.js';
import { faqIdCodec } from './faq-filters.codec.js';

/**
 * One FAQ update in the editor: the update as read (its version guards every change), the form,
 * its audit history, and once published, its effect against the other practices.
 */
export class FaqEditorState {
  readonly id: UrlFilter<string | null>;
  status: DataStatus = $state('loading');
  error: string | null = $state(null);
  notFound = $state(false);
  update: FaqUpdateDto | null = $state.raw(null);
  form: FaqForm = $state({ title: '', owner: '', guidanceMarkdown: '', evidence: '', publishedAt: '' });
  history: FaqUpdateHistoryEntry[] = $state.raw([]);
  saving = $state(false);
  saveError: string | null = $state(null);
  /** True after a 409: someone changed the update since it was read. */
  conflict = $state(false);
  saved: string | null = $state(null);

  report: PracticesReport | null = $state.raw(null);
  effect: FaqEffect | null = $state.raw(null);
  effectStatus: DataStatus = $state('loading');
  effectError: string | null = $state(null);

  readonly changes = $derived(this.update ? changesOf(this.update, this.form) : {});
  readonly dirty = $derived(Object.keys(this.changes).length > 0);
  readonly published = $derived(
    this.update !== null && (this.update.status === 'published' || this.update.status === 'retired'),
  );
  readonly months = $derived(
    this.report?.range ? monthsBetween(this.report.range.from, this.report.range.to) : [],
  );
  readonly practiceShare = $derived(
    overturnByMonth(
      this.months,
      this.report?.practices.find((p) => p.practice === this.update?.practice)?.monthly ?? [],
    ),
  );
  readonly controlShare = $derived(
    overturnByMonth(
      this.months,
      this.report && this.update ? otherPracticesMonthly(this.report, this.update.practice) : [],
    ),
  );
  readonly markers = $derived(monthMarkers(this.months, this.update ? publicationEvents([this.update]) : []));

  #controller: AbortController | null = null;

  constructor(url: UrlAccess = browserUrl) {
    this.id = new UrlFilter(faqIdCodec, url);
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
        throw new ApiError('No FAQ update named in the address.', 404);
      }
      const [update, history] = await Promise.all([
        fetchFaqUpdate(id, controller.signal),
        fetchFaqUpdateHistory(id, controller.signal),
      ]);
      if (controller.signal.aborted) {
        return;
      }
      this.#read(update, history);
      this.status = 'ready';
      await this.#loadEffect(controller);
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

  #read(update: FaqUpdateDto, history: FaqUpdateHistoryEntry[]): void {
    this.update = update;
    this.form = formOf(update);
    this.history = history;
    this.conflict = false;
  }

  async #loadEffect(controller: AbortController): Promise<void> {
    const update = this.update;
    if (!update || !this.published || !update.publishedAt) {
      this.effect = null;
      return;
    }
    this.effectStatus = 'loading';
    this.effectError = null;
    const [report, effect] = await Promise.allSettled([
      fetchPractices(ALL_DATES, null, controller.signal),
      fetchFaqEffect(update.practice, update.publishedAt, controller.signal),
    ]);
    if (controller.signal.aborted) {
      return;
    }
    this.report = report.status === 'fulfilled' ? report.value : null;
    if (effect.status === 'fulfilled') {
      this.effect = effect.value;
      this.effectStatus = 'ready';
    } else {
      this.effect = null;
      this.effectError = messageOf(effect.reason);
      this.effectStatus = 'error';
    }
  }

  /** Saves the form's changes, and moves the status when `to` is given, in one change. */
  async save(to?: FaqUpdateStatus): Promise<void> {
    const update = this.update;
    if (!update || this.saving) {
      return;
    }
    this.saving = true;
    this.saveError = null;
    this.saved = null;
    publishPageState(false);
    const controller = new AbortController();
    this.#controller?.abort();
    this.#controller = controller;
    try {
      const body = { version: update.version, ...this.changes, ...(to ? { status: to } : {}) };
      const next = await updateFaqUpdate(update.id, body as Parameters<typeof updateFaqUpdate>[1]);
      const history = await fetchFaqUpdateHistory(update.id, controller.signal);
      this.#read(next, history);
      this.saved = to ? `Moved to ${next.status.replace('_', ' ')}.` : 'Saved.';
      await this.#loadEffect(controller);
    } catch (failure) {
      this.saveError = messageOf(failure);
      this.conflict = failure instanceof ApiError && failure.status === 409;
    } finally {
      this.saving = false;
    }
    await tick();
    if (this.#controller === controller) {
      publishPageState(true, this.error);
    }
  }

  dispose(): void {
    this.#controller?.abort();
    this.#controller = null;
  }
}
