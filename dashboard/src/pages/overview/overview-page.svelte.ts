import { tick } from 'svelte';
import { ApiError } from '../../lib/api/api-error.js';
import { fetchOverview, type OverviewData } from '../../lib/api/overview.api.js';
import type { DataStatus } from '../../lib/components/data-status.type.js';
import { DATE_PRESETS, matchingPreset, presetRange } from '../../lib/filters/date-presets.util.js';
import { ALL_DATES, type DateRange, dateRangeCodec } from '../../lib/filters/date-range.codec.js';
import type { UrlAccess } from '../../lib/filters/filter-codec.type.js';
import { browserUrl, UrlFilter } from '../../lib/filters/url-filter.svelte.js';
import { publishPageState } from '../../lib/test-hooks.js';
import { escalationsByLevel, resolutionShare, weekAxis } from './overview-series.util.js';

interface OverviewPageDeps {
  fetch?: typeof fetchOverview;
  url?: UrlAccess;
}

/**
 * The Overview page's state: the date range (kept in the URL), the loaded data and the chart series
 * derived from it. Loads run one at a time; a newer load cancels the one in flight.
 */
export class OverviewPageState {
  readonly filter: UrlFilter<DateRange>;
  status: DataStatus = $state('loading');
  error: string | null = $state(null);
  /** A range the user typed that cannot be applied, such as from after to. */
  inputError: string | null = $state(null);
  data: OverviewData | null = $state.raw(null);

  readonly summary = $derived(this.data?.summary ?? null);
  // $derived.by: these read this.filter, which the constructor sets after field initialisers run.
  readonly isDefaultRange = $derived.by(
    () => this.filter.value.from === null && this.filter.value.to === null,
  );
  readonly activePreset = $derived.by(() =>
    matchingPreset(this.filter.value, this.summary?.dataRange?.to ?? null),
  );
  readonly weeks = $derived(
    this.data ? weekAxis(this.data.summary.range, this.data.escalations.week, this.data.resolution.week) : [],
  );
  readonly escalationLevels = $derived(
    this.data ? escalationsByLevel(this.weeks, this.data.escalations) : [],
  );
  readonly resolution = $derived(
    this.data
      ? resolutionShare(this.weeks, this.data.resolution, {
          dataEnd: this.data.summary.dataRange?.to ?? null,
        })
      : null,
  );

  readonly #fetch: typeof fetchOverview;
  #controller: AbortController | null = null;

  constructor({ fetch = fetchOverview, url = browserUrl }: OverviewPageDeps = {}) {
    this.#fetch = fetch;
    this.filter = new UrlFilter(dateRangeCodec, url);
  }

  /** (Re)loads everything for the current range; earlier loads still running are cancelled. */
  load = async (): Promise<void> => {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'loading';
    this.error = null;
    publishPageState(false);
    try {
      const data = await this.#fetch(this.filter.value, controller.signal);
      if (controller.signal.aborted) {
        return;
      }
      this.data = data;
      this.status = 'ready';
    } catch (failure) {
      if (controller.signal.aborted) {
        return;
      }
      this.data = null;
      this.error = failure instanceof ApiError ? failure.message : 'Something went wrong while loading.';
      this.status = 'error';
    }
    // Wait for the charts to draw the new data before telling tests the page is ready.
    await tick();
    if (this.#controller === controller) {
      publishPageState(true, this.error);
    }
  };

  /** Applies a range the user picked, unless it is back to front, and reloads. */
  setRange(range: DateRange): void {
    if (range.from !== null && range.to !== null && range.from > range.to) {
      this.inputError = 'The start date must not be after the end date.';
      return;
    }
    this.inputError = null;
    this.filter.set(range);
    void this.load();
  }

  /** Applies a quick range by its id. */
  applyPreset(id: string): void {
    const preset = DATE_PRESETS.find((p) => p.id === id);
    this.setRange(preset ? presetRange(preset, this.summary?.dataRange?.to ?? null) : ALL_DATES);
  }

  /** Cancels a load still in flight (the page is going away). */
  dispose(): void {
    this.#controller?.abort();
    this.#controller = null;
  }
}
