import { tick } from 'svelte';
import { type FaqUpdateDto, listFaqUpdates } from '../../lib/api/faq-updates.api.js';
import { messageOf } from '../../lib/api/handle-error.js';
import type { DataStatus } from '../../lib/components/data-status.type.js';
import type { UrlAccess } from '../../lib/filters/filter-codec.type.js';
import { browserUrl, UrlFilter } from '../../lib/filters/url-filter.svelte.js';
import { publishPageState } from '../../lib/test-hooks.js';
import { type FaqListFilter, faqListFilterCodec } from './faq-filters.codec.js';

/** The FAQ updates list: the status and practice filters (in the URL) and the updates they match. */
export class FaqListState {
  readonly filter: UrlFilter<FaqListFilter>;
  status: DataStatus = $state('loading');
  error: string | null = $state(null);
  items: FaqUpdateDto[] = $state.raw([]);
  #controller: AbortController | null = null;

  constructor(url: UrlAccess = browserUrl) {
    this.filter = new UrlFilter(faqListFilterCodec, url);
  }

  load = async (): Promise<void> => {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'loading';
    this.error = null;
    publishPageState(false);
    try {
      const items = await listFaqUpdates(this.filter.value, controller.signal);
      if (controller.signal.aborted) {
        return;
      }
      this.items = items;
      this.status = 'ready';
    } catch (failure) {
      if (controller.signal.aborted) {
        return;
      }
      this.error = messageOf(failure);
      this.status = 'error';
    }
    await tick();
    if (this.#controller === controller) {
      publishPageState(true, this.error);
    }
  };

  setFilter(filter: FaqListFilter): void {
    this.filter.set(filter);
    void this.load();
  }

  dispose(): void {
    this.#controller?.abort();
    this.#controller = null;
  }
}
