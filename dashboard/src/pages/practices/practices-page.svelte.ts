import { tick } from 'svelte';
import { type FaqUpdateDto, listFaqUpdates } from '../../lib/api/faq-updates.api.js';
import { messageOf } from '../../lib/api/handle-error.js';
import { fetchDataRange, fetchPractices, type PracticesReport } from '../../lib/api/practices.api.js';
import type { DataStatus } from '../../lib/components/data-status.type.js';
import { DATE_PRESETS, matchingPreset, presetRange } from '../../lib/filters/date-presets.util.js';
import { ALL_DATES, type DateRange, dateRangeCodec } from '../../lib/filters/date-range.codec.js';
import type { UrlAccess } from '../../lib/filters/filter-codec.type.js';
import { browserUrl, UrlFilter } from '../../lib/filters/url-filter.svelte.js';
import { publishPageState } from '../../lib/test-hooks.js';
import { minimumVolumeCodec } from './minimum-volume.codec.js';
import { practiceRows } from './practices-table.util.js';

interface PracticesPageDeps {
  fetchPractices?: typeof fetchPractices;
  listFaqUpdates?: typeof listFaqUpdates;
  fetchDataRange?: typeof fetchDataRange;
  url?: UrlAccess;
}

/**
 * The Practices page's state: the date range and minimum volume (both in the URL), the ranked
 * report, and the FAQ updates whose publications mark the sparklines. A newer load cancels the one
 * in flight.
 */
export class PracticesPageState {
  readonly range: UrlFilter<DateRange>;
  readonly minimumVolume: UrlFilter<number | null>;
  status: DataStatus = $state('loading');
  error: string | null = $state(null);
  inputError: string | null = $state(null);
  report: PracticesReport | null = $state.raw(null);
  updates: FaqUpdateDto[] = $state.raw([]);
  dataRange: { from: string; to: string } | null = $state.raw(null);

  readonly rows = $derived(this.report ? practiceRows(this.report, this.updates) : []);
  readonly activePreset = $derived.by(() => matchingPreset(this.range.value, this.dataRange?.to ?? null));

  readonly #fetchPractices: typeof fetchPractices;
  readonly #listFaqUpdates: typeof listFaqUpdates;
  readonly #fetchDataRange: typeof fetchDataRange;
  #controller: AbortController | null = null;

  constructor(deps: PracticesPageDeps = {}) {
    this.#fetchPractices = deps.fetchPractices ?? fetchPractices;
    this.#listFaqUpdates = deps.listFaqUpdates ?? listFaqUpdates;
    this.#fetchDataRange = deps.fetchDataRange ?? fetchDataRange;
    this.range = new UrlFilter(dateRangeCodec, deps.url ?? browserUrl);
    this.minimumVolume = new UrlFilter(minimumVolumeCodec, deps.url ?? browserUrl);
  }

  load = async (): Promise<void> => {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'loading';
    this.error = null;
    publishPageState(false);
    try {
      const [report, updates, dataRange] = await Promise.all([
        this.#fetchPractices(this.range.value, this.minimumVolume.value, controller.signal),
        // The markers are a help, not the page: without them the table still stands.
        this.#listFaqUpdates({}, controller.signal).catch(() => [] as FaqUpdateDto[]),
        this.dataRange ? Promise.resolve(this.dataRange) : this.#fetchDataRange(controller.signal),
      ]);
      if (controller.signal.aborted) {
        return;
      }
      this.report = report;
      this.updates = updates;
      this.dataRange = dataRange;
      this.status = 'ready';
    } catch (failure) {
      if (controller.signal.aborted) {
        return;
      }
      this.report = null;
      this.error = messageOf(failure);
      this.status = 'error';
    }
    await tick();
    if (this.#controller === controller) {
      publishPageState(true, this.error);
    }
  };

  setRange(range: DateRange): void {
    if (range.from !== null && range.to !== null && range.from > range.to) {
      this.inputError = 'The start date must not be after the end date.';
      return;
    }
    this.inputError = null;
    this.range.set(range);
    void this.load();
  }

  applyPreset(id: string): void {
    const preset = DATE_PRESETS.find((p) => p.id === id);
    this.setRange(preset ? presetRange(preset, this.dataRange?.to ?? null) : ALL_DATES);
  }

  /** A minimum volume the user typed; blank (null) goes back to the rubric's. */
  setMinimumVolume(value: number | null): void {
    if (value !== null && (!Number.isInteger(value) || value < 1)) {
      this.inputError = 'The minimum volume must be a whole number of at least 1.';
      return;
    }
    this.inputError = null;
    if (value === this.minimumVolume.value) {
      return;
    }
    this.minimumVolume.set(value);
    void this.load();
  }

  dispose(): void {
    this.#controller?.abort();
    this.#controller = null;
  }
}
