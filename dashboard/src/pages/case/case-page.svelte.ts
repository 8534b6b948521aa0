import { tick } from 'svelte';
import { ApiError } from '../../lib/api/api-error.js';
import { messageOf } from '../../lib/api/handle-error.js';
import {
  type CaseDetail,
  fetchCase,
  fetchStandardsOverview,
  type StandardsOverview,
} from '../../lib/api/standards.api.js';
import type { DataStatus } from '../../lib/components/data-status.type.js';
import { ALL_DATES } from '../../lib/filters/date-range.codec.js';
import type { UrlAccess } from '../../lib/filters/filter-codec.type.js';
import { browserUrl, UrlFilter } from '../../lib/filters/url-filter.svelte.js';
import { publishPageState } from '../../lib/test-hooks.js';
import { caseIdCodec } from './case-id.codec.js';

interface CasePageDeps {
  fetchCase?: typeof fetchCase;
  fetchStandards?: typeof fetchStandardsOverview;
  url?: UrlAccess;
}

/**
 * The Case page's state: the ticket id from the URL (another case is another address, so the page
 * opens afresh) and that case's detail; without an id, the lowest-scoring cases of all the data to
 * pick from. An id the store does not hold is a state of its own, not an error.
 */
export class CasePageState {
  readonly ticket: UrlFilter<string | null>;
  status: DataStatus = $state('loading');
  error: string | null = $state(null);
  /** True when the store has no case with this id. */
  notFound = $state(false);
  detail: CaseDetail | null = $state.raw(null);
  lowest: StandardsOverview['lowestCases'] | null = $state.raw(null);

  readonly #fetchCase: typeof fetchCase;
  readonly #fetchStandards: typeof fetchStandardsOverview;
  #controller: AbortController | null = null;

  constructor({
    fetchCase: getCase = fetchCase,
    fetchStandards = fetchStandardsOverview,
    url = browserUrl,
  }: CasePageDeps = {}) {
    this.#fetchCase = getCase;
    this.#fetchStandards = fetchStandards;
    this.ticket = new UrlFilter(caseIdCodec, url);
  }

  /** Loads the case named in the URL, or the cases to pick from when it names none. */
  load = async (): Promise<void> => {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'loading';
    this.error = null;
    this.notFound = false;
    publishPageState(false);
    const id = this.ticket.value;
    try {
      if (id === null) {
        const overview = await this.#fetchStandards(ALL_DATES, controller.signal);
        if (controller.signal.aborted) {
          return;
        }
        this.lowest = overview.lowestCases;
      } else {
        const detail = await this.#fetchCase(id, controller.signal);
        if (controller.signal.aborted) {
          return;
        }
        this.detail = detail;
      }
      this.status = 'ready';
    } catch (failure) {
      if (controller.signal.aborted) {
        return;
      }
      this.detail = null;
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

  /** Cancels a load still in flight (the page is going away). */
  dispose(): void {
    this.#controller?.abort();
    this.#controller = null;
  }
}
