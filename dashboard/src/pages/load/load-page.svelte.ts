import { tick } from 'svelte';
import { messageOf } from '../../lib/api/handle-error.js';
import {
  fetchLoad,
  fetchLoadCases,
  type LoadResponse,
  type TierLoad,
  type TierLoadCaseGroup,
  type TierLoadCasesPage,
} from '../../lib/api/load.api.js';
import { fetchDataRange } from '../../lib/api/practices.api.js';
import type { DataStatus } from '../../lib/components/data-status.type.js';
import { DATE_PRESETS, matchingPreset, presetRange } from '../../lib/filters/date-presets.util.js';
import { ALL_DATES, type DateRange, dateRangeCodec } from '../../lib/filters/date-range.codec.js';
import type { UrlAccess } from '../../lib/filters/filter-codec.type.js';
import { browserUrl, UrlFilter } from '../../lib/filters/url-filter.svelte.js';
import { publishPageState } from '../../lib/test-hooks.js';
import {
  type CaseSelection,
  caseSelectionCodec,
  dayCodec,
  levelCodec,
  NO_CASES,
} from './load-filters.codec.js';

export const CASES_PAGE_SIZE = 25;

interface LoadPageDeps {
  fetchLoad?: typeof fetchLoad;
  fetchLoadCases?: typeof fetchLoadCases;
  fetchDataRange?: typeof fetchDataRange;
  url?: UrlAccess;
}

/** The tier drawn when the URL names none: the first management tier (3+) the data has, else the first. */
export function defaultLevel(tiers: readonly TierLoad[]): number | null {
  return (tiers.find((t) => t.isManagement) ?? tiers[0])?.level ?? null;
}

/**
 * The Load page's state: the date range, the tier drawn, the staffing day and the cases list (all in
 * the URL), the report and the open list of cases. A newer load cancels the one in flight.
 */
export class LoadPageState {
  readonly range: UrlFilter<DateRange>;
  readonly level: UrlFilter<number | null>;
  readonly day: UrlFilter<string | null>;
  readonly selection: UrlFilter<CaseSelection>;
  status: DataStatus = $state('loading');
  error: string | null = $state(null);
  inputError: string | null = $state(null);
  report: LoadResponse | null = $state.raw(null);
  dataRange: { from: string; to: string } | null = $state.raw(null);
  casesStatus: DataStatus = $state('ready');
  casesError: string | null = $state(null);
  cases: TierLoadCasesPage | null = $state.raw(null);

  readonly activePreset = $derived.by(() => matchingPreset(this.range.value, this.dataRange?.to ?? null));
  readonly tiers = $derived(this.report?.load.tiers ?? []);
  /** The tier drawn: the URL's when the data has it, else the default. */
  readonly shownLevel = $derived.by(() => {
    const asked = this.level.value;
    return asked !== null && this.tiers.some((t) => t.level === asked) ? asked : defaultLevel(this.tiers);
  });
  readonly tier = $derived(this.tiers.find((t) => t.level === this.shownLevel) ?? null);

  readonly #fetchLoad: typeof fetchLoad;
  readonly #fetchLoadCases: typeof fetchLoadCases;
  readonly #fetchDataRange: typeof fetchDataRange;
  #controller: AbortController | null = null;
  #casesController: AbortController | null = null;

  constructor(deps: LoadPageDeps = {}) {
    this.#fetchLoad = deps.fetchLoad ?? fetchLoad;
    this.#fetchLoadCases = deps.fetchLoadCases ?? fetchLoadCases;
    this.#fetchDataRange = deps.fetchDataRange ?? fetchDataRange;
    const url = deps.url ?? browserUrl;
    this.range = new UrlFilter(dateRangeCodec, url);
    this.level = new UrlFilter(levelCodec, url);
    this.day = new UrlFilter(dayCodec, url);
    this.selection = new UrlFilter(caseSelectionCodec, url);
  }

  load = async (): Promise<void> => {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'loading';
    this.error = null;
    publishPageState(false);
    try {
      const [report, dataRange] = await Promise.all([
        this.#fetchLoad(this.range.value, this.day.value, controller.signal),
        this.dataRange ? Promise.resolve(this.dataRange) : this.#fetchDataRange(controller.signal),
      ]);
      if (controller.signal.aborted) {
        return;
      }
      this.report = report;
      this.dataRange = dataRange;
      this.status = 'ready';
      const cases = new AbortController();
      controller.signal.addEventListener('abort', () => cases.abort());
      await this.#loadCases(cases);
    } catch (failure) {
      if (controller.signal.aborted) {
        return;
      }
      this.report = null;
      this.error = messageOf(failure);
      this.status = 'error';
    }
    await tick();
    // (a cases list reloaded meanwhile settles the page itself)
    if (this.#controller === controller && !this.#casesInFlight()) {
      publishPageState(true, this.error);
    }
  };

  /** Loads the list the URL asks for (none without a group) under its own controller, cancelling the list in flight. */
  async #loadCases(controller: AbortController): Promise<void> {
    this.#casesController?.abort();
    this.#casesController = controller;
    const selection = this.selection.value;
    const level = this.shownLevel;
    if (selection.group === null || level === null) {
      this.cases = null;
      this.casesStatus = 'ready';
      return;
    }
    this.casesStatus = 'loading';
    this.casesError = null;
    try {
      const page = await this.#fetchLoadCases(
        {
          level,
          group: selection.group,
          week: selection.week,
          range: this.range.value,
          limit: CASES_PAGE_SIZE,
          offset: selection.offset,
        },
        controller.signal,
      );
      if (controller.signal.aborted) {
        return;
      }
      this.cases = page;
      this.casesStatus = 'ready';
    } catch (failure) {
      if (controller.signal.aborted) {
        return;
      }
      this.cases = null;
      this.casesError = messageOf(failure, 'Something went wrong while loading the cases.');
      this.casesStatus = 'error';
    }
  }

  #casesInFlight(): boolean {
    return this.casesStatus === 'loading' && this.#casesController?.signal.aborted === false;
  }

  /**
   * Reloads only the cases list (the report stays), settling the page when done. A report load in flight
   * is left alone: it lists the cases the URL then asks for, and settles the page itself.
   */
  async #reloadCases(): Promise<void> {
    const controller = new AbortController();
    publishPageState(false);
    await this.#loadCases(controller);
    await tick();
    if (this.#casesController === controller && this.status !== 'loading') {
      publishPageState(true, this.error);
    }
  }

  setRange(range: DateRange): void {
    if (range.from !== null && range.to !== null && range.from > range.to) {
      this.inputError = 'The start date must not be after the end date.';
      return;
    }
    this.inputError = null;
    this.range.set(range);
    // another range has other weeks and days: a week or day of the old one would mean nothing
    this.selection.set({ ...this.selection.value, week: null, offset: 0 });
    this.day.set(null);
    void this.load();
  }

  applyPreset(id: string): void {
    const preset = DATE_PRESETS.find((p) => p.id === id);
    this.setRange(preset ? presetRange(preset, this.dataRange?.to ?? null) : ALL_DATES);
  }

  /** Draws another tier; its cases list starts closed. */
  selectLevel(level: number): Promise<void> {
    this.level.set(level);
    this.selection.set(NO_CASES);
    return this.#reloadCases();
  }

  /** Lists the cases behind a figure of any tier (the summary table's links): draws that tier too. */
  openTierCases(level: number, group: TierLoadCaseGroup): Promise<void> {
    this.level.set(level);
    return this.openCases(group, null);
  }

  selectDay(day: string): void {
    this.day.set(day);
    void this.load();
  }

  /** Lists the cases behind a figure of the drawn tier (one week's, or the range's); null closes the list. */
  openCases(group: TierLoadCaseGroup | null, week: string | null = null): Promise<void> {
    this.selection.set(group === null ? NO_CASES : { group, week, offset: 0 });
    return this.#reloadCases();
  }

  pageCases(offset: number): Promise<void> {
    this.selection.set({ ...this.selection.value, offset: Math.max(0, offset) });
    return this.#reloadCases();
  }

  dispose(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.#casesController?.abort();
  }
}
