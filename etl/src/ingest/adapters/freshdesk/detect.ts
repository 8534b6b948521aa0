import type { FileHead } from '../adapter.types.js';

// Column labels of Freshdesk's ticket export (Tickets › Export), in any letter case.
const signature = ['ticket id', 'status', 'created time'];

/** Recognises a Freshdesk tickets CSV export by its header. */
export function isFreshdeskTickets(head: FileHead): boolean {
  if (!head.header) {
    return false;
  }
  const present = new Set(head.header.map((h) => h.trim().toLowerCase()));
  return signature.every((name) => present.has(name));
}
