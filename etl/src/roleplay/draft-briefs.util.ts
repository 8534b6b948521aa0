import type { CaseCall, CaseDetail } from '../analytics/case.queries.js';

/** The two briefs of one call in a role-play session: who plays the customer, who plays the agent. */
export interface RoleplayBriefs {
  customerBrief: string;
  agentBrief: string;
}

/** One line of a transcript: who spoke, and what they said. */
export interface SpeakerTurn {
  speaker: string;
  text: string;
}

const handoverElements: Record<string, string> = {
  problem: 'the problem',
  customer_ask: 'what the customer asks for',
  already_tried: 'what was already tried',
  dispute_source: 'the source of the dispute',
  timeline: 'the timeline',
  severity: 'how severe it is',
};

/**
 * A transcript as speaker turns: a line starting "Name:" opens a turn, other lines continue the
 * previous one; text before any speaker is a turn with an empty speaker. Pure.
 */
export function speakerTurns(transcript: string | null): SpeakerTurn[] {
  const turns: SpeakerTurn[] = [];
  for (const line of (transcript ?? '').split(/\r?\n/)) {
    const text = line.trim();
    if (text === '') {
      continue;
    }
    const match = /^([A-Za-z][\w .'-]{0,30}):\s*(.*)$/.exec(text);
    if (match) {
      turns.push({ speaker: match[1]!, text: match[2]! });
    } else if (turns.length > 0) {
      turns[turns.length - 1]!.text += ` ${text}`;
    } else {
      turns.push({ speaker: '', text });
    }
  }
  return turns;
}

/**
 * Drafts the customer's and the agent's brief for a call from its case's facts: the complaint's
 * category and policy, what the customer said first, how far the case went and how it ended, what
 * went wrong (the failed evidence of the scores) and what good handling looks like. Pure; a trainer
 * edits the drafts.
 */
export function draftBriefs(detail: CaseDetail | null, call: CaseCall | null): RoleplayBriefs {
  const ticket = detail?.ticket;
  const topic = ticket
    ? [ticket.category, ticket.policy].filter(Boolean).join(' / ') || 'an unnamed topic'
    : 'an unknown topic';
  const turns = speakerTurns(call?.transcript ?? null);
  const firstComplaint = turns.find((t) => /customer|caller/i.test(t.speaker))?.text;
  const score = detail?.score ?? null;
  const level = score?.max_level ?? 1;
  const surveyed = detail?.surveys.at(-1)?.points;
  const customer: string[] = [
    `You are the customer. Your complaint is about ${topic}.`,
    firstComplaint ? `You open with: "${firstComplaint}"` : 'Explain your problem in your own words.',
    level > 1
      ? `In the real case you were passed on up to level ${level}${score && score.escalations > 0 ? ` (${score.escalations} escalation${score.escalations === 1 ? '' : 's'})` : ''}: push for someone who can decide if you are not helped.`
      : 'In the real case you stayed with the first person you spoke to: accept a fair answer, ask for a manager if you get none.',
    ticket?.outcome ? `The case ended ${ticket.outcome}.` : '',
    surveyed !== undefined && surveyed !== null
      ? `You rated the service ${Math.round(surveyed)}/100 afterwards.`
      : '',
  ];
  const failed = (detail?.evidence ?? []).filter((e) => e.passed === false);
  const wrong = failed.slice(0, 4).map((e) => `${e.detail}`);
  const missing = new Set<string>();
  const expected = new Set<string>();
  for (const step of detail?.steps ?? []) {
    if (step.is_entry) {
      continue;
    }
    for (const [key, label] of Object.entries(handoverElements)) {
      if (!step[key as keyof typeof step]) {
        missing.add(label);
      }
    }
    if (step.expected_department && step.expected_department !== step.department) {
      expected.add(step.expected_department);
    }
  }
  const good: string[] = [];
  if (expected.size > 0) {
    good.push(`route the case to ${[...expected].join(' or ')}`);
  }
  if (missing.size > 0) {
    good.push(`hand over with ${[...missing].join(', ')} so the customer need not repeat it`);
  }
  good.push('say who will act next and by when', 'check the customer agrees before ending the call');
  const agent: string[] = [
    `You are the agent taking this call about ${topic}${call?.level ? ` at level ${call.level}` : ''}${call?.department ? ` (${call.department})` : ''}.`,
    wrong.length > 0
      ? `What went wrong in the real case: ${wrong.join('; ')}.`
      : 'The real case raised no failed check.',
    `Good handling: ${good.join('; ')}.`,
  ];
  return {
    customerBrief: customer.filter(Boolean).join(' '),
    agentBrief: agent.join(' '),
  };
}
