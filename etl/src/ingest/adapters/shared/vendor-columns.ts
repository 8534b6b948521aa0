/** A field's header spelling, or its spellings in order of preference. */
export type FieldSpellings = string | readonly string[];

/**
 * For each field, the header column holding it: the first of its spellings the header has, matched
 * case-insensitively (the header's own spelling is returned), or null when the export lacks it.
 */
export function vendorColumns<F extends string>(
  header: readonly string[],
  fields: Readonly<Record<F, FieldSpellings>>,
): Record<F, string | null> {
  const byLowerName = new Map(header.map((h) => [h.toLowerCase(), h]));
  const columns = {} as Record<F, string | null>;
  for (const [field, spellings] of Object.entries(fields) as [F, FieldSpellings][]) {
    columns[field] =
      [spellings]
        .flat()
        .map((s) => byLowerName.get(s.toLowerCase()))
        .find((h) => h !== undefined) ?? null;
  }
  return columns;
}
