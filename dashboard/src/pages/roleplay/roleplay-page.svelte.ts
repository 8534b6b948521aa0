import { tick } from 'svelte';
import { messageOf } from '../../lib/api/handle-error.js';
import {
  type CallFinderResult,
  fetchCall,
  fetchCalls,
  fetchSession,
  fetchSessions,
  fetchSuggested,
  type RoleplaySessionDto,
  type SuggestedCall,
  saveSession,
} from '../../lib/api/roleplay.api.js';
import type { DataStatus } from '../../lib/components/data-status.type.js';
import type { FilterCodec, UrlAccess } from '../../lib/filters/filter-codec.type.js';
import { browserUrl, UrlFilter } from '../../lib/filters/url-filter.svelte.js';
import { publishPageState } from '../../lib/test-hooks.js';
import { type FinderFilters, finderFiltersCodec } from './finder-filters.codec.js';

/** One call in the session being built, with its editable briefs. */
export interface DraftCall {
  callId: string;
  ticketId: string | null;
  label: string;
  customerBrief: string;
  agentBrief: string;
}

const sessionCodec: FilterCodec<string | null> = {
  parse: (params) => params.get('session')?.trim() || null,
  write: (params, value) => (value ? params.set('session', value) : params.delete('session')),
};

/** Results per page of the finder. */
export const pageSize = 25;

/**
 * The Role-play page's state: the finder's filters (in the URL, written when the trainer searches),
 * its results, the suggested lessons, and the session being built (in the URL once saved).
 */
export class RoleplayPageState {
  readonly filters: UrlFilter<FinderFilters>;
  readonly sessionId: UrlFilter<string | null>;
  /** The form's values, applied by search(). */
  form: FinderFilters = $state({});
  status: DataStatus = $state('loading');
  error: string | null = $state(null);
  results: CallFinderResult | null = $state.raw(null);
  suggested: SuggestedCall[] | null = $state.raw(null);
  suggestedError: string | null = $state(null);
  sessions: RoleplaySessionDto[] = $state.raw([]);

  // The session being built.
  title = $state('');
  learningGoal = $state('');
  notes = $state('');
  calls: DraftCall[] = $state([]);
  saved: { id: string; version: number } | null = $state(null);
  saving = $state(false);
  saveError: string | null = $state(null);
  savedAt: string | null = $state(null);
  adding: string | null = $state(null);

  #controller: AbortController | null = null;

  constructor(url: UrlAccess = browserUrl) {
    this.filters = new UrlFilter(finderFiltersCodec, url);
    this.sessionId = new UrlFilter(sessionCodec, url);
    this.form = { ...this.filters.value };
  }

  /** Loads the finder's page for the URL's filters, the suggestions, and the session named in the URL. */
  load = async (): Promise<void> => {
    publishPageState(false);
    const sessionId = this.sessionId.value;
    const [, , sessions, session] = await Promise.allSettled([
      this.#find(),
      fetchSuggested().then(
        (s) => {
          this.suggested = s;
        },
        (failure: unknown) => {
          this.suggestedError = messageOf(failure);
        },
      ),
      fetchSessions(),
      sessionId ? fetchSession(sessionId) : Promise.resolve(null),
    ]);
    if (sessions.status === 'fulfilled') {
      this.sessions = sessions.value;
    }
    if (session.status === 'fulfilled' && session.value) {
      this.#open(session.value);
    }
    await tick();
    publishPageState(true, this.error);
  };

  /** Applies the form's filters (from the first page) and records them in the URL. */
  search = async (offset = 0): Promise<void> => {
    const next: FinderFilters = { ...this.form, offset: offset > 0 ? String(offset) : undefined };
    this.filters.set(next);
    publishPageState(false);
    await this.#find();
    await tick();
    publishPageState(true, this.error);
  };

  /** Clears every filter. */
  reset = async (): Promise<void> => {
    this.form = {};
    await this.search(0);
  };

  async #find(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'loading';
    this.error = null;
    try {
      const results = await fetchCalls({ ...this.filters.value, limit: pageSize }, controller.signal);
      if (!controller.signal.aborted) {
        this.results = results;
        this.status = 'ready';
      }
    } catch (failure) {
      if (!controller.signal.aborted) {
        this.results = null;
        this.error = messageOf(failure);
        this.status = 'error';
      }
    }
  }

  /** True when the call is already in the session being built. */
  inSession(callId: string): boolean {
    return this.calls.some((c) => c.callId === callId);
  }

  /** Adds a call at the end of the session, with briefs drafted from its case. */
  add = async (callId: string): Promise<void> => {
    if (this.inSession(callId)) {
      return;
    }
    this.adding = callId;
    this.saveError = null;
    try {
      const found = await fetchCall(callId);
      const ticket = found.case?.ticket;
      this.calls.push({
        callId,
        ticketId: found.call.ticket_id,
        label: [ticket?.category, ticket?.policy].filter(Boolean).join(' · ') || 'no case',
        customerBrief: found.briefs.customerBrief,
        agentBrief: found.briefs.agentBrief,
      });
    } catch (failure) {
      this.saveError = messageOf(failure);
    } finally {
      this.adding = null;
    }
  };

  move(index: number, by: -1 | 1): void {
    const to = index + by;
    if (to < 0 || to >= this.calls.length) {
      return;
    }
    const [call] = this.calls.splice(index, 1);
    this.calls.splice(to, 0, call!);
  }

  remove(index: number): void {
    this.calls.splice(index, 1);
  }

  /** Saves the session (creating it the first time) and names it in the URL. */
  save = async (): Promise<void> => {
    this.saving = true;
    this.saveError = null;
    try {
      const session = await saveSession(
        {
          title: this.title,
          learningGoal: this.learningGoal,
          notes: this.notes,
          calls: this.calls.map(({ callId, customerBrief, agentBrief }) => ({
            callId,
            customerBrief,
            agentBrief,
          })),
        },
        this.saved,
      );
      this.#open(session);
      this.sessionId.set(session.id);
      this.savedAt = new Date().toISOString();
      this.sessions = [session, ...this.sessions.filter((s) => s.id !== session.id)];
      // The finder's "used in" counts changed.
      await this.#find();
    } catch (failure) {
      this.saveError = messageOf(failure);
    } finally {
      this.saving = false;
    }
  };

  /** Opens a saved session in the builder. */
  openSession = async (id: string | null): Promise<void> => {
    if (!id) {
      this.#open(null);
      this.sessionId.set(null);
      return;
    }
    try {
      this.#open(await fetchSession(id));
      this.sessionId.set(id);
    } catch (failure) {
      this.saveError = messageOf(failure);
    }
  };

  #open(session: RoleplaySessionDto | null): void {
    this.saved = session ? { id: session.id, version: session.version } : null;
    this.title = session?.title ?? '';
    this.learningGoal = session?.learningGoal ?? '';
    this.notes = session?.notes ?? '';
    this.calls = (session?.calls ?? []).map((c) => ({ ...c, label: c.ticketId ?? 'no case' }));
    this.savedAt = null;
  }

  dispose(): void {
    this.#controller?.abort();
  }
}
