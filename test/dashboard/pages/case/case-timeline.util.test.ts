import { describe, expect, it } from 'vitest';
import {
  callLength,
  caseTimeline,
  stepEvents,
  surveyAnswerText,
} from '../../../../dashboard/src/pages/case/case-timeline.util.js';
import { caseDetail, event, step } from './case-fixture.js';

describe('case-timeline.util', () => {
  describe(stepEvents.name, () => {
    it('should match each step to the event at its time and level, preferring its department', () => {
      const at = '2026-01-01T10:00:00Z';
      const events = [
        event({ seq: 5, at, level: 2, department: 'other' }),
        event({ seq: 6, at, level: 2, department: 'billing' }),
        event({ seq: 7, at: '2026-01-02T10:00:00Z', level: 3 }),
      ];

      const sut = stepEvents(
        [
          step({ step_no: 1, at, to_level: 2, department: 'billing' }),
          step({ step_no: 2, at: events[2].at, to_level: 3 }),
        ],
        events,
      );

      expect([...sut]).toEqual([
        [6, 1],
        [7, 2],
      ]);
    });

    it('should leave a step without a matching event out', () => {
      expect(stepEvents([step({ at: '2030-01-01T00:00:00Z' })], [event({})]).size).toBe(0);
    });
  });

  describe(caseTimeline.name, () => {
    it('should merge events, calls and answers in time order, with the step on its event', () => {
      const sut = caseTimeline(caseDetail());

      expect(sut.map((item) => [item.kind, item.at])).toEqual([
        ['event', '2026-05-25T13:52:58Z'],
        ['event', '2026-05-25T17:11:49Z'],
        ['call', '2026-05-25T18:00:00Z'],
        ['survey', '2026-05-26T09:00:00Z'],
      ]);
      const escalated = sut[1];
      expect(escalated.kind === 'event' && escalated.step?.step_no).toBe(1);
    });

    it('should keep a survey event whose answer is not listed, and put answers without a time last', () => {
      const detail = caseDetail({
        surveys: [{ at: null, raw_value: 'up', scale: 'thumbs', points: 100, source: 'ticket_snapshot' }],
      });

      const sut = caseTimeline(detail);

      expect(sut.map((item) => item.kind)).toEqual(['event', 'event', 'call', 'event', 'survey']);
    });

    it('should put an event before a call at the same second', () => {
      const detail = caseDetail();
      const at = detail.events[0].at;

      const sut = caseTimeline({ ...detail, calls: [{ ...detail.calls[0], started_at: at }] });

      expect(sut.slice(0, 2).map((item) => item.kind)).toEqual(['event', 'call']);
    });
  });

  describe(callLength.name, () => {
    it('should give minutes, seconds under a minute, and null without an end', () => {
      const call = caseDetail().calls[0];

      expect(callLength(call)).toBe('8 min');
      expect(callLength({ ...call, ended_at: '2026-05-25T18:00:42Z' })).toBe('42 s');
      expect(callLength({ ...call, ended_at: null })).toBeNull();
    });
  });

  describe(surveyAnswerText.name, () => {
    it('should show the scale, the answer and its points, or say it is on no scale', () => {
      expect(
        surveyAnswerText({ at: null, raw_value: '5', scale: 'csat', points: 100, source: 'event' }),
      ).toBe('CSAT 5 → 100 points');
      expect(
        surveyAnswerText({ at: null, raw_value: 'good', scale: 'good_bad', points: 100, source: 'event' }),
      ).toBe('GOOD/BAD good → 100 points');
      expect(
        surveyAnswerText({ at: null, raw_value: 'meh', scale: null, points: null, source: 'event' }),
      ).toContain('on no scale');
    });
  });
});
