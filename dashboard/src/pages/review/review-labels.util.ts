import type { ReviewRule, ReviewStandard } from '../../../../server/src/contracts/reviews.contract.js';

export const STANDARD_LABELS: Readonly<Record<ReviewStandard, string>> = {
  right_department: 'Right department',
  assessment_quality: 'Assessment quality',
  satisfaction: 'Satisfaction',
  resolution: 'Resolution',
};

/** Why a case was queued, in words. */
export const RULE_LABELS: Readonly<Record<ReviewRule, string>> = {
  level4: 'Reached level 4',
  dissatisfied: 'Dissatisfied',
  outlier: 'Outlier for its agent',
  lowest_overall: 'Lowest overall',
  random_quota: 'Random quota',
};

/** The rules in the server's priority order (a case several rules pick counts under the first). */
export const RULES = Object.keys(RULE_LABELS) as ReviewRule[];
