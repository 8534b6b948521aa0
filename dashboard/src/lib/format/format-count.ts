// A fixed locale keeps numbers identical on every machine (and in screenshots).
const counts = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** A whole number with thousands separators: 12345 → "12,345". */
export function formatCount(value: number): string {
  return counts.format(value);
}
