import { describe, expect, it } from 'vitest';
import {
  caseNoScoreReason,
  caseScoreOf,
  elementOf,
  evidenceOf,
  levelChange,
  missingElements,
  noteSpans,
  transcriptSpans,
  verdictOf,
} from '../../../../dashboard/src/pages/case/case-evidence.util.js';
import { caseDetail, evidence, step } from './case-fixture.js';

describe('case-evidence.util', () => {
  describe(elementOf.name, () => {
    it('should read the element out of a detector rule', () => {
      expect(elementOf('element.customer_ask: ask-wants')).toBe('customer_ask');
      expect(elementOf('routing.expected')).toBeNull();
    });
  });

  describe(verdictOf.name, () => {
    it('should follow passed: true ✓, false ✗, null not judged', () => {
      expect(verdictOf(evidence({ passed: true }))).toBe('pass');
      expect(verdictOf(evidence({ passed: false }))).toBe('fail');
      expect(verdictOf(evidence({ passed: null }))).toBe('none');
    });

    it('should read a found "customer repeated" as a deduction whatever passed says', () => {
      expect(verdictOf(evidence({ rule: 'element.customer_repeated: repeat-said', passed: true }))).toBe(
        'fail',
      );
    });
  });

  describe(evidenceOf.name, () => {
    const detail = caseDetail({
      steps: [step({ step_no: 1 }), step({ step_no: 2 })],
      evidence: [
        evidence({ step_no: 2, standard: 'right_department', rule: 'routing.expected' }),
        evidence({ step_no: 1, standard: 'right_department', rule: 'routing.expected' }),
        evidence({ step_no: null, standard: 'resolution', rule: 'clock.default' }),
        evidence({
          step_no: null,
          standard: 'right_department',
          rule: 'critical.right_department',
          passed: false,
        }),
        evidence({ step_no: 1, standard: 'right_department', rule: 'routing.reassigned', passed: false }),
      ],
    });

    it("should group a standard's step rows by step, in step order, keeping each row's index", () => {
      const sut = evidenceOf(detail, 'right_department');

      expect(sut.steps.map((g) => [g.stepNo, g.step?.step_no, g.rows.map((r) => r.index)])).toEqual([
        [1, 1, [1, 4]],
        [2, 2, [0]],
      ]);
    });

    it('should put case rows first, a critical failure at their top, and leave other standards out', () => {
      expect(evidenceOf(detail, 'right_department').caseRows.map((r) => r.item.rule)).toEqual([
        'critical.right_department',
      ]);
      expect(evidenceOf(detail, 'resolution').caseRows.map((r) => r.index)).toEqual([2]);
      expect(evidenceOf(detail, 'satisfaction')).toEqual({ caseRows: [], steps: [] });
    });
  });

  describe(caseScoreOf.name, () => {
    it("should read the case's score per standard, null when not scored", () => {
      const { score } = caseDetail();

      expect(caseScoreOf(score, 'satisfaction')).toBe(100);
      expect(caseScoreOf(score, 'resolution')).toBeNull();
      expect(caseScoreOf(null, 'resolution')).toBeNull();
    });
  });

  describe(caseNoScoreReason.name, () => {
    it('should say not surveyed and not yet due in words', () => {
      const { score } = caseDetail();

      expect(caseNoScoreReason(score, 'satisfaction')).toContain('not surveyed');
      expect(caseNoScoreReason(score, 'resolution')).toContain('not yet due');
      expect(caseNoScoreReason(null, 'resolution')).toContain('no escalation step');
    });
  });

  describe(missingElements.name, () => {
    it('should list the absent handover elements in the rubric order', () => {
      expect(missingElements(step({ problem: true, timeline: true }))).toEqual([
        'customer ask',
        'already tried',
        'dispute source',
        'severity',
      ]);
    });
  });

  describe(noteSpans.name, () => {
    it("should take a step's note spans, labelled with the element and tied to the row", () => {
      const detail = caseDetail({
        evidence: [
          evidence({ step_no: 1, standard: 'assessment_quality', rule: 'handover.no_note', source: 'note' }),
          evidence({
            step_no: 1,
            standard: 'assessment_quality',
            rule: 'element.customer_ask: ask-wants',
            source: 'note',
            span_start: 3,
            span_length: 5,
          }),
          evidence({ step_no: 2, rule: 'element.problem: p', source: 'note', span_start: 0, span_length: 2 }),
        ],
      });

      expect(noteSpans(detail, 1)).toEqual([{ start: 3, length: 5, label: 'customer ask', ref: 1 }]);
    });
  });

  describe(transcriptSpans.name, () => {
    it("should take the spans found in one call's transcript", () => {
      const detail = caseDetail({
        evidence: [
          evidence({
            step_no: 1,
            rule: 'element.customer_repeated: said-before',
            source: 'transcript',
            call_id: 'CA1',
            span_start: 24,
            span_length: 9,
          }),
        ],
      });

      expect(transcriptSpans(detail, 'CA1')).toEqual([
        { start: 24, length: 9, label: 'customer repeated', ref: 0 },
      ]);
      expect(transcriptSpans(detail, 'CA2')).toEqual([]);
    });
  });

  describe(levelChange.name, () => {
    it('should say the level change, or where an entered case started', () => {
      expect(levelChange(step({ from_level: 1, to_level: 3 }))).toBe('Level 1 → 3');
      expect(levelChange(step({ is_entry: true, from_level: null, to_level: 2 }))).toBe('Entered at level 2');
    });
  });
});
