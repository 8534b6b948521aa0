import { tick } from 'svelte';
import type { StandardDimension } from '../../../../server/src/contracts/standards.contract.js';
import { messageOf } from '../../lib/api/handle-error.js';
import { fetchOverview, type OverviewData } from '../../lib/api/overview.api.js';
import { fetchStandardsOverview, type StandardsOverview } from '../../lib/api/standards.api.js';
import type { DataStatus } from '../../lib/components/data-status.type.js';
import { DATE_PRESETS, matchingPreset, presetRange } from '../../lib/filters/date-presets.util.js';
import { ALL_DATES, type DateRange, dateRangeCodec } from '../../lib/filters/date-range.codec.js';
import type { UrlAccess } from '../../lib/filters/filter-codec.type.js';
import { browserUrl, UrlFilter } from '../../lib/filters/url-filter.svelte.js';
import { publishPageState } from '../../lib/test-hooks.js';
import { breakdownCodec } from './breakdown.codec.js';
import { escalationsByLevel, resolutionShare, weekAxis } from './overview-series.util.js';

interface OverviewPageDeps {
  fetch?: typeof fetchOverview;
  fetchStandards?: typeof fetchStandardsOverview;
  url?: UrlAccess;
}

/**
 * The Overview page's state: the date range and the standards breakdown (both kept in the URL), the
 * loaded data and the chart series derived from it. The escalation figures and the QA standards load
 * in parallel, each with its own status; loads run one at a time, a newer one cancelling the one in flight.
 */
export class OverviewPageState {
  readonly filter: UrlFilter<DateRange>;
  readonly breakdown: UrlFilter<StandardDimension>;
  status: DataStatus = $state('loading');
  error: string | null = $state(null);
  /** A range the user typed that cannot be applied, such as from after to. */
  inputError: string | null = $state(null);
  data: OverviewData | null = $state.raw(null);
  standards: StandardsOverview | null = $state.raw(null);
  standardsStatus: DataStatus = $state('loading');
  standardsError: string | null = $state(null);

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
  readonly #fetchStandards: typeof fetchStandardsOverview;
  #controller: AbortController | null = null;

  constructor({
    fetch = fetchOverview,
    fetchStandards = fetchStandardsOverview,
    url = browserUrl,
  }: OverviewPageDeps = {}) {
    this.#fetch = fetch;
    this.#fetchStandards = fetchStandards;
    this.filter = new UrlFilter(dateRangeCodec, url);
    this.breakdown = new UrlFilter(breakdownCodec, url);
  }

  /** (Re)loads everything for the current range; earlier loads still running are cancelled. */
  load = async (): Promise<void> => {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'loading';
    this.error = null;
    this.standardsStatus = 'loading';
    this.standardsError = null;
    publishPageState(false);
    await Promise.all([this.#loadOverview(controller), this.#loadStandards(controller)]);
    if (controller.signal.aborted) {
      return;
    }
    // Wait for the charts to draw the new data before telling tests the page is ready.
    await tick();
    if (this.#controller === controller) {
      publishPageState(true, this.error ?? this.standardsError);
    }
  };

  /** Reloads only the QA standards (their "Try again"). */
  reloadStandards = async (): Promise<void> => {
    const controller = this.#controller ?? new AbortController();
    this.#controller = controller;
    this.standardsStatus = 'loading';
    this.standardsError = null;
    publishPageState(false);
    await this.#loadStandards(controller);
    await tick();
    if (this.#controller === controller && !controller.signal.aborted) {
      publishPageState(true, this.error ?? this.standardsError);
    }
  };

  /** Shows another breakdown of the standards (the user picked it); the data is already loaded. */
  setBreakdown(dimension: StandardDimension): void {
    if (dimension === this.breakdown.value) {
      return;
    }
    this.breakdown.set(dimension);
    // Nothing loads, but tests wait for a settled page after every action; say so once the table is drawn.
    if (this.status !== 'loading' && this.standardsStatus !== 'loading') {
      publishPageState(false);
      void tick().then(() => publishPageState(true, this.error ?? this.standardsError));
    }
  }

  async #loadOverview(controller: AbortController): Promise<void> {
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
      this.error = messageOf(failure);
      this.status = 'error';
    }
  }

  async #loadStandards(controller: AbortController): Promise<void> {
    try {
      const standards = await this.#fetchStandards(this.filter.value, controller.signal);
      if (controller.signal.aborted) {
        return;
      }
      this.standards = standards;
      this.standardsStatus = 'ready';
    } catch (failure) {
      if (controller.signal.aborted) {
        return;
      }
      this.standards = null;
      this.standardsError = messageOf(failure);
      this.standardsStatus = 'error';
    }
  }

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
