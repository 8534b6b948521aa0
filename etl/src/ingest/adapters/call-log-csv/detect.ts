/** The Aircall call fields the adapter reads (the Call object's names; nested ones flattened with `_`). */
export const aircallFields = [
  'id',
  'direction',
  'status',
  'missed_call_reason',
  'started_at',
  'answered_at',
  'ended_at',
  'raw_digits',
  'user_name',
  'user_email',
  'teams',
  'transferred_to',
  'recording',
  'voicemail',
] as const;

/**
 * An Aircall call log: `direct_link` and `raw_digits` are Aircall's own names (the call's dashboard
 * link, the other party's number) and, with `id`, `started_at` and `direction`, name no column of the
 * canonical calls.csv or of another built-in format.
 */
export function detectAircallCallLog(header: readonly string[] | null): boolean {
  if (!header) {
    return false;
  }
  const present = new Set(header.map((h) => h.toLowerCase()));
  return ['id', 'direct_link', 'raw_digits', 'started_at', 'direction'].every((c) => present.has(c));
}
