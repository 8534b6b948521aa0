import { tick } from 'svelte';
import { messageOf } from '../../lib/api/handle-error.js';
import { fetchDataRange } from '../../lib/api/practices.api.js';
import {
  type AgreementReport,
  type FillQueue,
  type FillQueueResult,
  fetchAgreement,
  fetchQueue,
  fetchReviewers,
  fetchWorkload,
  fillQueue,
  type QueueQuery,
  type ReviewerDto,
  type ReviewerWorkload,
  type ReviewQueueItemDto,
} from '../../lib/api/reviews.api.js';
import { fetchStandardsOverview } from '../../lib/api/standards.api.js';
import type { DataStatus } from '../../lib/components/data-status.type.js';
import { ALL_DATES } from '../../lib/filters/date-range.codec.js';
import type { UrlAccess } from '../../lib/filters/filter-codec.type.js';
import { browserUrl, UrlFilter } from '../../lib/filters/url-filter.svelte.js';
import { may } from '../../lib/session/session.svelte.js';
import { publishPageState } from '../../lib/test-hooks.js';
import {
  type CaseExportFilter,
  caseExportFilterCodec,
  type QueueFilter,
  queueFilterCodec,
} from './review-filters.codec.js';

/** The keys the per-case export can be narrowed to, from the Overview's breakdowns of all the data. */
export interface ExportOptions {
  categories: string[];
  departments: string[];
  teams: string[];
  dataRange: { from: string; to: string } | null;
}

/**
 * The Review page without an item open: the queue with its filters (in the URL), the sampling-rules
 * form's last result, the agreement and workload tables, and the per-case export's filters (in the
 * URL too). The queue reloads on each filter change; the rest loads once with the page.
 */
export class ReviewQueueState {
  readonly filter: UrlFilter<QueueFilter>;
  readonly exportFilter: UrlFilter<CaseExportFilter>;
  status: DataStatus = $state('loading');
  error: string | null = $state(null);
  items: ReviewQueueItemDto[] = $state.raw([]);

  extrasStatus: DataStatus = $state('loading');
  extrasError: string | null = $state(null);
  agreement: AgreementReport | null = $state.raw(null);
  workload: ReviewerWorkload[] = $state.raw([]);
  reviewers: ReviewerDto[] = $state.raw([]);
  options: ExportOptions = $state.raw({ categories: [], departments: [], teams: [], dataRange: null });

  filling = $state(false);
  fillError: string | null = $state(null);
  fillResult: FillQueueResult | null = $state.raw(null);

  /** Mine for whoever submits reviews (role qa), all for leads and admins, unless the URL says. */
  readonly view = $derived.by(
    () => this.filter.value.view ?? (may('POST /api/reviews/queue/:id/review') ? 'mine' : 'all'),
  );
  readonly query: QueueQuery = $derived.by(() => ({
    mine: this.view === 'mine',
    assignee: this.view === 'all' ? this.filter.value.assignee : null,
    status: this.filter.value.status === 'any' ? null : this.filter.value.status,
    overdue: this.filter.value.overdue,
  }));
  readonly overdueCount = $derived(this.items.filter((item) => item.overdue).length);

  #controller: AbortController | null = null;

  constructor(url: UrlAccess = browserUrl) {
    this.filter = new UrlFilter(queueFilterCodec, url);
    this.exportFilter = new UrlFilter(caseExportFilterCodec, url);
  }

  /** Loads the queue and, the first time, the agreement, workload, reviewers and export options. */
  load = async (): Promise<void> => {
    const first = this.extrasStatus === 'loading';
    await this.#settled(() =>
      Promise.all([this.#loadQueue(), first ? this.#loadExtras() : Promise.resolve()]),
    );
  };

  /** Runs a load and then tells browser tests the page has drawn (test-hooks), unless a newer load began. */
  async #settled(work: () => Promise<unknown>): Promise<void> {
    publishPageState(false);
    const pending = work();
    // Every load starts the queue's request (and its controller) before its first await.
    const controller = this.#controller;
    await pending;
    await tick();
    if (this.#controller === controller) {
      publishPageState(true, this.error ?? this.extrasError);
    }
  }

  async #loadQueue(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'loading';
    this.error = null;
    try {
      const items = await fetchQueue(this.query, controller.signal);
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
  }

  async #loadExtras(): Promise<void> {
    const [agreement, workload, reviewers, standards, range] = await Promise.allSettled([
      fetchAgreement(),
      fetchWorkload(),
      fetchReviewers(),
      fetchStandardsOverview(ALL_DATES),
      fetchDataRange(),
    ]);
    if (agreement.status === 'fulfilled' && workload.status === 'fulfilled') {
      this.agreement = agreement.value;
      this.workload = workload.value;
      this.extrasStatus = 'ready';
    } else {
      const failed =
        agreement.status === 'rejected' ? agreement.reason : (workload as PromiseRejectedResult).reason;
      this.extrasError = messageOf(failed);
      this.extrasStatus = 'error';
    }
    this.reviewers = reviewers.status === 'fulfilled' ? reviewers.value : [];
    // The export's pickers are a convenience: without them the export still works unfiltered.
    const keys = (dimension: 'category' | 'department' | 'team') =>
      standards.status === 'fulfilled'
        ? standards.value.breakdown[dimension].map((row) => row.key).sort((a, b) => a.localeCompare(b))
        : [];
    this.options = {
      categories: keys('category'),
      departments: keys('department'),
      teams: keys('team'),
      dataRange: range.status === 'fulfilled' ? range.value : null,
    };
  }

  setFilter(filter: QueueFilter): void {
    this.filter.set(filter);
    void this.#settled(() => this.#loadQueue());
  }

  setExportFilter(filter: CaseExportFilter): void {
    this.exportFilter.set(filter);
  }

  /** Runs the sampling rules for a month; the queue and workload reload with the new items. */
  fill = async (rules: Partial<FillQueue> & Pick<FillQueue, 'month'>): Promise<void> => {
    this.filling = true;
    this.fillError = null;
    this.fillResult = null;
    try {
      this.fillResult = await fillQueue(rules);
      await this.#settled(async () => {
        const [workload] = await Promise.all([fetchWorkload(), this.#loadQueue()]);
        this.workload = workload;
      });
    } catch (failure) {
      this.fillError = messageOf(failure);
    } finally {
      this.filling = false;
    }
  };

  dispose(): void {
    this.#controller?.abort();
    this.#controller = null;
  }
}
