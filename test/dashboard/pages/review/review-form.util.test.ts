import { describe, expect, it } from 'vitest';
import { writeSearch } from '../../../../dashboard/src/lib/filters/write-search.util.js';
import {
  caseExportFilterCodec,
  DEFAULT_QUEUE_FILTER,
  queueFilterCodec,
  reviewItemCodec,
} from '../../../../dashboard/src/pages/review/review-filters.codec.js';
import {
  auditText,
  confirmAll,
  decisionErrors,
  detectedJudgments,
  reviewBody,
  stepNotes,
} from '../../../../dashboard/src/pages/review/review-form.util.js';
import { reviewStandards } from '../../../../server/src/contracts/reviews.contract.js';

describe('Review form', () => {
  it('should start with every standard confirmed and nothing to fix', () => {
    const sut = confirmAll(reviewStandards);

    expect(Object.keys(sut)).toEqual([...reviewStandards]);
    expect(decisionErrors(sut)).toEqual({});
    expect(reviewBody(reviewStandards, sut, '  ')).toEqual({
      scores: reviewStandards.map((standard) => ({ standard, override: false })),
      comments: '',
      elements: [],
    });
  });

  it('should offer the steps with a note, start each box as detected, and send the judgments given', () => {
    const step = (step_no: number, seq: number, problem: boolean) =>
      ({ step_no, seq, from_level: step_no, to_level: step_no + 1, problem, severity: !problem }) as never;
    const detail = {
      steps: [step(1, 10, true), step(2, 20, false)],
      events: [
        { seq: 10, note: '  cx disputes the fee  ' },
        { seq: 20, note: '   ' },
      ],
    } as never;

    const steps = stepNotes(detail);
    const judged = detectedJudgments(steps);
    judged[1] = { ...judged[1], timeline: true } as (typeof judged)[number];

    expect(steps).toEqual([
      {
        stepNo: 1,
        fromLevel: 1,
        toLevel: 2,
        note: 'cx disputes the fee',
        detected: {
          problem: true,
          customer_ask: false,
          already_tried: false,
          dispute_source: false,
          timeline: false,
          severity: false,
        },
      },
    ]);
    expect(reviewBody(reviewStandards, confirmAll(reviewStandards), '', judged).elements).toEqual([
      {
        stepNo: 1,
        labels: {
          problem: true,
          customer_ask: false,
          already_tried: false,
          dispute_source: false,
          timeline: true,
          severity: false,
        },
      },
    ]);
  });

  it('should ask an override for a 0–100 score and a reason, naming each that is missing', () => {
    const sut = confirmAll(reviewStandards);
    sut.right_department = { override: true, score: '', reason: '  ' };
    sut.resolution = { override: true, score: '101', reason: 'late' };
    sut.satisfaction = { override: true, score: 'ten', reason: 'x' };

    expect(decisionErrors(sut)).toEqual({
      right_department: { score: 'An override needs a score.', reason: 'An override needs a reason.' },
      resolution: { score: 'A score is a number from 0 to 100.' },
      satisfaction: { score: 'A score is a number from 0 to 100.' },
    });
  });

  it('should send an override with its number and trimmed reason, and a confirmation bare', () => {
    const sut = confirmAll(reviewStandards);
    sut.assessment_quality = { override: true, score: ' 0 ', reason: ' no handover at all ' };

    expect(decisionErrors(sut)).toEqual({});
    expect(reviewBody(reviewStandards, sut, ' checked ').scores).toEqual([
      { standard: 'right_department', override: false },
      { standard: 'assessment_quality', override: true, score: 0, reason: 'no handover at all' },
      { standard: 'satisfaction', override: false },
      { standard: 'resolution', override: false },
    ]);
  });

  it('should put the audit rows in words', () => {
    const at = '2026-11-24T10:00:00.000Z';
    expect(auditText({ at, actor: 'rita', action: 'review.submit', details: { overrides: 1 } })).toBe(
      'submitted the review (1 override)',
    );
    expect(
      auditText({
        at,
        actor: 'rita',
        action: 'review.submit',
        details: { overrides: 0, elements: 6, corrected: 2 },
      }),
    ).toBe('submitted the review (0 overrides, 6 element judgments, 2 corrected)');
    expect(
      auditText({
        at,
        actor: 'rita',
        action: 'review.override',
        details: { standard: 'resolution', automatic: null, human: 40, reason: 'was due' },
      }),
    ).toBe('overrode Resolution: no score → 40.0, “was due”');
    expect(auditText({ at, actor: 'x', action: 'something.else', details: null })).toBe('something.else');
  });
});

describe('Review page URL filters', () => {
  it('should read defaults from an empty query and write none back', () => {
    expect(queueFilterCodec.parse(new URLSearchParams(''))).toEqual(DEFAULT_QUEUE_FILTER);
    expect(writeSearch('', queueFilterCodec, DEFAULT_QUEUE_FILTER)).toBe('');
  });

  it('should round-trip the queue filters, drop unknown values and the assignee of "mine"', () => {
    const all = { view: 'all', status: 'any', overdue: true, assignee: 'rita' } as const;
    const search = writeSearch('?item=keep', queueFilterCodec, all);

    expect(search).toBe('?item=keep&view=all&status=any&overdue=true&assignee=rita');
    expect(queueFilterCodec.parse(new URLSearchParams(search))).toEqual(all);
    expect(writeSearch('', queueFilterCodec, { ...all, view: 'mine' })).toBe(
      '?view=mine&status=any&overdue=true',
    );
    expect(queueFilterCodec.parse(new URLSearchParams('view=boss&status=late&overdue=yes'))).toEqual(
      DEFAULT_QUEUE_FILTER,
    );
  });

  it('should take only a UUID as the item to review', () => {
    const id = '0b6f1c9e-2f4c-4d7e-9a51-3c2b1a0f9e8d';
    expect(reviewItemCodec.parse(new URLSearchParams(`item=${id.toUpperCase()}`))).toBe(id);
    expect(reviewItemCodec.parse(new URLSearchParams('item=T0001'))).toBeNull();
  });

  it("should keep the export's filters, drop impossible dates and swap ends typed the wrong way round", () => {
    const filter = {
      from: '2026-01-01',
      to: '2026-02-28',
      category: 'billing',
      department: null,
      team: 'Team 3',
    };
    const search = writeSearch('', caseExportFilterCodec, filter);

    expect(search).toBe('?from=2026-01-01&to=2026-02-28&category=billing&team=Team+3');
    expect(caseExportFilterCodec.parse(new URLSearchParams(search))).toEqual(filter);
    expect(
      caseExportFilterCodec.parse(new URLSearchParams('from=2026-03-01&to=2026-01-01&to=x')),
    ).toMatchObject({
      from: '2026-01-01',
      to: '2026-03-01',
    });
    expect(caseExportFilterCodec.parse(new URLSearchParams('from=yesterday'))).toMatchObject({ from: null });
  });
});
