/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled; text
 * starting with =, +, - or @ is prefixed with ' so a spreadsheet does not run it. Numbers stay as they are.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document: a header of `columns`, then one CRLF-terminated line per row. Pure. */
export function csvTable<C extends string>(
  columns: readonly C[],
  rows: readonly Record<C, unknown>[],
): string {
  const line = (cells: unknown[]) => `${cells.map(csvField).join(',')}\r\n`;
  return line([...columns]) + rows.map((row) => line(columns.map((c) => row[c]))).join('');
}
