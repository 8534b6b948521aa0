import { describe, expect, it } from 'vitest';
import { loadRubric, parseRubric } from '../../../../etl/src/scoring/rubric/load-rubric.js';
import { defaultStaffing } from '../../../../etl/src/scoring/rubric/rubric.schema.js';
import { RubricError } from '../../../../etl/src/scoring/rubric/rubric-error.js';
import { baseRubric } from './rubric-base.js';

// line numbers below count from here: baseRubric's lines, then the staffing section's
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

describe('the rubric staffing section (the Load page’s Erlang C target)', () => {
  it('should load the default rubric with the documented 80% within 20 s, 85% occupancy, 30% shrinkage', () => {
    expect(loadRubric().rubric.staffing).toEqual({
      service_level: 0.8,
      target_seconds: 20,
      max_occupancy: 0.85,
      shrinkage: 0.3,
    });
  });

  it('should fill the defaults for a rubric without it, and for a key left out', () => {
    expect(parseRubric(baseRubric, 'r.yaml').rubric.staffing).toEqual(defaultStaffing);
    const partial = parseRubric(
      `${baseRubric}\nstaffing:\n  service_level: 0.9\n  target_seconds: 30\n`,
      'r.yaml',
    );
    expect(partial.rubric.staffing).toEqual({ ...defaultStaffing, service_level: 0.9, target_seconds: 30 });
  });

  it('should name each impossible value with its line', () => {
    const text = `${baseRubric}
staffing:
  service_level: 1
  target_seconds: -5
  max_occupancy: 0
  shrinkage: 1
  answer_all: true
`;
    expect(problemsOf(text)).toEqual([
      `${first + 2}: staffing.service_level: expected a share above 0 and below 1 (0.8 for 80%): no staff answers every call in time, found 1`,
      `${first + 3}: staffing.target_seconds: expected a number of seconds, 0 or more, found -5`,
      `${first + 4}: staffing.max_occupancy: expected a share above 0, up to 1, found 0`,
      `${first + 5}: staffing.shrinkage: expected a share from 0 to below 1, found 1`,
      `${first + 6}: staffing.answer_all: unknown key 'answer_all' (expected service_level, target_seconds, max_occupancy, shrinkage)`,
    ]);
  });
});
