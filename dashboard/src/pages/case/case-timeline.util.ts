import type {
  CaseCall,
  CaseDetail,
  CaseSurveyAnswer,
  StepScore,
  TimelineEvent,
} from '../../../../server/src/contracts/standards.contract.js';

/** One entry of the case's chain, in time order. */
export type TimelineItem =
  | { kind: 'event'; at: string; event: TimelineEvent; step: StepScore | null }
  | { kind: 'call'; at: string; call: CaseCall }
  | { kind: 'survey'; at: string | null; answer: CaseSurveyAnswer };

/**
 * The event that made each escalation step. Steps carry no event number, so a step is matched to the
 * event at the same second reaching the same level, preferring the same department; each event serves
 * one step at most.
 */
export function stepEvents(
  steps: readonly StepScore[],
  events: readonly TimelineEvent[],
): Map<number, number> {
  const bySeq = new Map<number, number>();
  const used = new Set<number>();
  for (const step of steps) {
    const candidates = events.filter(
      (event) => event.at === step.at && event.level === step.to_level && !used.has(event.seq),
    );
    const event = candidates.find((c) => c.department === step.department) ?? candidates[0];
    if (event) {
      used.add(event.seq);
      bySeq.set(event.seq, step.step_no);
    }
  }
  return bySeq;
}

const KIND_ORDER: Record<TimelineItem['kind'], number> = { event: 0, call: 1, survey: 2 };

/**
 * The case's chain in time order: its events (escalation steps marked with their scores), its linked
 * calls and its survey answers. A survey event whose answer is listed is shown once, as the answer;
 * answers without a time come last. Ties keep events before calls before answers, each in API order.
 */
export function caseTimeline(detail: CaseDetail): TimelineItem[] {
  const stepOf = stepEvents(detail.steps, detail.events);
  const answeredAt = new Set(detail.surveys.filter((a) => a.source === 'event' && a.at).map((a) => a.at));
  const items: TimelineItem[] = [
    ...detail.events
      .filter((event) => !(event.type === 'survey' && answeredAt.has(event.at)))
      .map((event): TimelineItem => {
        const stepNo = stepOf.get(event.seq);
        const step = stepNo === undefined ? null : (detail.steps.find((s) => s.step_no === stepNo) ?? null);
        return { kind: 'event', at: event.at, event, step };
      }),
    ...detail.calls.map((call): TimelineItem => ({ kind: 'call', at: call.started_at, call })),
    ...detail.surveys.map((answer): TimelineItem => ({ kind: 'survey', at: answer.at, answer })),
  ];
  return items
    .map((item, order) => ({ item, order }))
    .sort((a, b) => {
      const x = a.item.at;
      const y = b.item.at;
      if (x !== y) {
        if (x === null || y === null) {
          return x === null ? 1 : -1;
        }
        return x < y ? -1 : 1;
      }
      return KIND_ORDER[a.item.kind] - KIND_ORDER[b.item.kind] || a.order - b.order;
    })
    .map(({ item }) => item);
}

/** An event type for reading: 'customer_reply' → "customer reply", 'de-escalated' → "de-escalated". */
export function eventLabel(type: string): string {
  return type.replaceAll('_', ' ');
}

/** A call's length for reading: "8 min", "45 s"; null when it has no end. */
export function callLength(call: CaseCall): string | null {
  if (!call.ended_at) {
    return null;
  }
  const seconds = Math.round((Date.parse(call.ended_at) - Date.parse(call.started_at)) / 1000);
  if (!Number.isFinite(seconds) || seconds < 0) {
    return null;
  }
  return seconds < 60 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

/** A survey answer for reading: "CSAT 5 → 100 points", or the raw answer when it is on no scale. */
export function surveyAnswerText(answer: CaseSurveyAnswer): string {
  const raw = answer.raw_value ?? '(no value)';
  if (answer.points === null) {
    return `“${raw}”: on no scale of the rubric, left out`;
  }
  const scale = answer.scale ? `${answer.scale.toUpperCase().replace('_', '/')} ` : '';
  return `${scale}${raw} → ${Math.round(answer.points)} points`;
}
