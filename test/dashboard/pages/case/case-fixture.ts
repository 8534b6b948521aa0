import type {
  CaseDetail,
  EvidenceItem,
  StepScore,
  TimelineEvent,
} from '../../../../server/src/contracts/standards.contract.js';

/** One evidence row with the fields a test does not care about filled in. */
export function evidence(over: Partial<EvidenceItem>): EvidenceItem {
  return {
    step_no: null,
    standard: 'resolution',
    rule: 'clock.default',
    passed: true,
    detail: 'detail',
    source: 'events',
    call_id: null,
    span_start: null,
    span_length: null,
    excerpt: null,
    at: null,
    ...over,
  };
}

export function step(over: Partial<StepScore>): StepScore {
  return {
    step_no: 1,
    seq: 3,
    at: '2026-05-25T17:11:49Z',
    is_entry: false,
    from_level: 1,
    to_level: 2,
    agent_id: 'A1',
    team: 't',
    department: 'billing',
    expected_department: 'billing',
    exported_type: 'expertise',
    escalation_type: 'expertise',
    type_inferred: false,
    problem: true,
    customer_ask: false,
    already_tried: false,
    dispute_source: false,
    timeline: true,
    severity: false,
    customer_repeated: false,
    next_tier_hours: 1,
    right_department: 100,
    assessment_quality: 50,
    ...over,
  };
}

export function event(over: Partial<TimelineEvent>): TimelineEvent {
  return {
    seq: 1,
    at: '2026-05-25T13:52:58Z',
    type: 'created',
    level: 1,
    department: 'first_line',
    agent_id: null,
    escalation_type: null,
    note: null,
    status: 'new',
    value: null,
    ...over,
  };
}

/** A small escalated case: created, escalated with a note, a call, and a survey answer. */
export function caseDetail(over: Partial<CaseDetail> = {}): CaseDetail {
  return {
    ticket: {
      ticket_id: 'T1',
      created_at: '2026-05-25T13:52:58Z',
      resolved_at: null,
      customer_id: 'C1',
      channel: 'email',
      category: 'billing',
      policy: null,
      priority: 'normal',
      status: 'open',
      outcome: null,
    },
    score: {
      first_contact_at: '2026-05-25T13:52:58Z',
      resolved_at: null,
      escalations: 1,
      max_level: 2,
      clock: 'default',
      clock_status: 'not_yet_due',
      sla_first_response_met: true,
      sla_resolution_met: null,
      survey_status: 'surveyed',
      right_department: 100,
      assessment_quality: 50,
      satisfaction: 100,
      resolution: null,
      overall: 80,
      critical_failure: null,
      rubric_version: 'v1',
    },
    steps: [step({})],
    evidence: [],
    events: [
      event({}),
      event({
        seq: 2,
        at: '2026-05-25T17:11:49Z',
        type: 'escalated',
        level: 2,
        department: 'billing',
        note: 'Summary: card declined',
      }),
      event({
        seq: 3,
        at: '2026-05-26T09:00:00Z',
        type: 'survey',
        level: null,
        department: null,
        value: '5',
      }),
    ],
    calls: [
      {
        call_id: 'CA1',
        started_at: '2026-05-25T18:00:00Z',
        ended_at: '2026-05-25T18:08:00Z',
        agent_id: 'A2',
        department: 'billing',
        level: 2,
        direction: 'outbound',
        disposition: 'callback',
        recording_url: null,
        transcript: 'Agent: Hello.\nCustomer: As I said, the card was declined.',
        link_method: 'ticket_id',
      },
    ],
    surveys: [{ at: '2026-05-26T09:00:00Z', raw_value: '5', scale: 'csat', points: 100, source: 'event' }],
    scoredWith: { version: 'v1', hash: 'h', file: 'rubric.yaml', scoredAt: '2026-06-01T00:00:00Z' },
    ...over,
  };
}
