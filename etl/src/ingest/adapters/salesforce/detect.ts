import type { FileHead } from '../adapter.types.js';

/** Which Salesforce Service Cloud object a CSV export holds. */
export type SalesforceObject = 'Case' | 'CaseHistory';

// API field names, as the Data Export service and Data Loader write them (in any letter case).
const signatures: Record<SalesforceObject, readonly string[]> = {
  Case: ['id', 'casenumber', 'status', 'createddate'],
  CaseHistory: ['caseid', 'field', 'oldvalue', 'newvalue', 'createddate'],
};

/** Recognises a Salesforce Case or CaseHistory CSV by its header; null for anything else. */
export function salesforceObject(head: FileHead): SalesforceObject | null {
  if (!head.header) {
    return null;
  }
  const present = new Set(head.header.map((h) => h.trim().toLowerCase()));
  for (const object of ['CaseHistory', 'Case'] as const) {
    if (signatures[object].every((name) => present.has(name))) {
      return object;
    }
  }
  return null;
}
