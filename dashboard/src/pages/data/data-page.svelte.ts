import { tick } from 'svelte';
import { fetchLoadedFiles, fetchRejects, type LoadedFile, type RejectsPage } from '../../lib/api/data.api.js';
import { messageOf } from '../../lib/api/handle-error.js';
import type { DataStatus } from '../../lib/components/data-status.type.js';
import type { UrlAccess } from '../../lib/filters/filter-codec.type.js';
import { browserUrl, UrlFilter } from '../../lib/filters/url-filter.svelte.js';
import { publishPageState } from '../../lib/test-hooks.js';
import { groupRuns, isSelected, PAGE_SIZE, rejectBars, selectionOf, shortNames } from './data-files.util.js';
import { type FileSelection, fileSelectionCodec, NO_FILE } from './file-selection.codec.js';

interface DataPageDeps {
  fetchFiles?: typeof fetchLoadedFiles;
  fetchRejects?: typeof fetchRejects;
  url?: UrlAccess;
}

/**
 * The Data page's state: the loaded files (grouped by run, and as chart bars), the selected file (kept
 * in the URL) and one page of its rejected rows. Files and rejects load in parallel; picking a file or
 * a page reloads only the rejects, cancelling a rejects load still in flight.
 */
export class DataPageState {
  readonly selection: UrlFilter<FileSelection>;
  files: LoadedFile[] | null = $state.raw(null);
  filesStatus: DataStatus = $state('loading');
  filesError: string | null = $state(null);
  rejects: RejectsPage | null = $state.raw(null);
  rejectsStatus: DataStatus = $state('loading');
  rejectsError: string | null = $state(null);
  /** Offset of the first reject shown; a new selection starts again at 0. */
  offset = $state(0);

  readonly runs = $derived(groupRuns(this.files ?? []));
  readonly names = $derived(shortNames((this.files ?? []).map((file) => file.file)));
  readonly bars = $derived(rejectBars(this.files ?? [], this.names));
  // $derived.by: these read this.selection, which the constructor sets after field initialisers run.
  /** The loaded files the selection picks (several when it names a path loaded by several runs). */
  readonly selectedFiles = $derived.by(() =>
    (this.files ?? []).filter((file) => isSelected(file, this.selection.value)),
  );

  readonly #fetchFiles: typeof fetchLoadedFiles;
  readonly #fetchRejects: typeof fetchRejects;
  #filesController: AbortController | null = null;
  #rejectsController: AbortController | null = null;
  /** Loads in flight; the page is ready for tests when none is left. */
  #pending = 0;

  constructor({
    fetchFiles = fetchLoadedFiles,
    fetchRejects: rejects = fetchRejects,
    url = browserUrl,
  }: DataPageDeps = {}) {
    this.#fetchFiles = fetchFiles;
    this.#fetchRejects = rejects;
    this.selection = new UrlFilter(fileSelectionCodec, url);
  }

  /** (Re)loads the files and the current page of rejects; earlier loads still running are cancelled. */
  load = async (): Promise<void> => {
    this.#filesController?.abort();
    const controller = new AbortController();
    this.#filesController = controller;
    this.filesStatus = 'loading';
    this.filesError = null;
    await this.#settle(Promise.all([this.#loadFiles(controller), this.#loadRejects()]));
  };

  /** Reloads only the current page of rejects. */
  reloadRejects = async (): Promise<void> => {
    await this.#settle(this.#loadRejects());
  };

  /** Shows a file's rejects (the user clicked its row or its bar), from the first page. */
  select(file: LoadedFile): void {
    const next = selectionOf(file, this.files ?? []);
    if (next.file === this.selection.value.file && next.run === this.selection.value.run) {
      return;
    }
    this.selection.set(next);
    this.offset = 0;
    void this.reloadRejects();
  }

  /** Back to the rejects of every file. */
  showAllFiles(): void {
    this.selection.set(NO_FILE);
    this.offset = 0;
    void this.reloadRejects();
  }

  /** Moves a page forward (1) or back (-1), staying within the rows that exist. */
  turnPage(direction: 1 | -1): void {
    const total = this.rejects?.total ?? 0;
    const offset = Math.max(0, this.offset + direction * PAGE_SIZE);
    if (offset === this.offset || offset >= total) {
      return;
    }
    this.offset = offset;
    void this.reloadRejects();
  }

  /** Cancels loads still in flight (the page is going away). */
  dispose(): void {
    this.#filesController?.abort();
    this.#rejectsController?.abort();
    this.#filesController = null;
    this.#rejectsController = null;
  }

  async #loadFiles(controller: AbortController): Promise<void> {
    try {
      const files = await this.#fetchFiles(controller.signal);
      if (controller.signal.aborted) {
        return;
      }
      this.files = files;
      this.filesStatus = 'ready';
    } catch (failure) {
      if (controller.signal.aborted) {
        return;
      }
      this.files = null;
      this.filesError = messageOf(failure);
      this.filesStatus = 'error';
    }
  }

  async #loadRejects(): Promise<void> {
    this.#rejectsController?.abort();
    const controller = new AbortController();
    this.#rejectsController = controller;
    this.rejectsStatus = 'loading';
    this.rejectsError = null;
    const { file, run } = this.selection.value;
    try {
      const rejects = await this.#fetchRejects(
        { file, runId: run, limit: PAGE_SIZE, offset: this.offset },
        controller.signal,
      );
      if (controller.signal.aborted) {
        return;
      }
      this.rejects = rejects;
      this.rejectsStatus = 'ready';
    } catch (failure) {
      if (controller.signal.aborted) {
        return;
      }
      this.rejects = null;
      this.rejectsError = messageOf(failure);
      this.rejectsStatus = 'error';
    }
  }

  /** Tells tests the page is loading, then, once no load is left in flight and the DOM is drawn, ready. */
  async #settle(work: Promise<unknown>): Promise<void> {
    this.#pending += 1;
    publishPageState(false);
    try {
      await work;
    } finally {
      this.#pending -= 1;
    }
    // Wait for the table and chart to draw the new data before telling tests the page is ready.
    await tick();
    if (this.#pending === 0) {
      publishPageState(true, this.filesError ?? this.rejectsError);
    }
  }
}
