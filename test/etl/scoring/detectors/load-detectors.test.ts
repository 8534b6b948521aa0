import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectedElements } from '../../../../etl/src/scoring/detectors/detectors.schema.js';
import {
  asNonCapturing,
  DetectorsError,
  loadDetectors,
  parseDetectors,
} from '../../../../etl/src/scoring/detectors/load-detectors.js';

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

function edit(from: string, to: string): string {
  if (!base.includes(from)) {
    throw new Error(`the base file has no '${from}'`);
  }
  return base.replace(from, to);
}

/** The DetectorsError that `load` rejects with. */
async function errorOf(load: () => Promise<unknown>): Promise<DetectorsError> {
  try {
    await load();
  } catch (error) {
    if (error instanceof DetectorsError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a DetectorsError');
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
    const ids = detectedElements.flatMap((e) =>
      [...sut.detectors.elements[e].clear, ...sut.detectors.elements[e].match].map((r) => r.id),
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(sut.detectors.elements.customer_repeated.match.every((r) => r.needs.length > 0)).toBe(true);
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
