/**
 * The canonical export format: one place that says which files exist, their columns, which are
 * required, how each is typed and checked, and each file's natural key. The loader's SQL and the
 * documentation in etl/README.md are both derived from (or tested against) this declaration.
 */

export type ColumnType =
  | { kind: 'text' }
  | { kind: 'timestamp' }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'date' }
  /** A money amount: digits with at most two decimal places ('.' as the point), at least `min`. */
  | { kind: 'decimal'; min: number }
  /** An ISO 4217 currency code, three letters (upper-cased as loaded). */
  | { kind: 'currency' }
  | { kind: 'enum'; values: readonly string[] };

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** The column must be in the header. */
  inHeader: boolean;
  /** Every row must have a value. */
  required: boolean;
}

export type CanonicalKind = 'tickets' | 'events' | 'calls' | 'agents' | 'routing' | 'offers' | 'customers';

export interface CanonicalFileSpec {
  kind: CanonicalKind;
  columns: readonly ColumnSpec[];
  /** Rows of a newer file replace the stored rows with the same values of these columns. */
  replaceBy: readonly string[];
  /** Within one file, a later row with the same key supersedes an earlier one (events have no key). */
  uniqueKey: readonly string[] | null;
  /** Cross-field checks: a SQL condition over typed columns that marks a row as bad, and why. */
  rowChecks: readonly { field: string; condition: string; reason: string }[];
}

export const eventTypes = [
  'created',
  'assigned',
  'escalated',
  'de-escalated',
  'note',
  'customer_reply',
  'resolved',
  'reopened',
  'survey',
] as const;
export const escalationTypes = ['expertise', 'automatic', 'hierarchical', 'customer'] as const;
export const outcomes = ['upheld', 'overturned', 'partial', 'withdrawn'] as const;
export const ticketStatuses = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const offerKinds = ['refund', 'credit', 'goodwill', 'fee_waiver', 'replacement', 'other'] as const;
/**
 * An offer's states: `requested` = an agent asks a higher tier to approve it (at the asker's level);
 * `approved` / `refused` = the decision, at the decider's level (a level-1 agent refusing on their own
 * is a `refused` row at level 1); `offered` = put to the customer; `accepted` / `declined` = the
 * customer's answer.
 */
export const offerStatuses = ['requested', 'approved', 'refused', 'offered', 'accepted', 'declined'] as const;

const text = { kind: 'text' } as const;
const timestamp = { kind: 'timestamp' } as const;
const level = { kind: 'integer', min: 1, max: 4 } as const;

function col(name: string, type: ColumnType, options: { required?: boolean; optional?: boolean } = {}) {
  return { name, type, required: options.required ?? false, inHeader: !options.optional };
}

export const canonicalFiles: Record<CanonicalKind, CanonicalFileSpec> = {
  tickets: {
    kind: 'tickets',
    columns: [
      col('ticket_id', text, { required: true }),
      col('created_at', timestamp, { required: true }),
      col('resolved_at', timestamp),
      col('customer_id', text),
      col('channel', text),
      col('category', text),
      col('policy', text),
      col('priority', text),
      col('status', { kind: 'enum', values: ticketStatuses }),
      col('csat', { kind: 'integer', min: 1, max: 5 }),
      col('outcome', { kind: 'enum', values: outcomes }),
    ],
    replaceBy: ['ticket_id'],
    uniqueKey: ['ticket_id'],
    rowChecks: [
      { field: 'resolved_at', condition: 'resolved_at < created_at', reason: 'resolved before created' },
    ],
  },
  events: {
    kind: 'events',
    columns: [
      col('ticket_id', text, { required: true }),
      col('at', timestamp, { required: true }),
      col('type', { kind: 'enum', values: eventTypes }, { required: true }),
      col('level', level),
      col('department', text),
      col('agent_id', text),
      col('escalation_type', { kind: 'enum', values: escalationTypes }),
      col('note', text),
      col('status', { kind: 'enum', values: ticketStatuses }, { optional: true }),
      col('value', text, { optional: true }),
    ],
    // A newer export of a ticket's history replaces all of that ticket's events.
    replaceBy: ['ticket_id'],
    uniqueKey: null,
    rowChecks: [
      {
        field: 'level',
        condition: "type = 'escalated' AND level IS NULL",
        reason: 'escalated without a level',
      },
    ],
  },
  calls: {
    kind: 'calls',
    columns: [
      col('call_id', text, { required: true }),
      col('ticket_id', text),
      col('customer_id', text),
      col('agent_id', text),
      col('department', text),
      col('level', level),
      col('started_at', timestamp, { required: true }),
      col('ended_at', timestamp),
      col('direction', { kind: 'enum', values: ['inbound', 'outbound'] }),
      col('disposition', text),
      col('recording_url', text),
      col('transcript', text),
      // When the caller joined the agents' queue and when an agent picked up: the wait, for the
      // staffing figures (Erlang C). Optional; the wait of a call without them is unknown.
      col('queued_at', timestamp, { optional: true }),
      col('answered_at', timestamp, { optional: true }),
    ],
    replaceBy: ['call_id'],
    uniqueKey: ['call_id'],
    rowChecks: [
      {
        field: 'ended_at',
        condition: 'ended_at < started_at',
        reason: 'ended before it started (negative duration)',
      },
    ],
  },
  agents: {
    kind: 'agents',
    columns: [
      col('agent_id', text, { required: true }),
      col('name', text),
      col('team', text),
      col('department', text),
    ],
    replaceBy: ['agent_id'],
    uniqueKey: ['agent_id'],
    rowChecks: [],
  },
  offers: {
    kind: 'offers',
    columns: [
      col('offer_id', text, { required: true }),
      col('ticket_id', text, { required: true }),
      col('at', timestamp, { required: true }),
      col('level', level),
      col('agent_id', text),
      col('kind', { kind: 'enum', values: offerKinds }, { required: true }),
      col('amount', { kind: 'decimal', min: 0 }),
      col('currency', { kind: 'currency' }),
      col('status', { kind: 'enum', values: offerStatuses }, { required: true }),
    ],
    // The rows of one offer are its states; a newer export of an offer replaces all of them.
    replaceBy: ['offer_id'],
    uniqueKey: ['offer_id', 'status'],
    rowChecks: [
      {
        field: 'currency',
        condition: 'amount IS NOT NULL AND currency IS NULL',
        reason: 'an amount without a currency',
      },
      {
        field: 'level',
        condition: "status IN ('requested', 'approved', 'refused') AND level IS NULL",
        reason: 'a request or decision without a level',
      },
    ],
  },
  customers: {
    kind: 'customers',
    columns: [
      col('customer_id', text, { required: true }),
      col('since', { kind: 'date' }),
      col('segment', text),
      col('annual_value', { kind: 'decimal', min: 0 }),
    ],
    replaceBy: ['customer_id'],
    uniqueKey: ['customer_id'],
    rowChecks: [],
  },
  routing: {
    kind: 'routing',
    columns: [
      col('category', text, { required: true }),
      col('level', level, { required: true }),
      col('department', text, { required: true }),
    ],
    replaceBy: ['category', 'level'],
    uniqueKey: ['category', 'level'],
    rowChecks: [],
  },
};

/** Recognises a canonical file by its header: the kind whose header columns are all present. */
export function detectCanonicalKind(header: readonly string[]): CanonicalKind | null {
  const present = new Set(header.map((h) => h.trim().toLowerCase()));
  // Most specific first: events' and calls' headers are supersets of no other kind's, but routing's
  // three columns also appear in events and calls.
  const order: CanonicalKind[] = ['events', 'calls', 'offers', 'tickets', 'customers', 'agents', 'routing'];
  for (const kind of order) {
    if (canonicalFiles[kind].columns.filter((c) => c.inHeader).every((c) => present.has(c.name))) {
      return kind;
    }
  }
  return null;
}

/**
 * The kind whose columns overlap the header most (its key column included), for naming the missing
 * columns of a file that is nearly canonical; null when nothing is close.
 */
export function closestCanonicalKind(header: readonly string[]): CanonicalKind | null {
  const present = new Set(header.map((h) => h.trim().toLowerCase()));
  let best: { kind: CanonicalKind; overlap: number } | null = null;
  for (const spec of Object.values(canonicalFiles)) {
    const overlap = spec.columns.filter((c) => present.has(c.name)).length;
    if (present.has(spec.columns[0].name) && overlap >= 2 && (!best || overlap > best.overlap)) {
      best = { kind: spec.kind, overlap };
    }
  }
  return best?.kind ?? null;
}
