import { literal } from '../canonical-sql.js';
import { luhnSql } from './luhn-sql.util.js';
import { redactionPatterns as p, type RedactionKind, redactionPlaceholders } from './patterns.constant.js';

/** One pass over a value: the SQL expression giving the value with one kind of personal data replaced. */
export interface RedactionStep {
  kind: RedactionKind;
  sql(value: string): string;
}

/**
 * The SQL rebuilding `value` match by match: each match of `pattern` is replaced by `rewrite(match)`
 * (an SQL expression over the match, never given an empty one), the text between matches is kept.
 */
function rewriteMatches(value: string, pattern: string, rewrite: (match: string) => string): string {
  // The matches, and the pieces "text since the previous match + the match" (then the tail, by the `$`
  // alternative), come from two searches of the same leftmost-first kind over the whole value, so the
  // i-th piece ends with the i-th match. regexp_split_to_array would be simpler but searches again
  // from each match's end without the character before it, so `\b` there can answer differently.
  // Asking RE2 for capture groups ("(.*?)(pattern)") instead would be exact too, but 15× slower.
  const matches = `regexp_extract_all(${value}, ${literal(pattern)})`;
  const pieces = `regexp_extract_all(${value}, ${literal(`(?s).*?(?:${pattern}|$)`)})`;
  return `array_to_string(list_transform(list_zip(${pieces}, ${matches}), lambda eqa_z:
      CASE WHEN eqa_z[2] IS NULL THEN eqa_z[1]
        ELSE left(eqa_z[1], length(eqa_z[1]) - length(eqa_z[2])) || ${rewrite('eqa_z[2]')} END), '')`;
}

function digitsOf(text: string): string {
  return `replace(replace(${text}, ' ', ''), '-', '')`;
}

/** True when a window of digit groups is written like a card number and passes the Luhn check. */
function isCard(text: string): string {
  const digits = digitsOf(text);
  return `(length(${digits}) BETWEEN 13 AND 19 AND regexp_full_match(${text}, ${literal(p.cardLayout)})
    AND ${luhnSql(digits)})`;
}

/**
 * A run of digit groups with its card numbers replaced. Most runs are one card or none, so the run is
 * checked whole first. Windows of whole groups are tried (from the left, the longest first) only when
 * one could hold 13 digits, that is when the run without its first or without its last group still has
 * 13: an expiry or CVV written right after the number ("4539 1488 0343 6467 122") then does not hide it.
 */
function cardsInRun(run: string): string {
  const placeholder = literal(redactionPlaceholders.card);
  const windows = `list_transform([regexp_extract_all(${run}, ${literal('[ -]?\\d+')})], lambda eqa_p:
      flatten(list_transform(range(1, len(eqa_p) + 1), lambda eqa_s:
        list_transform(range(len(eqa_p), eqa_s - 1, -1), lambda eqa_e:
          ltrim(array_to_string(eqa_p[eqa_s:eqa_e], ''), ' -')))))[1]`;
  const cards = `list_filter(${windows}, lambda eqa_w: ${isCard('eqa_w')})`;
  const withoutFirst = digitsOf(`regexp_replace(${run}, '^\\d+[ -]', '')`);
  const withoutLast = digitsOf(`regexp_replace(${run}, '[ -]\\d+$', '')`);
  // A run shorter than 13 characters cannot hold 13 digits: years, amounts and ids stop at the first test.
  return `CASE WHEN length(${run}) < 13 THEN ${run}
    WHEN ${isCard(run)} THEN ${placeholder}
    WHEN greatest(length(${withoutFirst}), length(${withoutLast})) < 13 THEN ${run}
    ELSE list_reduce(${cards}, lambda eqa_acc, eqa_card: replace(eqa_acc, eqa_card, ${placeholder}), ${run}) END`;
}

/**
 * The redaction passes, in the order they must run: addresses first (their local part may hold
 * digits), then card numbers (a card's digits would otherwise be taken for phone numbers), national
 * ids, and phone numbers last. No placeholder holds a digit or '@', so a pass never matches what an
 * earlier one wrote, and each kind's count is the change in its placeholder's occurrences.
 */
export const redactionSteps: readonly RedactionStep[] = [
  {
    kind: 'email',
    sql: (v) =>
      `CASE WHEN contains(${v}, '@')
        THEN regexp_replace(${v}, ${literal(p.email)}, ${literal(redactionPlaceholders.email)}, 'g')
        ELSE ${v} END`,
  },
  {
    kind: 'card',
    sql: (v) =>
      `CASE WHEN regexp_matches(${v}, ${literal(p.cardCandidate)})
        THEN ${rewriteMatches(v, p.cardRun, cardsInRun)}
        ELSE ${v} END`,
  },
  {
    kind: 'national_id',
    sql: (v) =>
      `CASE WHEN regexp_matches(${v}, ${literal(p.nationalId)})
        THEN ${rewriteMatches(
          v,
          p.nationalIdOrKeep,
          (m) =>
            `CASE WHEN regexp_full_match(${m}, ${literal(p.nationalIdKept)}) THEN ${m} ELSE ${literal(redactionPlaceholders.national_id)} END`,
        )}
        ELSE ${v} END`,
  },
  {
    kind: 'phone',
    sql: (v) =>
      `CASE WHEN regexp_matches(${v}, ${literal(p.phone)})
        THEN ${rewriteMatches(
          v,
          p.phoneOrKeep,
          (m) =>
            `CASE WHEN regexp_matches(${m}, ${literal(p.phoneStart)}) THEN ${literal(redactionPlaceholders.phone)} ELSE ${m} END`,
        )}
        ELSE ${v} END`,
  },
];
