import { tick } from 'svelte';
import {
  type EmpowermentResponse,
  fetchBreakdown,
  fetchEmpowerment,
  fetchOfferCases,
  fetchWhatIf,
  type OfferBreakdown,
  type OfferCaseFilter,
  type OfferCasesPage,
  type OfferComparison,
  type WhatIfResult,
} from '../../lib/api/empowerment.api.js';
import { messageOf } from '../../lib/api/handle-error.js';
import { fetchDataRange } from '../../lib/api/practices.api.js';
import type { DataStatus } from '../../lib/components/data-status.type.js';
import { DATE_PRESETS, matchingPreset, presetRange } from '../../lib/filters/date-presets.util.js';
import { ALL_DATES, type DateRange, dateRangeCodec } from '../../lib/filters/date-range.codec.js';
import type { UrlAccess } from '../../lib/filters/filter-codec.type.js';
import { browserUrl, UrlFilter } from '../../lib/filters/url-filter.svelte.js';
import { publishPageState } from '../../lib/test-hooks.js';
import {
  type CaseChoice,
  type ComparableChoice,
  caseChoiceCodec,
  comparableCodec,
  type WhatIfChoice,
  whatIfCodec,
} from './empowerment-filters.codec.js';

export const CASES_PER_PAGE = 25;

interface EmpowermentPageDeps {
  fetchEmpowerment?: typeof fetchEmpowerment;
  fetchBreakdown?: typeof fetchBreakdown;
  fetchWhatIf?: typeof fetchWhatIf;
  fetchOfferCases?: typeof fetchOfferCases;
  fetchDataRange?: typeof fetchDataRange;
  url?: UrlAccess;
}

/** The what-if a page opens with: the first flagged gap's kind up to its band's top, else the first gap's. */
export function suggestedWhatIf(report: EmpowermentResponse | null): { kind: string; upTo: number } | null {
  const gaps = report?.authority.gaps ?? [];
  const gap = gaps.find((g) => g.flagged) ?? gaps[0];
  if (!gap) {
    return null;
  }
  const level1 = gap.limits.find((l) => l.level === 1)?.maxAmount ?? 0;
  return { kind: gap.kind, upTo: gap.band.max ?? Math.max(level1 * 2, (gap.band.min ?? 0) * 2, 100) };
}

/**
 * The Empowerment page's state: the date range, the what-if, the breakdown's comparable cases and
 * dimension, and the open case list, each in the URL. The report and breakdown load together; the
 * what-if and the case list follow, and the page reports settled when all have.
 */
export class EmpowermentPageState {
  readonly range: UrlFilter<DateRange>;
  readonly whatIfChoice: UrlFilter<WhatIfChoice>;
  readonly comparable: UrlFilter<ComparableChoice>;
  readonly caseChoice: UrlFilter<CaseChoice>;
  status: DataStatus = $state('loading');
  error: string | null = $state(null);
  inputError: string | null = $state(null);
  report: EmpowermentResponse | null = $state.raw(null);
  breakdown: OfferBreakdown | null = $state.raw(null);
  breakdownStatus: DataStatus = $state('loading');
  breakdownError: string | null = $state(null);
  whatIf: WhatIfResult | null = $state.raw(null);
  whatIfStatus: DataStatus = $state('loading');
  whatIfError: string | null = $state(null);
  cases: OfferCasesPage | null = $state.raw(null);
  casesStatus: DataStatus = $state('loading');
  casesError: string | null = $state(null);
  dataRange: { from: string; to: string } | null = $state.raw(null);

  readonly activePreset = $derived.by(() => matchingPreset(this.range.value, this.dataRange?.to ?? null));
  /** The what-if as shown: the URL's choice, else the page's suggestion. */
  readonly effectiveWhatIf = $derived.by(() => {
    const suggestion = suggestedWhatIf(this.report);
    const choice = this.whatIfChoice.value;
    const kind = choice.kind ?? suggestion?.kind ?? null;
    return kind === null ? null : { kind, level: choice.level, upTo: choice.upTo ?? suggestion?.upTo ?? 100 };
  });
  /** The comparison or breakdown row whose cases are open, and its filter. */
  readonly openCases = $derived.by(() => this.#resolveCases(this.caseChoice.value.key));

  readonly #deps: Required<Omit<EmpowermentPageDeps, 'url'>>;
  #controller: AbortController | null = null;
  #breakdownController: AbortController | null = null;
  #whatIfController: AbortController | null = null;
  #casesController: AbortController | null = null;

  constructor(deps: EmpowermentPageDeps = {}) {
    this.#deps = {
      fetchEmpowerment: deps.fetchEmpowerment ?? fetchEmpowerment,
      fetchBreakdown: deps.fetchBreakdown ?? fetchBreakdown,
      fetchWhatIf: deps.fetchWhatIf ?? fetchWhatIf,
      fetchOfferCases: deps.fetchOfferCases ?? fetchOfferCases,
      fetchDataRange: deps.fetchDataRange ?? fetchDataRange,
    };
    const url = deps.url ?? browserUrl;
    this.range = new UrlFilter(dateRangeCodec, url);
    this.whatIfChoice = new UrlFilter(whatIfCodec, url);
    this.comparable = new UrlFilter(comparableCodec, url);
    this.caseChoice = new UrlFilter(caseChoiceCodec, url);
  }

  /** Everything: the report and the breakdown, then the what-if and the open case list. */
  load = async (): Promise<void> => {
    this.#controller?.abort();
    this.#breakdownController?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'loading';
    this.breakdownStatus = 'loading';
    this.error = null;
    publishPageState(false);
    try {
      const [report, dataRange] = await Promise.all([
        this.#deps.fetchEmpowerment(this.range.value, controller.signal),
        this.dataRange ? Promise.resolve(this.dataRange) : this.#deps.fetchDataRange(controller.signal),
      ]);
      if (controller.signal.aborted) {
        return;
      }
      this.report = report;
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
    await Promise.all([this.#loadBreakdown(), this.#loadWhatIf(), this.#loadCases()]);
    await this.#settle(controller);
  };

  async #settle(controller: AbortController | null): Promise<void> {
    await tick();
    if (controller === null || this.#controller === controller) {
      publishPageState(true, this.error);
    }
  }

  /** Loads the breakdown the filters ask for, cancelling the one in flight; a superseded answer is dropped. */
  async #loadBreakdown(): Promise<void> {
    this.#breakdownController?.abort();
    const controller = new AbortController();
    this.#breakdownController = controller;
    this.breakdownStatus = 'loading';
    const choice = this.comparable.value;
    try {
      const breakdown = await this.#deps.fetchBreakdown(
        { ...choice, range: this.range.value },
        controller.signal,
      );
      if (this.#isCurrentBreakdown(controller)) {
        this.breakdown = breakdown;
        this.breakdownStatus = 'ready';
        this.breakdownError = null;
      }
    } catch (failure) {
      if (this.#isCurrentBreakdown(controller)) {
        this.breakdown = null;
        this.breakdownError = messageOf(failure);
        this.breakdownStatus = 'error';
      }
    }
  }

  #isCurrentBreakdown(controller: AbortController): boolean {
    return this.#breakdownController === controller && !controller.signal.aborted;
  }

  async #loadWhatIf(): Promise<void> {
    this.#whatIfController?.abort();
    const request = this.effectiveWhatIf;
    if (request === null) {
      this.whatIf = null;
      this.whatIfStatus = 'ready';
      return;
    }
    const controller = new AbortController();
    this.#whatIfController = controller;
    this.whatIfStatus = 'loading';
    try {
      const result = await this.#deps.fetchWhatIf({ ...request, range: this.range.value }, controller.signal);
      if (!controller.signal.aborted) {
        this.whatIf = result;
        this.whatIfStatus = 'ready';
        this.whatIfError = null;
      }
    } catch (failure) {
      if (!controller.signal.aborted) {
        this.whatIf = null;
        this.whatIfError = messageOf(failure);
        this.whatIfStatus = 'error';
      }
    }
  }

  async #loadCases(): Promise<void> {
    this.#casesController?.abort();
    const open = this.openCases;
    if (open === null) {
      this.cases = null;
      return;
    }
    const controller = new AbortController();
    this.#casesController = controller;
    this.casesStatus = 'loading';
    try {
      const page = await this.#deps.fetchOfferCases(
        { ...open.filter, from: this.range.value.from ?? undefined, to: this.range.value.to ?? undefined },
        { limit: CASES_PER_PAGE, offset: this.caseChoice.value.offset },
        controller.signal,
      );
      if (!controller.signal.aborted) {
        this.cases = page;
        this.casesStatus = 'ready';
        this.casesError = null;
      }
    } catch (failure) {
      if (!controller.signal.aborted) {
        this.cases = null;
        this.casesError = messageOf(failure);
        this.casesStatus = 'error';
      }
    }
  }

  #resolveCases(
    key: string | null,
  ): { title: string; filter: OfferCaseFilter; comparison: OfferComparison | null } | null {
    if (key === null) {
      return null;
    }
    if (key.startsWith('breakdown:')) {
      const value = key.slice('breakdown:'.length);
      const choice = this.comparable.value;
      const row = this.breakdown?.rows.find((r) => r.key === value);
      return {
        title: `Cases: ${row?.value ?? value}`,
        comparison: null,
        filter: {
          flag: 'breakdown',
          dimension: choice.dimension,
          value,
          ...(choice.category === null ? {} : { category: choice.category }),
          ...(choice.policy === null ? {} : { policy: choice.policy }),
          ...(choice.outcome === null ? {} : { outcome: choice.outcome }),
        },
      };
    }
    const comparison = this.report?.fairness.comparisons.find((c) => c.key === key) ?? null;
    return comparison
      ? { title: `Cases: ${comparison.subject}`, filter: comparison.cases, comparison }
      : null;
  }

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

  /** A what-if the user chose (kind, level or the slider's amount): recomputed by the server. */
  setWhatIf(change: Partial<WhatIfChoice>): void {
    const current = this.effectiveWhatIf;
    this.whatIfChoice.set({
      kind: change.kind ?? current?.kind ?? null,
      level: change.level ?? this.whatIfChoice.value.level,
      upTo: change.upTo ?? current?.upTo ?? null,
    });
    publishPageState(false);
    void this.#loadWhatIf().then(() => this.#settle(null));
  }

  setComparable(change: Partial<ComparableChoice>): void {
    this.comparable.set({ ...this.comparable.value, ...change });
    if (this.caseChoice.value.key?.startsWith('breakdown:')) {
      this.caseChoice.set({ key: null, offset: 0 });
      this.cases = null;
    }
    publishPageState(false);
    void this.#loadBreakdown().then(() => this.#settle(null));
  }

  /** Opens (or, with null, closes) the case list of a comparison or a breakdown row. */
  showCases(key: string | null, offset = 0): void {
    this.caseChoice.set({ key, offset });
    publishPageState(false);
    void this.#loadCases().then(() => this.#settle(null));
  }

  dispose(): void {
    this.#controller?.abort();
    this.#breakdownController?.abort();
    this.#whatIfController?.abort();
    this.#casesController?.abort();
    this.#controller = null;
  }
}
