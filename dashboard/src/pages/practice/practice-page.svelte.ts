import { tick } from 'svelte';
import { createFaqUpdate, type FaqUpdateDto, listFaqUpdates } from '../../lib/api/faq-updates.api.js';
import { messageOf } from '../../lib/api/handle-error.js';
import {
  type FaqEffect,
  fetchDataRange,
  fetchFaqEffect,
  fetchPracticeCases,
  fetchPractices,
  type PracticeCaseOutcome,
  type PracticeCasesPage,
  type PracticesReport,
} from '../../lib/api/practices.api.js';
import { monthMarkers } from '../../lib/charts/marker-position.util.js';
import type { DataStatus } from '../../lib/components/data-status.type.js';
import { DATE_PRESETS, matchingPreset, presetRange } from '../../lib/filters/date-presets.util.js';
import { ALL_DATES, type DateRange, dateRangeCodec } from '../../lib/filters/date-range.codec.js';
import type { UrlAccess } from '../../lib/filters/filter-codec.type.js';
import { browserUrl, UrlFilter } from '../../lib/filters/url-filter.svelte.js';
import { faqUpdateHref, splitPractice } from '../../lib/navigation/practice-links.js';
import { publishPageState } from '../../lib/test-hooks.js';
import {
  type CaseSelection,
  caseSelectionCodec,
  NO_CASES,
  practiceKeyCodec,
} from './practice-filters.codec.js';
import {
  escalationRateByMonth,
  evidenceWindow,
  monthsBetween,
  otherPracticesMonthly,
  overturnByMonth,
  publicationEvents,
} from './practice-series.util.js';

/** Cases per page of the click-through list. */
export const CASES_PAGE_SIZE = 25;
/** Cases proposed as evidence for an FAQ update. */
export const EVIDENCE_CASES = 10;

interface PracticePageDeps {
  url?: UrlAccess;
}

/**
 * The Practice page's state: which practice, the date range and the cases opened under the charts
 * (all in the URL); the report it is read from (all practices, for the control), its FAQ updates,
 * the proposed evidence and, once an update is published, its before/after effect.
 */
export class PracticePageState {
  readonly key: UrlFilter<string | null>;
  readonly range: UrlFilter<DateRange>;
  readonly selection: UrlFilter<CaseSelection>;
  status: DataStatus = $state('loading');
  error: string | null = $state(null);
  inputError: string | null = $state(null);
  report: PracticesReport | null = $state.raw(null);
  updates: FaqUpdateDto[] = $state.raw([]);
  dataRange: { from: string; to: string } | null = $state.raw(null);

  cases: PracticeCasesPage | null = $state.raw(null);
  casesStatus: DataStatus = $state('loading');
  casesError: string | null = $state(null);
  /** The list's page, kept in the URL (`?offset=`) so a shared link opens the same page. */
  readonly casesOffset = $derived.by(() => this.selection.value.offset);

  evidence: PracticeCasesPage | null = $state.raw(null);
  evidenceStatus: DataStatus = $state('loading');
  evidenceError: string | null = $state(null);

  effect: FaqEffect | null = $state.raw(null);
  effectStatus: DataStatus = $state('loading');
  effectError: string | null = $state(null);

  opening = $state(false);
  openError: string | null = $state(null);

  // $derived.by: these read fields the constructor sets after the field initialisers run.
  readonly figures = $derived.by(
    () => this.report?.practices.find((p) => p.practice === this.key.value) ?? null,
  );
  readonly name = $derived.by(() => splitPractice(this.key.value ?? ''));
  readonly notFound = $derived.by(
    () => this.status === 'ready' && this.key.value !== null && this.report !== null && this.figures === null,
  );
  readonly months = $derived(
    this.report?.range ? monthsBetween(this.report.range.from, this.report.range.to) : [],
  );
  readonly overturn = $derived(overturnByMonth(this.months, this.figures?.monthly ?? []));
  readonly rate = $derived(escalationRateByMonth(this.months, this.figures?.monthly ?? []));
  readonly control = $derived.by(() =>
    overturnByMonth(
      this.months,
      this.report && this.key.value ? otherPracticesMonthly(this.report, this.key.value) : [],
    ),
  );
  readonly publications = $derived(publicationEvents(this.updates));
  readonly markers = $derived(monthMarkers(this.months, this.publications));
  /** The FAQ update whose effect is shown: the latest published one (or published, since retired). */
  readonly publishedUpdate = $derived.by(() => {
    const latest = this.publications.at(-1);
    return latest
      ? (this.updates.find((u) => u.publishedAt === latest.date && u.status !== 'draft') ?? null)
      : null;
  });
  readonly evidenceRange = $derived(
    this.figures && this.report?.range ? evidenceWindow(this.figures.trend, this.report.range) : null,
  );
  readonly casesOpen = $derived.by(
    () =>
      this.selection.value.month !== null ||
      this.selection.value.outcome !== null ||
      this.selection.value.group !== null ||
      this.selection.value.control,
  );
  readonly activePreset = $derived.by(() => matchingPreset(this.range.value, this.dataRange?.to ?? null));

  #controller: AbortController | null = null;
  #casesController: AbortController | null = null;

  constructor({ url = browserUrl }: PracticePageDeps = {}) {
    this.key = new UrlFilter(practiceKeyCodec, url);
    this.range = new UrlFilter(dateRangeCodec, url);
    this.selection = new UrlFilter(caseSelectionCodec, url);
  }

  /** Loads the report and FAQ updates, then the cases, evidence and effect that hang on them. */
  load = async (): Promise<void> => {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'loading';
    this.error = null;
    publishPageState(false);
    const key = this.key.value;
    try {
      const [report, updates, dataRange] = await Promise.all([
        fetchPractices(this.range.value, null, controller.signal),
        key ? listFaqUpdates({ practice: key }, controller.signal) : Promise.resolve([]),
        this.dataRange ? Promise.resolve(this.dataRange) : fetchDataRange(controller.signal),
      ]);
      if (controller.signal.aborted) {
        return;
      }
      this.report = report;
      this.updates = updates;
      this.dataRange = dataRange;
      this.status = 'ready';
      if (this.figures) {
        await Promise.all([
          this.#loadCases(controller),
          this.#loadEvidence(controller),
          this.#loadEffect(controller),
        ]);
      }
    } catch (failure) {
      if (controller.signal.aborted) {
        return;
      }
      this.report = null;
      this.error = messageOf(failure);
      this.status = 'error';
    }
    if (controller.signal.aborted) {
      return;
    }
    await tick();
    if (this.#controller === controller) {
      publishPageState(true, this.error);
    }
  };

  async #loadCases(parent: AbortController): Promise<void> {
    const key = this.key.value;
    if (!key || !this.casesOpen) {
      this.cases = null;
      return;
    }
    this.#casesController?.abort();
    const controller = new AbortController();
    this.#casesController = controller;
    parent.signal.addEventListener('abort', () => controller.abort());
    this.casesStatus = 'loading';
    this.casesError = null;
    try {
      const page = await fetchPracticeCases(
        {
          practice: this.selection.value.control ? `others:${key}` : key,
          range: this.range.value,
          month: this.selection.value.month,
          outcome: this.selection.value.outcome ?? 'any',
          group: this.selection.value.group,
          limit: CASES_PAGE_SIZE,
          offset: this.casesOffset,
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
      this.casesError = messageOf(failure);
      this.casesStatus = 'error';
    }
  }

  async #loadEvidence(controller: AbortController): Promise<void> {
    const key = this.key.value;
    const window = this.evidenceRange;
    if (!key || !window) {
      return;
    }
    this.evidenceStatus = 'loading';
    this.evidenceError = null;
    try {
      const page = await fetchPracticeCases(
        {
          practice: key,
          range: { from: window.from, to: window.to },
          month: null,
          outcome: 'overturned_or_partial',
          order: 'level',
          limit: EVIDENCE_CASES,
          offset: 0,
        },
        controller.signal,
      );
      if (controller.signal.aborted) {
        return;
      }
      this.evidence = page;
      this.evidenceStatus = 'ready';
    } catch (failure) {
      if (controller.signal.aborted) {
        return;
      }
      this.evidenceError = messageOf(failure);
      this.evidenceStatus = 'error';
    }
  }

  async #loadEffect(controller: AbortController): Promise<void> {
    const key = this.key.value;
    const update = this.publishedUpdate;
    if (!key || !update?.publishedAt) {
      this.effect = null;
      return;
    }
    this.effectStatus = 'loading';
    this.effectError = null;
    try {
      const effect = await fetchFaqEffect(key, update.publishedAt, controller.signal);
      if (controller.signal.aborted) {
        return;
      }
      this.effect = effect;
      this.effectStatus = 'ready';
    } catch (failure) {
      if (controller.signal.aborted) {
        return;
      }
      this.effect = null;
      this.effectError = messageOf(failure);
      this.effectStatus = 'error';
    }
  }

  /** Reloads only the cases list (a month, an outcome or a page picked), settling the page once drawn. */
  async #reloadCases(): Promise<void> {
    publishPageState(false);
    const controller = this.#controller ?? new AbortController();
    await this.#loadCases(controller);
    await tick();
    publishPageState(true, this.error ?? this.casesError);
  }

  /** Opens a month's cases (a click on the charts or the month picker); keeps the outcome filter. */
  selectMonth(month: string | null): void {
    this.selection.set({ ...this.selection.value, month, offset: 0 });
    void this.#reloadCases();
  }

  setOutcome(outcome: PracticeCaseOutcome): void {
    this.selection.set({ ...this.selection.value, outcome, offset: 0 });
    void this.#reloadCases();
  }

  closeCases(): void {
    this.selection.set(NO_CASES);
    this.cases = null;
  }

  pageCases(offset: number): void {
    this.selection.set({ ...this.selection.value, offset: Math.max(0, offset) });
    void this.#reloadCases();
  }

  setRange(range: DateRange): void {
    if (range.from !== null && range.to !== null && range.from > range.to) {
      this.inputError = 'The start date must not be after the end date.';
      return;
    }
    this.inputError = null;
    this.range.set(range);
    this.selection.set({ ...this.selection.value, offset: 0 });
    void this.load();
  }

  applyPreset(id: string): void {
    const preset = DATE_PRESETS.find((p) => p.id === id);
    this.setRange(preset ? presetRange(preset, this.dataRange?.to ?? null) : ALL_DATES);
  }

  /** Creates a draft FAQ update for this practice with the proposed evidence; returns its editor's address. */
  async openFaqUpdate(): Promise<string | null> {
    const key = this.key.value;
    if (!key || this.opening) {
      return null;
    }
    this.opening = true;
    this.openError = null;
    try {
      const created = await createFaqUpdate({
        practice: key,
        title: `FAQ update: ${this.name.name.replaceAll('_', ' ')}`,
        evidenceTicketIds: (this.evidence?.cases ?? []).map((c) => c.ticketId),
        guidanceMarkdown: '',
      });
      return faqUpdateHref(created.id);
    } catch (failure) {
      this.openError = messageOf(failure);
      return null;
    } finally {
      this.opening = false;
    }
  }

  dispose(): void {
    this.#controller?.abort();
    this.#casesController?.abort();
    this.#controller = null;
  }
}
