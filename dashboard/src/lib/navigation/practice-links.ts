// Addresses of the practices pages, built in one place so every link writes its filters the same way.

/**
 * The Practice page of `policy:<name>` / `category:<name>`, with optional filters (null ones left
 * out): the cases list's month, outcome, group, `control: '1'` (the other practices) and offset.
 */
export function practiceHref(
  practice: string,
  filters: {
    from?: string | null;
    to?: string | null;
    month?: string | null;
    outcome?: string | null;
    group?: string | null;
    control?: '1' | null;
    offset?: string | null;
  } = {},
): string {
  const params = new URLSearchParams({ key: practice });
  for (const [name, value] of Object.entries(filters)) {
    if (value) {
      params.set(name, value);
    }
  }
  return `/practice?${params}`;
}

/** The FAQ updates editor of one update. */
export function faqUpdateHref(id: string): string {
  return `/faq-updates?${new URLSearchParams({ id })}`;
}

/** `policy:late_fee_policy` → { kind: 'policy', name: 'late_fee_policy' }. */
export function splitPractice(practice: string): { kind: string; name: string } {
  const colon = practice.indexOf(':');
  return colon < 0
    ? { kind: '', name: practice }
    : { kind: practice.slice(0, colon), name: practice.slice(colon + 1) };
}
