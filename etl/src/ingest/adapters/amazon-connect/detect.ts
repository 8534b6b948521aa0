import type { FileHead } from '../adapter.types.js';

/**
 * A contact record (CTR) stream: the first JSON object carries the fields every contact record has
 * (ContactId, Channel, InitiationMethod, InitiationTimestamp), spelled as Amazon Connect's data model
 * spells them; no other built-in format uses those names.
 */
export function detectAmazonConnect(head: FileHead): boolean {
  const record = head.firstRecord;
  return (
    !!record &&
    typeof record.ContactId === 'string' &&
    typeof record.InitiationMethod === 'string' &&
    'Channel' in record &&
    'InitiationTimestamp' in record
  );
}
