// Patterns for the personal data redacted from notes and transcripts at ingest. They run in DuckDB,
// whose regular expressions are RE2: no look-behind, no look-ahead, no back-references. Where a rule
// needs "not preceded by …", the excluded context is matched as a KEEP alternative placed first, so that
// RE2's leftmost-first matching consumes it and the SQL puts it back unchanged. `\b` is RE2's ASCII word
// boundary: it keeps a number from being matched inside a longer run of letters and digits. The rules
// in plain words, with the cases they let through, are in README.md beside this file.

/** What each kind of personal data is replaced with; counts are taken by counting these. */
export const redactionPlaceholders = {
  email: '[email]',
  card: '[card]',
  national_id: '[national_id]',
  phone: '[phone]',
} as const;

export type RedactionKind = keyof typeof redactionPlaceholders;

// The usual address shape; the domain must end in a dot and 2+ letters, so a trailing full stop stays
// outside the match ("mail jo@x.co.uk.") and handles like @jo_bloggs are not addresses.
const email = '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}';

// A run of digit groups that may hold a card number: groups of 3+ digits joined by one space or dash
// (4-4-4-4, Amex 4-6-5, or all 13–19 digits together), and at most one short (1–2 digit) group at the
// end so that a 13-digit card written 4-4-4-1 is whole. Groups of 1–2 digits elsewhere end the run, so
// dates (2026-03-04), sort codes (12-34-56) and times never join a run. The SQL checks the run, and
// when it is not a card its windows of whole groups, for cardLayout, 13–19 digits and the Luhn check,
// so that an expiry or CVV written right after the number ("4539 1488 0343 6467 122") does not hide it.
const cardRun = '\\b\\d{3,}(?:[ -]\\d{3,})*(?:[ -]\\d{1,2})?\\b';

// How card numbers are written: all digits together, in fours (the last group 1–4 digits: 4-4-4-1 for
// 13 digits up to 4-4-4-4-3 for 19), or Amex / Diners 4-6-5 and 4-6-4. A window of the run must have
// one of these shapes as well as 13–19 digits and a valid Luhn check: other groupings, such as an
// invoice number 20260304-245767, are references far more often than cards, and one in ten of them
// would pass the Luhn check by chance.
const cardLayout = '\\d{13,19}|\\d{4}(?:[ -]\\d{4}){2,3}(?:[ -]\\d{1,4})?|\\d{4}[ -]\\d{6}[ -]\\d{4,5}';

// Cheap pre-test for a value: does it hold something shaped like the start of a card number (13 digits
// together, 4-4-4-1+ or 4-6-4)? Values without one skip the run-by-run work below.
const cardCandidate = '\\d{13}|\\d{4}[ -]\\d{4}[ -]\\d{4}[ -]\\d|\\d{4}[ -]\\d{6}[ -]\\d{4}';

// US Social Security number, 3-2-4 digits joined by dashes (or all by spaces). Never issued, so not
// matched: area 000, 666 and 900–999, group 00, serial 0000. Nine digits without separators are not
// matched: they are as often an order or account number.
const ssnArea = '(?:00[1-9]|0[1-9]\\d|[1-578]\\d{2}|6[0-57-9]\\d|66[0-57-9])';
const ssnGroup = '(?:0[1-9]|[1-9]\\d)';
const ssnSerial = '(?:000[1-9]|00[1-9]\\d|0[1-9]\\d{2}|[1-9]\\d{3})';
const ssn = `\\b(?:${ssnArea}-${ssnGroup}-${ssnSerial}|${ssnArea} ${ssnGroup} ${ssnSerial})\\b`;

// UK National Insurance number: two prefix letters, six digits (often spaced in pairs), a suffix A–D.
// Prefix letters as HMRC allocates them: the first is never D, F, I, Q, U or V, the second never D, F,
// I, O, Q, U or V, and BG, GB, KN, NK, NT, TN and ZZ are never used (so HMRC's own example QQ 12 34 56 C
// stays). RE2 has no look-ahead, hence the prefix pairs spelled out by first letter.
const ninoSecond = '[ABCEGHJ-NPR-TW-Z]';
const ninoPrefix =
  `(?:[ACEHJLMOPRSWXY]${ninoSecond}|B[ABCEHJ-NPR-TW-Z]|G[ACEGHJ-NPR-TW-Z]|K[ABCEGHJ-MPR-TW-Z]` +
  '|N[ABCEGHJLMNPRSW-Z]|T[ABCEGHJ-MPR-TW-Z]|Z[ABCEGHJ-NPR-TW-Y])';
// Written in capitals, spaced or not; in lower case only unspaced ("ab123456c"), because spaced lower
// case ("as 12 34 56 a") is more often ordinary words and numbers than an NI number.
const nino = `\\b(?:${ninoPrefix} ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]|(?i:${ninoPrefix}\\d{6}[A-D]))\\b`;

// Phone numbers: matched by the shapes people write them in, never as "any 9+ digits", because bare
// digit runs in notes are mostly order, account and reference numbers. Every shape below has 9–15
// digits. A separator is one space, dot or dash.
const sep = '[ .-]?';

// International, written with + or 00 and the country code: 9–15 digits in any grouping, with an
// optional "(0)" trunk prefix ("+44 (0)20 7946 0958", "+1 (555) 123-4567", "+447700900123"). The 00
// form needs a separator after the country code, so that zero-padded ids (00123456789) stay.
const phoneDigit = `${sep}(?:\\(0\\)${sep})?\\(?\\d\\)?`;
const phoneInternational =
  `(?:\\+[1-9](?:${phoneDigit}){8,14}` + `|\\b00[1-9]\\d{0,2}[ .-](?:${phoneDigit}){6,12})\\b`;

// UK national numbers: 0 then 1, 2 or 7 (geographic, London-style and mobile), 10 or 11 digits, in the
// groupings used in writing: 0161 496 0000, 020 7946 0958, 07700 900123, 07700 900 123, 01632 96012,
// 016977 3456, unspaced, or with the area code in brackets. Requiring 3+ digits before the first
// separator keeps dates (01.03.2026, 02-03-2026) out.
function ukStart(digitsAfterPrefix: number): string {
  return `(?:\\(0[127]\\d{${digitsAfterPrefix}}\\)|\\b0[127]\\d{${digitsAfterPrefix}})`;
}
const phoneUk =
  `(?:${ukStart(2)}${sep}\\d{3}${sep}\\d{4}|${ukStart(1)}${sep}\\d{4}${sep}\\d{4}` +
  `|${ukStart(3)}${sep}(?:\\d{3}${sep}\\d{3}|\\d{5,6})|${ukStart(4)}${sep}\\d{4,5})\\b`;

// North American numbers, 3-3-4 with separators: (555) 123-4567, 555-123-4567, 555.123.4567,
// 555 123 4567, optionally after a 1 country code. The area code starts 2–9 as in the numbering
// plan. Ten digits written together are not matched: unspaced 10-digit runs are references far more
// often than phone numbers in notes.
const phoneUs = '(?:\\b1[ .-]?)?(?:\\([2-9]\\d{2}\\)[ .-]?|\\b[2-9]\\d{2}[ .-])\\d{3}[ .-]\\d{4}\\b';

const phone = `${phoneInternational}|${phoneUk}|${phoneUs}`;

// Numbers that look like phones but are labelled as something else: after order, ticket, case, ref …
// (optionally "no.", "number", "#", ":"), after '#', or a ticket id like T-100234 / INC-0012345678.
// Only the first token of the number is kept whole; what follows a space is judged on its own.
const labelledNumber =
  '(?i:\\b(?:order|ticket|case|ref|reference|invoice|policy|claim|booking|tracking|incident|complaint' +
  '|transaction|txn|po)s?\\b\\.?[ \\t]*(?:(?:no|nr|num|number|id)\\b\\.?)?[ \\t]*[:#]?[ \\t]*)[+(]?\\d[\\d().-]*';
const hashNumber = '#[ \\t]*[+(]?\\d[\\d().-]*';
const ticketId = '\\b[A-Z]{1,5}-\\d[\\d-]*';
const phoneKeep = `${labelledNumber}|${hashNumber}|${ticketId}`;

// Four or more digit groups joined by dashes are one identifier (an ISBN, a part or case number), not
// an SSN with something attached: matched first, and kept whole ("123-45-6789-01", "1-123-45-6789").
const dashedChain = '\\b\\d+(?:-\\d+){3,}\\b';

// A value that matches none of the pre-tests of the passes below is not read past this one test (one
// scan of a union costs about what one scan of a single pattern does, a third of scanning for each).
const candidateValue = `@|${cardCandidate}|${ssn}|${nino}|${phone}`;

/** The RE2 patterns the redaction SQL is built from; see the comment above each for why. */
export const redactionPatterns = {
  candidateValue,
  email,
  cardRun,
  cardLayout,
  cardCandidate,
  nationalId: `${ssn}|${nino}`,
  /** KEEP alternative first, as for phones; a match that is a whole dashed chain is kept. */
  nationalIdOrKeep: `${dashedChain}|${ssn}|${nino}`,
  nationalIdKept: dashedChain,
  phone,
  /** KEEP alternatives first: leftmost-first matching then prefers them over a phone at the same place. */
  phoneOrKeep: `${phoneKeep}|${phone}`,
  /** A match of phoneOrKeep is a phone when it starts like one (KEEP matches start with a letter or '#'). */
  phoneStart: '^[+(0-9]',
} as const;
