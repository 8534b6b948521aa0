import type { FilterCodec } from '../../lib/filters/filter-codec.type.js';
import { setOrDelete } from '../../lib/filters/set-or-delete.util.js';
import { uuidCodec } from '../../lib/filters/uuid.codec.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The queue's filters: `?view=mine|all` (absent: the user's default, mine for reviewers and all for
 * leads), `?status=done|any` (absent: open), `?overdue=true`, `?assignee=name` (with view all).
 */
export interface QueueFilter {
  readonly view: 'mine' | 'all' | null;
  readonly status: 'open' | 'done' | 'any';
  readonly overdue: boolean;
  readonly assignee: string | null;
}

export const DEFAULT_QUEUE_FILTER: QueueFilter = {
  view: null,
  status: 'open',
  overdue: false,
  assignee: null,
};

export const queueFilterCodec: FilterCodec<QueueFilter> = {
  parse(params) {
    const view = params.get('view')?.trim().toLowerCase();
    const status = params.get('status')?.trim().toLowerCase();
    const assignee = params.get('assignee')?.trim() ?? '';
    return {
      view: view === 'mine' || view === 'all' ? view : null,
      status: status === 'done' || status === 'any' ? status : 'open',
      overdue: params.get('overdue')?.trim().toLowerCase() === 'true',
      assignee: assignee === '' ? null : assignee,
    };
  },
  write(params, value) {
    setOrDelete(params, 'view', value.view);
    setOrDelete(params, 'status', value.status === 'open' ? null : value.status);
    setOrDelete(params, 'overdue', value.overdue ? 'true' : null);
    setOrDelete(params, 'assignee', value.view === 'mine' ? null : value.assignee);
  },
};

/** `?item=<uuid>`: the queue item open in the review form; none (or no UUID) shows the queue. */
export const reviewItemCodec: FilterCodec<string | null> = uuidCodec('item');

/** The per-case export's filters: `?from&to` (first contact), `?category`, `?department`, `?team`. */
export interface CaseExportFilter {
  readonly from: string | null;
  readonly to: string | null;
  readonly category: string | null;
  readonly department: string | null;
  readonly team: string | null;
}

export const ALL_CASES: CaseExportFilter = {
  from: null,
  to: null,
  category: null,
  department: null,
  team: null,
};

const KEYS = ['from', 'to', 'category', 'department', 'team'] as const;

export const caseExportFilterCodec: FilterCodec<CaseExportFilter> = {
  parse(params) {
    const read = (key: (typeof KEYS)[number]) => {
      const value = params.get(key)?.trim() ?? '';
      if (value === '') {
        return null;
      }
      return key === 'from' || key === 'to' ? (DATE.test(value) ? value : null) : value;
    };
    const from = read('from');
    const to = read('to');
    // A hand-edited URL with the ends swapped still shows something.
    const swapped = from !== null && to !== null && from > to;
    return {
      from: swapped ? to : from,
      to: swapped ? from : to,
      category: read('category'),
      department: read('department'),
      team: read('team'),
    };
  },
  write(params, value) {
    for (const key of KEYS) {
      setOrDelete(params, key, value[key]);
    }
  },
};
