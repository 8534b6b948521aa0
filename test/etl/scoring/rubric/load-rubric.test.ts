import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clockPresets } from '../../../../etl/src/scoring/rubric/clock-presets.js';
import { loadRubric, parseRubric } from '../../../../etl/src/scoring/rubric/load-rubric.js';
import { RubricError } from '../../../../etl/src/scoring/rubric/rubric-error.js';
import { baseRubric } from './rubric-base.js';

/** The RubricError that `load` throws. */
function errorOf(load: () => unknown): RubricError {
  try {
    load();
  } catch (error) {
    if (error instanceof RubricError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a RubricError');
}

const clockLines = '    clock:\n      days: 30\n      time: calendar\n      pause_statuses: []\n';

function edit(from: string, to: string): string {
  if (!baseRubric.includes(from)) {
    throw new Error(`the base rubric has no '${from}'`);
  }
  return baseRubric.replace(from, to);
}

describe('loadRubric', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eqa-rubric-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should load the default rubric with its documented values', () => {
    const sut = loadRubric();

    expect(sut.file).toMatch(/default-rubric\.yaml$/);
    expect(sut.rubric.version).toBe('default-2025.1');
    expect(sut.rubric.minimum_volume).toBe(30);
    expect(sut.rubric.standards.resolution.clock).toEqual({
      days: 30,
      time: 'calendar',
      from: 'first_contact',
      pause_statuses: [],
    });
    expect(sut.rubric.standards.resolution.overrides[0]).toEqual({
      match: { category: 'payments' },
      clock: { ...clockPresets.uk_psd2, preset: 'uk_psd2' },
    });
    expect(sut.rubric.standards.resolution.sla.pause_statuses).toEqual(['pending', 'on_hold']);
    expect(sut.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should give the same hash to the same rules written differently, and another to other rules', () => {
    const sut = parseRubric(baseRubric, 'a.yaml').hash;

    expect(parseRubric(`# a comment\n${baseRubric.replace('  high:', '  "high":')}`, 'b.yaml').hash).toBe(
      sut,
    );
    expect(parseRubric(edit('days: 30', 'days: 31'), 'c.yaml').hash).not.toBe(sut);
  });

  it('should fill the documented defaults: 30 calendar days from first contact, minimum volume 30', () => {
    const text = edit('minimum_volume: 30\n', '').replace(
      '    clock:\n      days: 30\n      time: calendar\n      pause_statuses: []\n',
      '',
    );

    const sut = parseRubric(text, 'defaults.yaml').rubric;

    expect(sut.minimum_volume).toBe(30);
    expect(sut.standards.resolution.clock).toEqual({
      days: 30,
      time: 'calendar',
      from: 'first_contact',
      pause_statuses: [],
    });
  });

  it.each([
    ['uk_fca', { days: 56, time: 'calendar', summary: { days: 3, time: 'business' } }],
    ['uk_psd2', { days: 15, time: 'business', exceptional: { days: 35, time: 'business' } }],
    ['us_cfpb', { days: 60, time: 'calendar', response: { days: 15, time: 'calendar' } }],
    ['thirty_days', { days: 30, time: 'calendar' }],
  ])('should load a rubric whose clock is the preset %s', (preset, expected) => {
    const file = join(dir, `${preset}.yaml`);
    writeFileSync(file, edit(clockLines, `    clock: ${preset}\n\n\n\n`));

    const sut = loadRubric(file).rubric.standards.resolution.clock;

    expect(sut).toEqual({ from: 'first_contact', pause_statuses: [], ...expected, preset });
  });

  it('should let an own preset be named by a clock and an override', () => {
    const text = baseRubric.replace(
      '    clock:\n      days: 30\n      time: calendar\n      pause_statuses: []\n',
      '    clock: internal\n    overrides:\n      - {match: {policy: p1}, clock: internal}\n' +
        '    presets:\n      internal: {days: 20, time: business, pause_statuses: [on_hold]}\n',
    );

    const sut = parseRubric(text, 'own.yaml').rubric.standards.resolution;

    expect(sut.clock).toEqual({
      days: 20,
      time: 'business',
      from: 'first_contact',
      pause_statuses: ['on_hold'],
      preset: 'internal',
    });
    expect(sut.overrides[0].clock.preset).toBe('internal');
  });

  const broken: [string, string, string][] = [
    [
      'a value of the wrong type',
      edit(
        '    weight: 0.25\n    critical: false\n    scales:',
        '    weight: high\n    critical: false\n    scales:',
      ),
      "rubric.yaml:17: standards.satisfaction.weight: expected a number from 0 to 1, found 'high'",
    ],
    [
      'an unknown key',
      edit('    repeat_cost: 25', '    repeat_cost: 25\n    repeat_costs: 25'),
      'rubric.yaml:15: standards.assessment_quality.repeat_costs: unknown key ' +
        "'repeat_costs' (expected weight, critical, pass_mark, detectors, elements, repeat_cost, next_tier_target, next_tier_late_cost)",
    ],
    [
      'weights not adding up to 1',
      edit('    weight: 0.25\n    critical: true', '    weight: 0.35\n    critical: true'),
      'rubric.yaml:4: standards: the weights of the four standards must add up to 1, ' +
        'found 0.25 + 0.25 + 0.25 + 0.35 = 1.1',
    ],
    [
      'element weights not adding up to 1',
      edit('severity: 0.15}', 'severity: 0.5}'),
      'rubric.yaml:13: standards.assessment_quality.elements: the element weights must add up to 1, ' +
        'found 0.25 + 0.2 + 0.15 + 0.15 + 0.1 + 0.5 = 1.35',
    ],
    [
      'a value for cases without a survey',
      edit('      good_bad: {good: 100, bad: 0}', '      good_bad: {good: 100, bad: 0}\n    not_surveyed: 0'),
      'rubric.yaml:24: standards.satisfaction.not_surveyed: ' +
        '\'not_surveyed\' cannot be given a value: a case without a survey is "not surveyed" and is left out ' +
        'of averages, never scored',
    ],
    [
      'a default answer slipped into a scale',
      edit('      thumbs: {up: 100, down: 0}', '      thumbs: {up: 100, down: 0, missing: 50}'),
      'rubric.yaml:22: standards.satisfaction.scales.thumbs.missing: ' +
        '\'missing\' cannot be given a value: a case without a survey is "not surveyed" and is left out ' +
        'of averages, never scored',
    ],
    [
      'a scale answer left out',
      edit('      thumbs: {up: 100, down: 0}', '      thumbs: {up: 100}'),
      'rubric.yaml:22: standards.satisfaction.scales.thumbs.down: missing (expected points from 0 to 100)',
    ],
    [
      'bad YAML indentation',
      edit('    critical: false\n    reassignment_cost: 20', '    critical: false\n   reassignment_cost: 20'),
      'rubric.yaml:8: not valid YAML: All mapping items must start at the same column (and 2 more)',
    ],
    [
      'a clock with negative days',
      edit('      days: 30', '      days: -5'),
      'rubric.yaml:29: standards.resolution.clock.days: expected a whole number of days above 0, found -5',
    ],
    [
      'an unknown pause status',
      edit('      pause_statuses: []', '      pause_statuses: [pending, waiting]'),
      "rubric.yaml:31: standards.resolution.clock.pause_statuses.1: expected pending or on_hold, found 'waiting'",
    ],
    [
      'an unknown preset',
      edit(clockLines, '    clock: uk_fsa\n\n\n\n'),
      "rubric.yaml:28: standards.resolution.clock: unknown preset 'uk_fsa' (expected uk_fca, uk_psd2, " +
        'us_cfpb, thirty_days, or a clock)',
    ],
    [
      'a missing version marker',
      edit('rubric: 1\n', 'rubric: 2\n'),
      'rubric.yaml:1: rubric: expected rubric: 1 (the rubric format version), found 2',
    ],
    [
      'business hours ending before they start',
      edit("end: '17:00'", "end: '08:00'"),
      'rubric.yaml:27: standards.resolution.business_hours.end: expected a time after start (09:00)',
    ],
  ];

  it.each(broken)('should report %s with its line and what was expected', (_, text, message) => {
    const sut = errorOf(() => parseRubric(text, 'rubric.yaml'));

    expect(sut.message).toBe(message);
  });

  it('should report every mistake, not only the first, in line order', () => {
    const text = edit('      days: 30', '      days: 0').replace('version: test-1', 'version: []');

    const sut = errorOf(() => parseRubric(text, 'rubric.yaml'));

    expect(sut.problems.map((p) => p.line)).toEqual([2, 29]);
  });

  it('should name an unreadable file without a stack trace', () => {
    const sut = errorOf(() => loadRubric(join(dir, 'none.yaml')));

    expect(sut.message).toMatch(/none\.yaml: cannot be read: ENOENT/);
  });
});
