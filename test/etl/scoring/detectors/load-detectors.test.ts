import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectedElements, isAllRule } from '../../../../etl/src/scoring/detectors/detectors.schema.js';
import {
  asNonCapturing,
  DetectorsError,
  loadDetectors,
  parseDetectors,
} from '../../../../etl/src/scoring/detectors/load-detectors.js';
import { rejectionOf } from '../../../setup/rejection.js';

/** A small valid detectors file; each test breaks one line of it. */
const base = `detectors: 1
version: test-1
elements:
  problem:
    match:
      - id: crash
        pattern: '\\bcrash(?:es|ed)?\\b'
  customer_ask:
    match:
      - id: wants-refund
        pattern: '\\bwants? (?:a )?refund\\b'
  already_tried:
    clear:
      - id: tried-empty
        pattern: 'tried:\\s*n/a'
    match:
      - id: tried
        pattern: '\\btried\\b'
  dispute_source:
    match:
      - id: disputes
        pattern: '\\bdisputes\\b'
  timeline:
    match:
      - id: since
        pattern: '\\bsince \\w+'
  severity:
    match:
      - id: urgent
        pattern: '\\burgent\\b'
  customer_repeated:
    match:
      - id: asks-problem
        needs: [problem]
        pattern: 'describe the problem'
`;

/** The base file with an all rule, a veto and a restated rule. */
const withKinds = base
  .replace(
    "        pattern: '\\bdisputes\\b'\n",
    `        pattern: '\\bdisputes\\b'
      - id: fee-wants
        all: ['\\bfee\\b', '\\bwants\\b']
        unless: ['\\btwice\\b']
    veto:
      - id: accepts
        pattern: '\\baccepts\\b'
`,
  )
  .concat(`    restated:
      - id: restated
        needs: [problem]
        agent_turn: 'agent:'
        customer_turn: 'customer:'
        request: '\\?'
        asks_for:
          timeline: '\\bwhen\\b'
        shared_words: 2
        ignore_words: the a
`);

function edit(from: string, to: string): string {
  if (!base.includes(from)) {
    throw new Error(`the base file has no '${from}'`);
  }
  return base.replace(from, to);
}

/** The DetectorsError that `load` rejects with. */
function errorOf(load: () => Promise<unknown>): Promise<DetectorsError> {
  return rejectionOf(load, DetectorsError);
}

describe('loadDetectors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eqa-detectors-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it('should load the default rules, with match rules for every element and an id used once', async () => {
    const sut = await loadDetectors();

    expect(sut.file).toMatch(/handover-detectors\.yaml$/);
    expect(sut.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const element of detectedElements) {
      expect(sut.detectors.elements[element].match.length, element).toBeGreaterThan(0);
    }
    const { customer_repeated: repeat, ...noteElements } = sut.detectors.elements;
    const ids = [
      ...Object.values(noteElements).flatMap((e) => [...e.clear, ...e.match, ...e.veto]),
      ...repeat.clear,
      ...repeat.match,
      ...repeat.restated,
    ].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(repeat.match.every((r) => r.needs.length > 0)).toBe(true);
    expect(sut.detectors.version).toBe('default-2025.19');
    // version 19: the rules that find the source of the dispute in many notes that lack it are weak,
    // weighed by the model
    expect(sut.detectors.elements.dispute_source.match.filter((r) => r.weak).map((r) => r.id)).toEqual([
      'dispute-told',
      'dispute-stated-reason',
      'dispute-fee-back',
      'dispute-without-charge',
      'dispute-questioned-charge',
      'dispute-unfair',
      'dispute-position-vs-want',
    ]);
    expect(sut.learned?.weakBelow).toEqual({ dispute_source: 0.25 });
    // the mechanisms of version 3: a contest found by its parts, an outright veto, the structural repeat;
    // version 4 adds a contested action (a ban, suspension, removal, cut) found by its parts; version 18
    // a rule we applied with the customer's objection
    expect(sut.detectors.elements.dispute_source.match.filter(isAllRule).map((r) => r.id)).toEqual([
      'dispute-rule',
      'dispute-contested-charge',
      'dispute-contested-action',
      'dispute-position-vs-want',
    ]);
    expect(sut.detectors.elements.dispute_source.veto.map((r) => r.id)).toEqual([
      'dispute-disowned',
      'dispute-accepted',
    ]);
    expect(repeat.restated).toHaveLength(1);
    expect(repeat.restated[0]).toMatchObject({ id: 'repeat-restated', shared_words: 2 });
    expect(repeat.restated[0].ignore_words).toContain('the');
  });

  it('should give the same hash to the same rules written differently, and another to other rules', async () => {
    const sut = (await parseDetectors(base, 'a.yaml')).hash;

    expect(
      (await parseDetectors(`# a comment\n${base.replace('version: test-1', "version: 'test-1'")}`, 'b.yaml'))
        .hash,
    ).toBe(sut);
    expect((await parseDetectors(edit("'\\bdisputes\\b'", "'\\bdisputed\\b'"), 'c.yaml')).hash).not.toBe(sut);
  });

  it('should name the file, the line and what was expected for a pattern DuckDB cannot compile', async () => {
    const path = write('bad-regex.yaml', edit("pattern: '\\bsince \\w+'", "pattern: '\\bsince (\\w+'"));

    const sut = await errorOf(() => loadDetectors(path));

    expect(sut.message).toMatch(/bad-regex\.yaml:26: elements\.timeline\.match\.0\.pattern: /);
    expect(sut.message).toContain('expected a regular expression in RE2 syntax');
    expect(sut.message).toContain('missing )');
    expect(sut.problems).toHaveLength(1);
  });

  it('should refuse look-behind, which RE2 does not have, at its line', async () => {
    const path = write('look-behind.yaml', edit("pattern: '\\burgent\\b'", "pattern: '(?<!not )urgent'"));

    const sut = await errorOf(() => loadDetectors(path));

    expect(sut.message).toMatch(
      /look-behind\.yaml:30: elements\.severity\.match\.0\.pattern: expected a regular expression/,
    );
  });

  it('should refuse a pattern that matches empty text, since it would find every note', async () => {
    const path = write('empty-match.yaml', edit("pattern: 'tried:\\s*n/a'", "pattern: '(?:tried)?'"));

    const sut = await errorOf(() => loadDetectors(path));

    expect(sut.message).toMatch(/empty-match\.yaml:15: elements\.already_tried\.clear\.0\.pattern: /);
    expect(sut.message).toContain('expected a pattern that needs at least one character');
  });

  it('should name an unknown element with the elements it expected', async () => {
    const path = write('unknown-element.yaml', edit('  severity:\n', '  severty:\n'));

    const sut = await errorOf(() => loadDetectors(path));

    expect(sut.message).toContain('unknown-element.yaml:');
    expect(sut.problems.map((p) => p.reason)).toContain(
      "elements.severty: unknown key 'severty' (expected problem, customer_ask, already_tried, dispute_source, timeline, severity, customer_repeated)",
    );
    expect(sut.problems.find((p) => p.reason.startsWith('elements.severty'))?.line).toBe(27);
  });

  it('should name a value of the wrong type with the line and the expected value', async () => {
    const path = write('wrong-type.yaml', edit('needs: [problem]', 'needs: problem'));

    const sut = await errorOf(() => loadDetectors(path));

    expect(sut.message).toBe(
      `${sut.file}:34: elements.customer_repeated.match.0.needs: expected a list of the note's elements ` +
        "(problem, customer_ask, already_tried, dispute_source, timeline, severity), found 'problem'",
    );
  });

  it('should refuse a pattern that is not text, a rule id used twice and an unknown need', async () => {
    const numeric = await errorOf(() =>
      parseDetectors(edit("pattern: '\\burgent\\b'", 'pattern: 12'), 'n.yaml'),
    );
    const twice = await errorOf(() => parseDetectors(edit('- id: urgent', '- id: crash'), 't.yaml'));
    const need = await errorOf(() => parseDetectors(edit('needs: [problem]', 'needs: [problems]'), 'u.yaml'));

    expect(numeric.message).toBe(
      'n.yaml:30: elements.severity.match.0.pattern: expected a pattern: a regular expression in single quotes, found 12',
    );
    expect(twice.message).toBe(
      "t.yaml:29: elements.severity.match.0.id: expected an id used once in the file, found 'crash' again",
    );
    expect(need.message).toMatch(
      /^u\.yaml:34: elements\.customer_repeated\.match\.0\.needs\.0: expected one of problem, /,
    );
  });

  it('should load an all rule with unless, a veto and a restated rule', async () => {
    const sut = await parseDetectors(withKinds, 'kinds.yaml');

    expect(sut.detectors.elements.dispute_source.match[1]).toEqual({
      id: 'fee-wants',
      all: ['\\bfee\\b', '\\bwants\\b'],
      unless: ['\\btwice\\b'],
    });
    expect(sut.detectors.elements.dispute_source.veto).toEqual([
      { id: 'accepts', pattern: '\\baccepts\\b', unless: [] },
    ]);
    expect(sut.detectors.elements.customer_repeated.restated[0]).toEqual({
      id: 'restated',
      needs: ['problem'],
      agent_turn: 'agent:',
      customer_turn: 'customer:',
      request: '\\?',
      asks_for: { timeline: '\\bwhen\\b' },
      shared_words: 2,
      ignore_words: ['the', 'a'],
    });
  });

  it.each([
    [
      'both pattern and all',
      "        all: ['\\bfee\\b', '\\bwants\\b']",
      "        pattern: 'x'\n        all: ['\\bfee\\b', '\\bwants\\b']",
      23,
      'elements.dispute_source.match.1: expected a rule { id, pattern } or { id, all, unless }: either pattern or all (a list of patterns), not both',
    ],
    [
      'all with one pattern',
      "all: ['\\bfee\\b', '\\bwants\\b']",
      "all: ['\\bfee\\b']",
      24,
      'elements.dispute_source.match.1.all: expected a list of at least 2 patterns, found a list',
    ],
    [
      'unless without all',
      "        pattern: '\\bdisputes\\b'\n",
      "        pattern: '\\bdisputes\\b'\n        unless: ['x']\n",
      23,
      'elements.dispute_source.match.0.unless: expected unless only beside all',
    ],
    [
      'shared words of 0',
      'shared_words: 2',
      'shared_words: 0',
      50,
      'elements.customer_repeated.restated.0.shared_words: expected a whole number of words, 1 or more, found 0',
    ],
    [
      'capitals among the ignored words',
      'ignore_words: the a',
      'ignore_words: The a',
      51,
      "elements.customer_repeated.restated.0.ignore_words: expected words of lower-case letters and digits, separated by spaces, found 'The a'",
    ],
    [
      'an unknown element asked for',
      "          timeline: '\\bwhen\\b'",
      "          timelines: '\\bwhen\\b'",
      49,
      "elements.customer_repeated.restated.0.asks_for.timelines: unknown key 'timelines' (expected problem, customer_ask, already_tried, dispute_source, timeline, severity)",
    ],
  ])('should name the line of %s', async (_, from, to, line, reason) => {
    expect(withKinds).toContain(from);

    const sut = await errorOf(() => parseDetectors(withKinds.replace(from, to), 'k.yaml'));

    expect(sut.message).toBe(`k.yaml:${line}: ${reason}`);
  });

  it("should load a veto's unless, and name the line of a pattern in it that does not compile", async () => {
    const withUnless = (p: string) =>
      withKinds.replace(
        "        pattern: '\\baccepts\\b'\n",
        `        pattern: '\\baccepts\\b'\n        unless: ['${p}']\n`,
      );

    const sut = await parseDetectors(withUnless('\\bitself\\b'), 'v.yaml');
    const bad = await errorOf(() => parseDetectors(withUnless('(itself'), 'w.yaml'));

    expect(sut.detectors.elements.dispute_source.veto).toEqual([
      { id: 'accepts', pattern: '\\baccepts\\b', unless: ['\\bitself\\b'] },
    ]);
    expect(bad.message).toMatch(/^w\.yaml:29: elements\.dispute_source\.veto\.0\.unless\.0: /);
  });

  it('should compile the patterns of all, unless, veto and restated rules at their lines', async () => {
    const sut = await errorOf(() =>
      parseDetectors(
        withKinds
          .replace("unless: ['\\btwice\\b']", "unless: ['(twice']")
          .replace("pattern: '\\baccepts\\b'", "pattern: '(?<!not )accepts'")
          .replace("          timeline: '\\bwhen\\b'", "          timeline: '(?:when'")
          .replace("customer_turn: 'customer:'", "customer_turn: '(?:customer)?'"),
        'p.yaml',
      ),
    );

    expect(sut.problems.map((p) => `${p.line} ${p.reason.split(':')[0]}`)).toEqual([
      '25 elements.dispute_source.match.1.unless.0',
      '28 elements.dispute_source.veto.0.pattern',
      '46 elements.customer_repeated.restated.0.customer_turn',
      '49 elements.customer_repeated.restated.0.asks_for.timeline',
    ]);
    expect(sut.problems[2].reason).toContain('matches empty text');
  });

  it('should refuse an id used twice across a veto and a restated rule', async () => {
    const sut = await errorOf(() =>
      parseDetectors(withKinds.replace('- id: restated', '- id: accepts'), 'd.yaml'),
    );

    expect(sut.message).toBe(
      "d.yaml:43: elements.customer_repeated.restated.0.id: expected an id used once in the file, found 'accepts' again",
    );
  });

  it('should say so when the file cannot be read or is not YAML', async () => {
    const missing = await errorOf(() => loadDetectors(join(dir, 'missing.yaml')));
    const notYaml = await errorOf(() => parseDetectors('elements: [unclosed', 'broken.yaml'));

    expect(missing.message).toMatch(/missing\.yaml: cannot be read: /);
    expect(notYaml.message).toMatch(/^broken\.yaml:1: not valid YAML: /);
  });
});

describe('asNonCapturing', () => {
  it('should make every capturing group non-capturing and leave classes, escapes and flags alone', () => {
    expect(asNonCapturing('(a|b)(?:c)(?P<name>d)(?i:e)')).toBe('(?:a|b)(?:c)(?:d)(?i:e)');
    expect(asNonCapturing('\\(x\\)[(]()[^)(]\\Q(lit)\\E[[:alpha:](]')).toBe(
      '\\(x\\)[(](?:)[^)(]\\Q(lit)\\E[[:alpha:](]',
    );
    expect(asNonCapturing('[]()](x)')).toBe('[]()](?:x)');
  });
});
