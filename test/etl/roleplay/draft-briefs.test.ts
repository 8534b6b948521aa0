import { describe, expect, it } from 'vitest';
import { draftBriefs, speakerTurns } from '../../../etl/src/index.js';
import { sessionCsv } from '../../../server/src/modules/roleplay/session-csv.util.js';

describe(speakerTurns.name, () => {
  it('should open a turn at "Name:", continue it on other lines and keep text before any speaker', () => {
    expect(
      speakerTurns('intro line\nAgent: Hello.\nhow can I help?\n\nCustomer:  My card is blocked.'),
    ).toEqual([
      { speaker: '', text: 'intro line' },
      { speaker: 'Agent', text: 'Hello. how can I help?' },
      { speaker: 'Customer', text: 'My card is blocked.' },
    ]);
    expect(speakerTurns(null)).toEqual([]);
  });
});

describe(draftBriefs.name, () => {
  it('should brief both players from the case: topic, opening words, what went wrong, good handling', () => {
    const briefs = draftBriefs(
      {
        ticket: {
          ticket_id: 'T1',
          created_at: null,
          resolved_at: null,
          customer_id: null,
          channel: 'phone',
          category: 'fees',
          policy: 'late_fee_policy',
          priority: null,
          status: null,
          outcome: 'overturned',
        },
        score: { max_level: 3, escalations: 2 } as never,
        steps: [
          {
            is_entry: false,
            problem: true,
            customer_ask: false,
            already_tried: true,
            dispute_source: false,
            timeline: true,
            severity: true,
            department: 'tech_support',
            expected_department: 'billing_experts',
          } as never,
        ],
        evidence: [{ passed: false, detail: 'went to tech_support, expected billing_experts' } as never],
        events: [],
        calls: [],
        surveys: [{ points: 25 } as never],
        scoredWith: null,
      },
      {
        transcript: 'Agent: Hi.\nCustomer: Why was I charged a late fee?',
        level: 1,
        department: 'first_line',
      } as never,
    );
    expect(briefs.customerBrief).toContain('fees / late_fee_policy');
    expect(briefs.customerBrief).toContain('"Why was I charged a late fee?"');
    expect(briefs.customerBrief).toContain('up to level 3 (2 escalations)');
    expect(briefs.customerBrief).toContain('ended overturned');
    expect(briefs.customerBrief).toContain('25/100');
    expect(briefs.agentBrief).toContain('went to tech_support, expected billing_experts');
    expect(briefs.agentBrief).toContain('route the case to billing_experts');
    expect(briefs.agentBrief).toContain('what the customer asks for, the source of the dispute');
  });
});

describe(sessionCsv.name, () => {
  it('should write one row per call, quoting commas, quotes and line breaks, and defusing formulas', () => {
    const csv = sessionCsv({
      session: {} as never,
      redactedAtExport: 0,
      calls: [
        {
          position: 1,
          callId: 'C1',
          ticketId: 'T1',
          startedAt: '2026-01-01T10:00:00Z',
          durationSeconds: 90,
          category: 'fees',
          policy: null,
          maxLevel: 2,
          outcome: null,
          recordingUrl: null,
          customerBrief: 'Say "no", then\nwait',
          agentBrief: '=HYPERLINK("x")',
          turns: [],
        },
      ],
    });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'position,call_id,ticket_id,started_at,duration_minutes,category,policy,max_level,outcome,recording_url,customer_brief,agent_brief',
    );
    expect(csv).toContain(
      '1,C1,T1,2026-01-01T10:00:00Z,1.5,fees,,2,,,"Say ""no"", then\nwait","\'=HYPERLINK(""x"")"',
    );
  });
});
