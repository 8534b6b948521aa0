import { describe, expect, it } from 'vitest';
import { loadRubric, parseRubric } from '../../../../etl/src/scoring/rubric/load-rubric.js';
import { RubricError } from '../../../../etl/src/scoring/rubric/rubric-error.js';
import { baseRubric } from './rubric-base.js';

const authority = `authority:
  currency: GBP
  limits:
    refund: {1: 50, 2: 150, 3: 1000, 4: unlimited}
    goodwill: {1: 25, 3: 300}
  amount_bands: [25, 50, 100]
offer_fairness:
  max_difference: 0.2
`;
// line numbers below count from here: baseRubric's lines, then these
const first = baseRubric.split('\n').length;

function problemsOf(text: string): string[] {
  try {
    parseRubric(text, 'r.yaml');
  } catch (error) {
    if (error instanceof RubricError) {
      return error.problems.map((p) => `${p.line}: ${p.reason}`);
    }
    throw error;
  }
  return [];
}

describe('the rubric authority matrix and offer fairness', () => {
  it('should load the default rubric with the documented limits and bands', () => {
    const sut = loadRubric().rubric;

    expect(sut.authority?.currency).toBe('GBP');
    expect(sut.authority?.limits.refund).toEqual({ 1: 50, 2: 150, 3: 1000, 4: null });
    expect(sut.authority?.limits.other).toEqual({ 2: 50, 3: 500, 4: null });
    expect(sut.authority?.amount_bands).toEqual([25, 50, 100, 250, 500, 1000]);
    expect(sut.authority?.flag_approval_share).toBe(0.85);
    expect(sut.offer_fairness).toEqual({ max_difference: 0.15, value_bands: [1000, 5000, 20000] });
  });

  it('should read unlimited as no limit, fill the defaults, and leave a rubric without the sections valid', () => {
    const sut = parseRubric(baseRubric + authority, 'r.yaml').rubric;

    expect(sut.authority).toEqual({
      currency: 'GBP',
      limits: { refund: { 1: 50, 2: 150, 3: 1000, 4: null }, goodwill: { 1: 25, 3: 300 } },
      amount_bands: [25, 50, 100],
      flag_approval_share: 0.85,
    });
    expect(sut.offer_fairness).toEqual({ max_difference: 0.2, value_bands: [1000, 5000, 20000] });
    expect(parseRubric(baseRubric, 'r.yaml').rubric.authority).toBeUndefined();
  });

  it.each([
    [
      'an unknown kind',
      authority.replace('goodwill:', 'cashback:'),
      first + 4,
      "authority.limits.cashback: unknown key 'cashback'",
    ],
    [
      'a level outside 1-4',
      authority.replace('{1: 25, 3: 300}', '{1: 25, 5: 300}'),
      first + 4,
      "authority.limits.goodwill.5: unknown key '5'",
    ],
    [
      'a negative amount',
      authority.replace('{1: 25,', '{1: -5,'),
      first + 4,
      "authority.limits.goodwill.1: expected an amount of 0 or more, or 'unlimited'",
    ],
    [
      'a word for an amount',
      authority.replace('3: 300}', '3: lots}'),
      first + 4,
      "authority.limits.goodwill.3: expected an amount of 0 or more, or 'unlimited'",
    ],
    [
      'a higher level granting less',
      authority.replace('2: 150, 3: 1000', '2: 150, 3: 100'),
      first + 3,
      'authority.limits.refund.3: level 3 may grant less than level 2 (100 < 150)',
    ],
    [
      'a limit under an unlimited one',
      authority.replace('3: 1000, 4: unlimited', '3: unlimited, 4: 5000'),
      first + 3,
      'authority.limits.refund.4: level 4 may grant less than level 3 (5000 < unlimited)',
    ],
    [
      'a lower-case currency',
      authority.replace('GBP', 'gbp'),
      first + 1,
      'authority.currency: expected a three-letter currency code in capitals',
    ],
    [
      'band edges that do not increase',
      authority.replace('[25, 50, 100]', '[25, 100, 50]'),
      first + 5,
      'authority.amount_bands.2: expected an amount above 100',
    ],
    [
      'a difference above 1',
      authority.replace('0.2', '1.5'),
      first + 7,
      'offer_fairness.max_difference: expected a number from 0 to 1',
    ],
    ['a missing currency', authority.replace('  currency: GBP\n', ''), first, 'authority.currency: missing'],
  ])('should name the line of %s', (_label, section, line, reason) => {
    const problems = problemsOf(baseRubric + section);

    expect(problems, problems.join('\n')).toHaveLength(1);
    expect(problems[0]).toContain(`${line}: ${reason}`);
  });
});
