import { ident, literal } from '../../ingest/canonical-sql.js';
import type { StoreSession } from '../../store/duckdb-store.js';
import { type HandoverElement, handoverElements } from '../rubric/rubric.schema.js';
import {
  type AllRule,
  type DetectorRule,
  isAllRule,
  type PatternRule,
  type RepeatRule,
  type RestatedRule,
} from './detectors.schema.js';
import { type LearnedModel, learnedTokens } from './learned-model.js';
import { type LoadedDetectors, sqlPattern } from './load-detectors.js';

// Control characters stand in for text during detection; a note holding one has it turned into a
// space first. Cleared spans are overwritten with FILL, one per character, so that an offset in the
// cleared text is the offset in the note. A match is wrapped in OPEN … CLOSE by one regexp_replace,
// which RE2 serves from its DFA: cheaper than extracting capture groups.
const FILL = 'chr(1)';
const OPEN = 'chr(2)';
const CLOSE = 'chr(3)';

const excerptLength = 80;

/** `, a, b` for a SELECT list that follows `*`; nothing for no columns. */
const list = (columns: string[]) => (columns.length ? `, ${columns.join(',\n    ')}` : '');

const evidenceType =
  'STRUCT(element VARCHAR, source VARCHAR, rule VARCHAR, "start" INTEGER, length INTEGER, excerpt VARCHAR)[]';

/** Creates or replaces TEMP TABLE `target` with each source row's detected elements and their evidence. */
export async function detectHandoverElements(
  session: StoreSession,
  detectors: LoadedDetectors,
  options: { source: string; target: string },
): Promise<void> {
  const learned = learnedCuts(detectors.learned);
  if (learned.length) {
    await session.run(
      // which tokens may be evidence is decided here, once per token, not once per token of every note
      `CREATE OR REPLACE TEMP TABLE ${ident(learnedWeightsTable)} AS
       SELECT *, weight > 0 AND regexp_matches(token, '^[a-z]') AS shown,
         weight > 0 AND regexp_matches(token, '^[a-z]{4}') AS shown_first
       FROM (SELECT unnest(from_json($weights, '[{"element":"VARCHAR","token":"VARCHAR","weight":"DOUBLE"}]'), recursive := true))`,
      { weights: JSON.stringify(weightRows(learned)) },
    );
  }
  await session.run(detectionSql(detectors, options, learned));
  if (learned.length) {
    await session.run(`DROP TABLE IF EXISTS ${ident(learnedWeightsTable)}`);
  }
}

const learnedWeightsTable = 'eqa_learned_weights';

/** An element the learned model decides: its intercept, its weights and the sum they must pass. */
interface LearnedCut {
  element: HandoverElement;
  bias: number;
  weights: Record<string, number>;
  /** logit(threshold): present when bias + the note's weights > this. */
  logit: number;
  /** logit(overrule_below): a rule's find is dropped when bias + the note's weights < this. */
  overruleLogit: number | null;
  /** logit(weak_below): a weak rule's find is dropped when bias + the note's weights < this. */
  weakLogit: number | null;
  /** A note with fewer distinct tokens than this is never overruled. */
  overruleMinWords: number;
}

const logit = (p: number) => Math.log(p / (1 - p));

function learnedCuts(learned: LearnedModel | null): LearnedCut[] {
  if (!learned) {
    return [];
  }
  return handoverElements.flatMap((element) => {
    const threshold = learned.thresholds[element];
    const below = learned.overrules?.[element];
    const weakBelow = learned.weakBelow?.[element];
    const model = learned.weights[element];
    return threshold === undefined || !model
      ? []
      : [
          {
            element,
            bias: model.bias,
            weights: model.weights,
            logit: logit(threshold),
            overruleLogit: below === undefined ? null : logit(below),
            weakLogit: weakBelow === undefined ? null : logit(weakBelow),
            overruleMinWords: learned.overruleMinWords ?? 0,
          },
        ];
  });
}

function weightRows(cuts: readonly LearnedCut[]) {
  return cuts.flatMap(({ element, weights }) =>
    Object.entries(weights).map(([token, weight]) => ({ element, token, weight })),
  );
}

/**
 * Per note, the number of its distinct tokens (`learned_words`) and, for each element the model
 * decides, the sum of its tokens' weights (`z_<element>`) and the word that weighs most for it
 * (`w_<element>`, a token of letters), shown as evidence.
 */
function learnedSumsSql(cuts: readonly LearnedCut[]): string {
  return `learned_tokens AS (
  SELECT step_key, unnest(tokens) AS token, len(tokens) AS words
  FROM (SELECT step_key, ${learnedTokens('t_note')} AS tokens FROM plain WHERE t_note IS NOT NULL)
), learned_sums AS (
  SELECT step_key, any_value(words) AS learned_words${list(
    cuts.flatMap(({ element }) => [
      `sum(weight) FILTER (element = ${literal(element)}) AS z_${element}`,
      // a word of four letters or more, when the note has one that weighs for the element: a reader
      // learns little from "on" or "the", however the model weighs them
      `coalesce(
        arg_max(token, weight) FILTER (element = ${literal(element)} AND shown_first),
        arg_max(token, weight) FILTER (element = ${literal(element)} AND shown)
      ) AS w_${element}`,
    ]),
  )}
  FROM learned_tokens JOIN ${ident(learnedWeightsTable)} USING (token)
  GROUP BY step_key
)`;
}

/** The learned evidence of an element: its heaviest word's first occurrence in the note. */
function learnedCandidate(cut: LearnedCut): string {
  const e = cut.element;
  const marked = `regexp_replace(t_note, '(?i)\\b' || w_${e} || '[a-z]*', ${OPEN} || '\\0' || ${CLOSE})`;
  // the model finds nothing in a note without a word it weighs, whatever its intercept: an empty
  // note or one in words it never saw holds no evidence to show
  return `CASE WHEN z_${e} IS NOT NULL AND ${cut.bias} + z_${e} > ${cut.logit} THEN {
      'start': coalesce(nullif(strpos(${marked}, ${OPEN}), 0) - 1, 0), 'ord': 0,
      'length': coalesce(nullif(strpos(${marked}, ${CLOSE}), 0) - strpos(${marked}, ${OPEN}) - 1, 0),
      'rule': ${literal(`learned-${e}`)} } END`;
}

/**
 * The text detection reads (a SQL expression of `column`): with the control characters that stand in
 * for text during detection (FILL, OPEN, CLOSE) turned into spaces.
 */
export function noControl(column: string): string {
  return `CASE WHEN regexp_matches(${column}, '[\\x01-\\x03]')
      THEN translate(${column}, ${FILL} || ${OPEN} || ${CLOSE}, '   ') ELSE ${column} END`;
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

/**
 * Whether the element's veto holds for `note` (a SQL expression of the note as written): a BOOLEAN
 * SQL expression, or null when the element has no veto. Detection applies it to rules and model
 * alike; choose-thresholds measures the model's finds with it.
 */
export function vetoCondition(
  detectors: LoadedDetectors,
  element: HandoverElement,
  note: string,
): string | null {
  const { veto } = detectors.detectors.elements[element];
  const found = (rules: readonly DetectorRule[]) =>
    `coalesce(regexp_matches(${note}, ${literal(alternation(rules))}), false)`;
  // the plain vetoes in one pass; one with `unless` holds only where none of its exceptions is found
  const plain = veto.filter((r) => !r.unless.length);
  const excepted = veto
    .filter((r) => r.unless.length)
    .map((r) => `(${found([r])} AND NOT ${found(r.unless.map((pattern) => ({ id: r.id, pattern })))})`);
  const conditions = [...(plain.length ? [found(plain)] : []), ...excepted];
  return conditions.length ? `(${conditions.join(' OR ')})` : null;
}

// RE2 serves an alternation from its DFA while the DFA fits its memory budget; past it, it falls back
// to a matcher tens of times slower. An element's pattern rules are therefore searched in parts of at
// most this many pattern characters each (in file order), one pass per part, and the earliest match
// of any part is the element's (at the same offset, the earlier part's, i.e. the earlier rule's).
const maxPartChars = 9000;

/** The rules in consecutive parts of at most maxPartChars characters of pattern (one part at least). */
function inParts(rules: readonly DetectorRule[]): DetectorRule[][] {
  const parts: DetectorRule[][] = [[]];
  let size = 0;
  for (const rule of rules) {
    const current = parts[parts.length - 1];
    if (current.length && size + rule.pattern.length > maxPartChars) {
      parts.push([rule]);
      size = rule.pattern.length;
    } else {
      current.push(rule);
      size += rule.pattern.length;
    }
  }
  return parts;
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

/** An `all` rule of an element: present when every pattern is found and none of `unless`. */
interface Together {
  name: string;
  rule: AllRule;
  /** Searches the first pattern alone, for the evidence. */
  search: Search;
}

/** True when every pattern of the rule is found in `text` and no pattern of `unless`. */
function togetherCondition(rule: AllRule, text: string): string {
  const found = rule.all.map((p) => `regexp_matches(${text}, ${literal(sqlPattern(p))})`);
  const vetoed = rule.unless.length
    ? [`NOT regexp_matches(${text}, ${literal(rule.unless.map(sqlPattern).join('|'))})`]
    : [];
  return [`${text} IS NOT NULL`, ...found, ...vetoed].join(' AND ');
}

/** A part of an element's pattern rules, searched in one pass: its column prefix and whether its rules are weak. */
interface Part {
  name: string;
  weak: boolean;
}

/**
 * The element's evidence: the earliest find of its rules (pattern rules part by part, then `all`
 * rules), a weak rule's only where no other rule found the element and the model does not rule it out.
 */
function elementColumns(
  element: HandoverElement,
  parts: readonly Part[],
  together: Together[],
  veto: string | null,
  learned: LearnedCut | undefined,
): string {
  const candidates = [
    ...parts.map((p, k) => ({
      weak: p.weak,
      sql: `CASE WHEN ${p.name}_start IS NOT NULL THEN {'start': ${p.name}_start, 'ord': ${k},
        'length': ${p.name}_length, 'rule': ${p.name}_rule} END`,
    })),
    ...together.map((t, i) => ({
      weak: Boolean(t.rule.weak) && learned?.weakLogit != null,
      sql: `CASE WHEN ${t.name}_start IS NOT NULL THEN {'start': ${t.name}_start, 'ord': ${parts.length + i},
        'length': ${t.name}_length, 'rule': ${literal(t.rule.id)}} END`,
    })),
  ];
  const earliest = (list: readonly { sql: string }[]) =>
    list.length > 1
      ? `list_sort(list_filter([${list.map((c) => c.sql).join(', ')}], lambda m: m IS NOT NULL))[1]`
      : (list[0]?.sql ?? 'NULL');
  // the model's say counts only on a note with enough words it weighs
  const weighs = (cut: LearnedCut) => `z_${element} IS NOT NULL AND learned_words >= ${cut.overruleMinWords}`;
  const strong = earliest(candidates.filter((c) => !c.weak));
  const weak = candidates.filter((c) => c.weak);
  const byRule =
    weak.length && learned?.weakLogit != null
      ? `coalesce(${strong}, CASE WHEN NOT (${weighs(learned)}
          AND ${learned.bias} + z_${element} < ${learned.weakLogit}) THEN ${earliest(weak)} END)`
      : strong;
  // a rule's find stands unless the model, weighing enough words of this note, all but rules it out
  const kept =
    learned?.overruleLogit != null
      ? `CASE WHEN NOT (${weighs(learned)} AND ${learned.bias} + z_${element} < ${learned.overruleLogit})
          THEN ${byRule} END`
      : byRule;
  // the rules' evidence first: the model speaks only where no rule found the element
  const first = learned ? `coalesce(${kept}, ${learnedCandidate(learned)})` : kept;
  const chosen = veto ? `CASE WHEN NOT ${veto} THEN ${first} END` : first;
  return `${chosen} AS ${element}_found`;
}

// What the restated rules compare: words, lower-cased, as a set. Thousands separators and ordinal
// suffixes go ("£2,300" ~ "2300", "9th" ~ "9"); months and weekdays become their first three letters
// ("March" ~ "Mar", "Thurs" ~ "Thursday"); ignored words go; a word of letters needs three of them;
// "one" to "twelve" are numbers ("three" ~ "3"); a word is cut to its first five letters after a
// plural s ("refunded" ~ "refund", "charges" ~ "charge").
const MONTHS =
  '\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:uary|ruary|ch|il|e|y|ust|tember|t|ober|ember)?\\b';
const WEEKDAYS = '\\b(mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday|rs|r|s)?\\b';

const NUMBER_WORDS = `['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve']`;

function tokens(text: string, ignore: string | null): string {
  let normal = `regexp_replace(regexp_replace(lower(${text}), '(\\d),(\\d)', '\\1\\2', 'g'), '(\\d)(?:st|nd|rd|th)\\b', '\\1', 'g')`;
  normal = `regexp_replace(regexp_replace(${normal}, ${literal(MONTHS)}, '\\1', 'g'), ${literal(WEEKDAYS)}, '\\1', 'g')`;
  if (ignore) {
    normal = `regexp_replace(${normal}, ${literal(ignore)}, ' ', 'g')`;
  }
  return `list_distinct(list_transform(
      list_filter(regexp_extract_all(${normal}, '[a-z0-9]+'), lambda w: length(w) >= 3 OR regexp_matches(w, '[0-9]')),
      lambda w: CASE WHEN regexp_matches(w, '^[0-9]+$') THEN coalesce(nullif(ltrim(w, '0'), ''), '0')
        WHEN list_position(${NUMBER_WORDS}, w) > 0 THEN list_position(${NUMBER_WORDS}, w)::VARCHAR
        ELSE left(regexp_replace(w, 's$', ''), 5) END))`;
}

/**
 * The expressions of a restated rule: the next contact's lines (`${name}_lines`) and the note's words
 * (`${name}_note`), NULL where the note held nothing the rule could count, and then the index in the
 * lines of the first customer's turn that restates the note (`${name}_turn`), NULL when none does.
 */
function restatedColumns(
  rule: RestatedRule,
  name: string,
  present: (e: HandoverElement) => string,
): { lines: string; note: string; turn: string } {
  const ignore = rule.ignore_words.length ? `\\b(?:${rule.ignore_words.join('|')})\\b` : null;
  const agent = literal(`^${sqlPattern(rule.agent_turn)}`);
  const customer = literal(`^${sqlPattern(rule.customer_turn)}`);
  const asked = handoverElements.filter((e) => rule.asks_for[e] !== undefined);
  const asks = (e: HandoverElement, line: string) =>
    `regexp_matches(${line}, ${literal(sqlPattern(rule.asks_for[e] as string))})`;
  const held = (elements: readonly HandoverElement[]) =>
    elements.length ? `(${elements.map(present).join(' OR ')})` : 'false';
  // A request for an element counts when the note held that element; any other request, one of needs.
  const heldForRequest = (line: string) =>
    asked.length
      ? `CASE WHEN ${asked.map((e) => asks(e, line)).join(' OR ')}
          THEN ${asked.map((e) => `(${asks(e, line)} AND ${present(e)})`).join(' OR ')}
          ELSE ${held(rule.needs)} END`
      : held(rule.needs);
  const said = (line: string) => `regexp_replace(${line}, ${customer}, '')`;
  const pair = `lambda i: regexp_matches(${name}_lines[i - 1], ${agent})
      AND regexp_matches(${name}_lines[i - 1], ${literal(sqlPattern(rule.request))})
      AND regexp_matches(${name}_lines[i], ${customer})
      ${rule.confirms ? `AND NOT regexp_matches(${said(`${name}_lines[i]`)}, ${literal(`^\\W*${sqlPattern(rule.confirms)}\\b`)})` : ''}
      AND ${heldForRequest(`${name}_lines[i - 1]`)}`;
  const restating = `list_filter(list_transform(list_filter(range(2, len(${name}_lines) + 1), ${pair}),
      lambda i: {'i': i, 'said': ${tokens(said(`${name}_lines[i]`), ignore)},
        'asked': ${tokens(`${name}_lines[i - 1]`, ignore)}}),
      lambda p: len(list_filter(p.said, lambda w: list_contains(${name}_note, w) AND NOT list_contains(p.asked, w)))
        >= ${rule.shared_words})[1].i`;
  const countable = `t_next IS NOT NULL AND ${held([...new Set([...rule.needs, ...asked])])}`;
  return {
    lines: `CASE WHEN ${countable} THEN string_split(t_next, chr(10)) END AS ${name}_lines`,
    note: `CASE WHEN ${countable} THEN ${tokens('t_note', ignore)} END AS ${name}_note`,
    turn: `CASE WHEN ${name}_lines IS NOT NULL THEN ${restating} END AS ${name}_turn`,
  };
}

function detectionSql(
  detectors: LoadedDetectors,
  options: { source: string; target: string },
  learned: readonly LearnedCut[],
): string {
  const { elements } = detectors.detectors;
  const cleared = [
    ...handoverElements.map((e) => ({ name: e, text: 't_note', rules: elements[e].clear })),
    { name: 'repeat', text: 't_next', rules: elements.customer_repeated.clear },
  ].filter((c) => c.rules.length > 0);
  const noteText = (e: HandoverElement) => (elements[e].clear.length ? `c_${e}` : 't_note');
  const partsOf = new Map<HandoverElement, Part[]>();
  const weighsWeakRules = (e: HandoverElement) =>
    learned.some((cut) => cut.element === e && cut.weakLogit !== null);
  const notes: Search[] = handoverElements.flatMap((e) => {
    const patterns = elements[e].match.filter((r): r is PatternRule => !isAllRule(r));
    // weak rules are searched apart only where the model weighs them; elsewhere they count like any rule
    const split = weighsWeakRules(e);
    const strong = inParts(patterns.filter((r) => !(split && r.weak)));
    const weak = split ? inParts(patterns.filter((r) => r.weak)).filter((p) => p.length) : [];
    const parts: (Part & { rules: DetectorRule[] })[] = [
      ...strong.map((rules, k) => ({ name: k ? `${e}_p${k}` : e, weak: false, rules })),
      ...weak.map((rules, k) => ({ name: `${e}_w${k}`, weak: true, rules })),
    ];
    partsOf.set(e, parts);
    return parts.map((p) => ({ name: p.name, text: noteText(e), rules: p.rules }));
  });
  const together = new Map<HandoverElement, Together[]>(
    handoverElements.map((e) => [
      e,
      elements[e].match.filter(isAllRule).map((rule, i) => ({
        name: `a_${e}_${i}`,
        rule,
        search: { name: `a_${e}_${i}`, text: noteText(e), rules: [{ id: rule.id, pattern: rule.all[0] }] },
      })),
    ]),
  );
  const allTogether = [...together.values()].flat();
  const vetoes = handoverElements.filter((e) => elements[e].veto.length > 0);
  const repeatText = elements.customer_repeated.clear.length ? 'c_repeat' : 't_next';
  const groups = repeatGroups(elements.customer_repeated.match).map((g, i) => ({
    needs: g.needs,
    search: { name: `g${i}`, text: repeatText, rules: g.rules },
  }));
  const present = (e: HandoverElement) => `${e}_found IS NOT NULL`;
  const restated = elements.customer_repeated.restated.map((rule, i) => ({
    rule,
    name: `x${i}`,
    columns: restatedColumns(rule, `x${i}`, present),
  }));

  const groupCandidates = groups.map(
    (g, i) => `CASE WHEN ${g.search.name}_start IS NOT NULL
        THEN {'start': ${g.search.name}_start, 'grp': ${i},
          'length': ${g.search.name}_length, 'rule': ${g.search.name}_rule} END`,
  );
  const restatedCandidates = restated.map(
    (x, i) => `CASE WHEN ${x.name}_start IS NOT NULL
        THEN {'start': ${x.name}_start, 'grp': ${groups.length + i},
          'length': ${x.name}_length, 'rule': ${literal(x.rule.id)}} END`,
  );
  const lineStart = (x: string) => `length(array_to_string(${x}_lines[1:${x}_turn - 1], chr(10))) + 1`;
  const customerLabel = (x: { rule: RestatedRule; name: string }) =>
    `regexp_extract(${x.name}_lines[${x.name}_turn], ${literal(`^${sqlPattern(x.rule.customer_turn)}`)})`;
  const turnText = (x: { rule: RestatedRule; name: string }) =>
    `substr(${x.name}_lines[${x.name}_turn], length(${customerLabel(x)}) + 1)`;

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
  SELECT *${list([
    ...notes.filter((s) => s.rules.length).map((s) => marked(s)),
    ...allTogether.map((t) => marked(t.search, togetherCondition(t.rule, t.search.text))),
  ])}
  FROM cleaned
), note_found AS (
  SELECT *${list([...notes.filter((s) => s.rules.length), ...allTogether.map((t) => t.search)].flatMap(matchColumns))}${list(
    notes
      .filter((s) => !s.rules.length)
      .flatMap((s) => [`NULL::INTEGER AS ${s.name}_start`, `NULL::INTEGER AS ${s.name}_length`]),
  )}
  FROM note_marked
), note_named AS (
  SELECT *${list([
    ...notes.filter((s) => s.rules.length).map(ruleColumn),
    ...notes.filter((s) => !s.rules.length).map((s) => `NULL::VARCHAR AS ${s.name}_rule`),
    ...vetoes.map((e) => `${vetoCondition(detectors, e, 't_note')} AS v_${e}`),
  ])}
  FROM note_found
), ${learned.length ? `${learnedSumsSql(learned)}, ` : ''}elements_found AS (
  SELECT *${list(
    handoverElements.map((e) =>
      elementColumns(
        e,
        partsOf.get(e) ?? [{ name: e, weak: false }],
        together.get(e) ?? [],
        vetoes.includes(e) ? `v_${e}` : null,
        learned.find((cut) => cut.element === e),
      ),
    ),
  )}
  FROM note_named${learned.length ? ' LEFT JOIN learned_sums USING (step_key)' : ''}
), repeat_marked AS (
  SELECT *${list(groups.map((g) => marked(g.search, `(${g.needs.map(present).join(' OR ')})`)))}
  FROM elements_found
), found AS (
  SELECT *${list(groups.flatMap((g) => matchColumns(g.search)))}
  FROM repeat_marked
), named AS (
  SELECT *${list(groups.map((g) => ruleColumn(g.search)))}
  FROM found
), restate_lines AS (
  SELECT *${list(restated.flatMap((x) => [x.columns.lines, x.columns.note]))}
  FROM named
), restate_turns AS (
  SELECT *${list(restated.map((x) => x.columns.turn))}
  FROM restate_lines
), restate_found AS (
  SELECT *${list(
    restated.flatMap((x) => [
      // the customer's words after the turn's label, leading spaces and trailing spaces (and \\r) left out
      `CASE WHEN ${x.name}_turn IS NOT NULL THEN ${lineStart(x.name)} + length(${customerLabel(x)})
          + length(regexp_extract(${turnText(x)}, '^\\s*')) END AS ${x.name}_start`,
      `CASE WHEN ${x.name}_turn IS NOT NULL THEN length(trim(${turnText(x)}, ' ' || chr(9) || chr(13))) END AS ${x.name}_length`,
    ]),
  )}
  FROM restate_turns
), repeated AS (
  SELECT *,
    -- the earliest match in the next contact, whichever group or restated rule found it
    list_sort(list_filter([${[...groupCandidates, ...restatedCandidates].join(', ')}], lambda m: m IS NOT NULL))[1] AS first_repeat
  FROM restate_found
), result AS (
  SELECT *, first_repeat.start AS repeat_start, first_repeat.length AS repeat_length,
    first_repeat.rule AS repeat_rule${list(
      handoverElements.flatMap((e) => [
        `${e}_found.start AS ${e}_f_start`,
        `${e}_found.length AS ${e}_f_length`,
        `${e}_found.rule AS ${e}_f_rule`,
      ]),
    )}
  FROM repeated
)
SELECT step_key,
  ${handoverElements.map((e) => `${e}_f_start IS NOT NULL AS ${e}`).join(',\n  ')},
  repeat_start IS NOT NULL AS customer_repeated,
  list_filter([
    ${[...handoverElements.map((e) => evidence(e, 'note', `${e}_f`)), evidence('customer_repeated', 'next_contact', 'repeat')].join(',\n    ')}
  ], lambda ev: ev IS NOT NULL)::${evidenceType} AS evidence
FROM result`;
}
