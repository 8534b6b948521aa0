import { ident, literal } from '../../ingest/canonical-sql.js';
import type { StoreSession } from '../../store/duckdb-store.js';
import { type HandoverElement, handoverElements } from '../rubric/rubric.schema.js';
import type { DetectorRule, RepeatRule } from './detectors.schema.js';
import { type LoadedDetectors, sqlPattern } from './load-detectors.js';

// Control characters stand in for text during detection; a note holding one has it turned into a
// space first. Cleared spans are overwritten with FILL, one per character, so that an offset in the
// cleared text is the offset in the note. A match is wrapped in OPEN … CLOSE by one regexp_replace,
// which RE2 serves from its DFA: cheaper than extracting capture groups.
const FILL = 'chr(1)';
const OPEN = 'chr(2)';
const CLOSE = 'chr(3)';

const excerptLength = 80;

const evidenceType =
  'STRUCT(element VARCHAR, source VARCHAR, rule VARCHAR, "start" INTEGER, length INTEGER, excerpt VARCHAR)[]';

/** Creates or replaces TEMP TABLE `target` with each source row's detected elements and their evidence. */
export async function detectHandoverElements(
  session: StoreSession,
  detectors: LoadedDetectors,
  options: { source: string; target: string },
): Promise<void> {
  await session.run(detectionSql(detectors, options));
}

/** One set of rules searched together: an element's, or a group of customer_repeated's. */
interface Search {
  /** Column-name prefix. */
  name: string;
  /** The cleared text column it searches. */
  text: string;
  rules: readonly DetectorRule[];
}

function alternation(rules: readonly DetectorRule[]): string {
  return rules.map((r) => sqlPattern(r.pattern)).join('|');
}

/** `text` with every match of `clear` overwritten by FILL characters, keeping its length. */
function clearedText(text: string, spans: string, clear: string): string {
  return `CASE WHEN ${spans} IS NULL THEN ${text} ELSE array_to_string(list_transform(
      regexp_split_to_array(${text}, ${literal(clear)}),
      lambda piece, i: piece || coalesce(repeat(${FILL}, length(${spans}[i])), '')), '') END`;
}

/** The cleared text with its first match wrapped in OPEN … CLOSE (unchanged without a match). */
function marked(s: Search, when?: string): string {
  // Replacing in every row costs less than testing with regexp_matches first and replacing in some.
  const replaced = `regexp_replace(${s.text}, ${literal(alternation(s.rules))}, ${OPEN} || '\\0' || ${CLOSE})`;
  return `${when ? `CASE WHEN ${when} THEN ${replaced} END` : replaced} AS ${s.name}_marked`;
}

/** The 0-based character offset and the length of the match, NULL without a match. */
function matchColumns(s: Search): string[] {
  const m = `${s.name}_marked`;
  return [
    `nullif(strpos(${m}, ${OPEN}), 0) - 1 AS ${s.name}_start`,
    `nullif(strpos(${m}, ${CLOSE}), 0) - strpos(${m}, ${OPEN}) - 1 AS ${s.name}_length`,
  ];
}

/**
 * The rule that made the match: the first, in file order, that matches at its offset. The alternation
 * picks the leftmost match and, there, the first rule; each rule is tried anchored at the offset with
 * the one character before it, all that \b and ^ look at.
 */
function ruleColumn(s: Search): string {
  const start = `${s.name}_start`;
  if (s.rules.length === 1) {
    return `CASE WHEN ${start} IS NOT NULL THEN ${literal(s.rules[0].id)} END AS ${s.name}_rule`;
  }
  const anchored = (text: string, prefix: string) =>
    `CASE ${s.rules
      .map(
        (r) =>
          `WHEN regexp_matches(${text}, ${literal(`${prefix}${sqlPattern(r.pattern)}`)}) THEN ${literal(r.id)}`,
      )
      .join('\n        ')} END`;
  return `CASE WHEN ${start} IS NULL THEN NULL
      WHEN ${start} = 0 THEN ${anchored(s.text, '^')}
      ELSE ${anchored(`substr(${s.text}, ${start})`, '^(?s:.)')} END AS ${s.name}_rule`;
}

function evidence(element: string, source: 'note' | 'next_contact', prefix: string): string {
  return `CASE WHEN ${prefix}_start IS NOT NULL THEN {
      'element': ${literal(element)}, 'source': ${literal(source)}, 'rule': ${prefix}_rule,
      'start': ${prefix}_start, 'length': ${prefix}_length,
      'excerpt': left(substr(${source}, ${prefix}_start + 1, ${prefix}_length), ${excerptLength}) } END`;
}

/** Rules of customer_repeated grouped by what the note must hold, in the order they first appear. */
function repeatGroups(rules: readonly RepeatRule[]): { needs: HandoverElement[]; rules: RepeatRule[] }[] {
  const groups = new Map<string, { needs: HandoverElement[]; rules: RepeatRule[] }>();
  for (const rule of rules) {
    const needs = handoverElements.filter((e) => rule.needs.includes(e));
    const key = needs.join(',');
    const group = groups.get(key) ?? { needs, rules: [] };
    group.rules.push(rule);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function detectionSql(detectors: LoadedDetectors, options: { source: string; target: string }): string {
  const { elements } = detectors.detectors;
  const cleared = [
    ...handoverElements.map((e) => ({ name: e, text: 't_note', rules: elements[e].clear })),
    { name: 'repeat', text: 't_next', rules: elements.customer_repeated.clear },
  ].filter((c) => c.rules.length > 0);
  const notes: Search[] = handoverElements.map((e) => ({
    name: e,
    text: elements[e].clear.length ? `c_${e}` : 't_note',
    rules: elements[e].match,
  }));
  const repeatText = elements.customer_repeated.clear.length ? 'c_repeat' : 't_next';
  const groups = repeatGroups(elements.customer_repeated.match).map((g, i) => ({
    needs: g.needs,
    search: { name: `g${i}`, text: repeatText, rules: g.rules },
  }));
  const searches = [...notes, ...groups.map((g) => g.search)];

  const noControl = (column: string) =>
    `CASE WHEN regexp_matches(${column}, '[\\x01-\\x03]')
      THEN translate(${column}, ${FILL} || ${OPEN} || ${CLOSE}, '   ') ELSE ${column} END`;
  const list = (columns: string[]) => (columns.length ? `, ${columns.join(',\n    ')}` : '');
  const first = groups.map(
    (g) => `CASE WHEN ${g.search.name}_start IS NOT NULL
        THEN {'start': ${g.search.name}_start, 'grp': ${g.search.name.slice(1)},
          'length': ${g.search.name}_length, 'rule': ${g.search.name}_rule} END`,
  );

  return `CREATE OR REPLACE TEMP TABLE ${ident(options.target)} AS
WITH plain AS (
  SELECT step_key::VARCHAR AS step_key, note::VARCHAR AS note, next_contact::VARCHAR AS next_contact,
    ${noControl('note::VARCHAR')} AS t_note, ${noControl('next_contact::VARCHAR')} AS t_next
  FROM ${ident(options.source)}
), spans AS (
  SELECT *${list(
    cleared.map((c) => {
      const pattern = literal(alternation(c.rules));
      return `CASE WHEN regexp_matches(${c.text}, ${pattern}) THEN regexp_extract_all(${c.text}, ${pattern}) END AS s_${c.name}`;
    }),
  )}
  FROM plain
), cleaned AS (
  SELECT *${list(cleared.map((c) => `${clearedText(c.text, `s_${c.name}`, alternation(c.rules))} AS c_${c.name}`))}
  FROM spans
), note_marked AS (
  SELECT *${list(notes.map((s) => marked(s)))}
  FROM cleaned
), note_found AS (
  SELECT *${list(notes.flatMap(matchColumns))}
  FROM note_marked
), repeat_marked AS (
  SELECT *${list(
    groups.map((g) => marked(g.search, `(${g.needs.map((e) => `${e}_start IS NOT NULL`).join(' OR ')})`)),
  )}
  FROM note_found
), found AS (
  SELECT *${list(groups.flatMap((g) => matchColumns(g.search)))}
  FROM repeat_marked
), named AS (
  SELECT *${list(searches.map(ruleColumn))}
  FROM found
), repeated AS (
  SELECT *,
    -- the earliest match in the next contact, whichever group found it
    list_sort(list_filter([${first.join(', ')}], lambda m: m IS NOT NULL))[1] AS first_repeat
  FROM named
), result AS (
  SELECT *, first_repeat.start AS repeat_start, first_repeat.length AS repeat_length,
    first_repeat.rule AS repeat_rule
  FROM repeated
)
SELECT step_key,
  ${handoverElements.map((e) => `${e}_start IS NOT NULL AS ${e}`).join(',\n  ')},
  repeat_start IS NOT NULL AS customer_repeated,
  list_filter([
    ${[...handoverElements.map((e) => evidence(e, 'note', e)), evidence('customer_repeated', 'next_contact', 'repeat')].join(',\n    ')}
  ], lambda ev: ev IS NOT NULL)::${evidenceType} AS evidence
FROM result`;
}
