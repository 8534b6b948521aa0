import { describe, expect, it } from 'vitest';
import { writeSearch } from '../../../../dashboard/src/lib/filters/write-search.util.js';
import {
  caseChoiceCodec,
  comparableCodec,
  DEFAULT_COMPARABLE,
  DEFAULT_WHAT_IF,
  NO_CASES,
  whatIfCodec,
} from '../../../../dashboard/src/pages/empowerment/empowerment-filters.codec.js';

const parse = <T>(codec: { parse(p: URLSearchParams): T }, search: string) =>
  codec.parse(new URLSearchParams(search));

describe('the Empowerment page filters', () => {
  it('should read the what-if from the URL and write no parameter for the defaults', () => {
    expect(parse(whatIfCodec, '?kind=credit&level=2&upTo=250.5')).toEqual({
      kind: 'credit',
      level: 2,
      upTo: 250.5,
    });
    expect(parse(whatIfCodec, '')).toEqual(DEFAULT_WHAT_IF);
    expect(writeSearch('?from=2026-01-01', whatIfCodec, DEFAULT_WHAT_IF)).toBe('?from=2026-01-01');
    expect(writeSearch('', whatIfCodec, { kind: 'refund', level: 1, upTo: 80 })).toBe('?kind=refund&upTo=80');
  });

  it('should ignore a hand-edited what-if it cannot use', () => {
    expect(parse(whatIfCodec, '?kind=DROP%20TABLE&level=7&upTo=lots')).toEqual(DEFAULT_WHAT_IF);
    expect(parse(whatIfCodec, '?upTo=-5')).toEqual(DEFAULT_WHAT_IF);
  });

  it('should read the comparable cases and their dimension, the team by default', () => {
    expect(parse(comparableCodec, '?by=value_band&category=refunds&outcome=upheld')).toEqual({
      dimension: 'value_band',
      category: 'refunds',
      policy: null,
      outcome: 'upheld',
    });
    expect(parse(comparableCodec, '?by=colour')).toEqual(DEFAULT_COMPARABLE);
    expect(writeSearch('?by=channel&category=x', comparableCodec, DEFAULT_COMPARABLE)).toBe('');
  });

  it('should keep a category, policy or outcome as the data spells it, through the URL and back', () => {
    const choice = {
      dimension: 'team' as const,
      category: 'Credit reporting, credit repair services, or other personal consumer reports',
      policy: "Problem with a credit reporting company's investigation into an existing problem",
      outcome: 'Checking/savings account & débit card – closed with explanation, no monetary relief given',
    };
    expect(choice.outcome.length).toBeGreaterThan(80);
    expect(parse(comparableCodec, writeSearch('', comparableCodec, choice))).toEqual(choice);
    expect(parse(comparableCodec, `?category=${'x'.repeat(301)}&policy=%20%20`)).toEqual(DEFAULT_COMPARABLE);
  });

  it('should open the cases of a comparison or a breakdown row, and its page', () => {
    expect(parse(caseChoiceCodec, '?cases=pushing:delivery:refund&offset=25')).toEqual({
      key: 'pushing:delivery:refund',
      offset: 25,
    });
    expect(parse(caseChoiceCodec, '?cases=breakdown:fl_cedar')).toEqual({
      key: 'breakdown:fl_cedar',
      offset: 0,
    });
    expect(parse(caseChoiceCodec, '?cases=everything&offset=25')).toEqual(NO_CASES);
    expect(writeSearch('?cases=team:1:x:goodwill&offset=25', caseChoiceCodec, NO_CASES)).toBe('');
  });
});
