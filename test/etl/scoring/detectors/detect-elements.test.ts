import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHandoverElements } from '../../../../etl/src/scoring/detectors/detect-elements.js';
import {
  type LoadedDetectors,
  loadDetectors,
  parseDetectors,
} from '../../../../etl/src/scoring/detectors/load-detectors.js';
import { openTempStore, type TempStore } from '../../../setup/duckdb-file.js';

// Small rules of our own, so that the exact offsets below do not move when the default rules change.
const rules = `detectors: 1
version: test-1
elements:
  problem:
    match:
      - id: crash
        pattern: '\\bcrash(es|ed)?\\b'
  customer_ask:
    match:
      - id: wants-refund
        pattern: '\\bwants? (?:a )?refund\\b'
  already_tried:
    clear:
      - id: tried-empty
        pattern: 'tried:\\s*n/a'
    match:
      - id: tried
        pattern: '\\btried\\b'
      - id: reset
        pattern: '\\breset\\b'
  dispute_source:
    match:
      - id: disputes
        pattern: '\\bdisputes\\b[^.]*'
  timeline:
    clear:
      - id: no-timeline
        pattern: 'no timeline given'
    match:
      - id: since
        pattern: '\\bsince (\\w+)'
  severity:
    clear:
      - id: not-urgent
        pattern: 'not urgent'
    match:
      - id: urgent
        pattern: '\\burgent\\b'
  customer_repeated:
    clear:
      - id: security
        pattern: 'date of birth[^?]*'
    match:
      - id: asks-problem
        needs: [problem]
        pattern: 'describe the problem'
      - id: told-already
        needs: [problem, timeline]
        pattern: 'i already told'
`;

interface Evidence {
  element: string;
  source: string;
  rule: string;
  start: number;
  length: number;
  excerpt: string;
}

interface Detected {
  step_key: string;
  problem: boolean;
  customer_ask: boolean;
  already_tried: boolean;
  dispute_source: boolean;
  timeline: boolean;
  severity: boolean;
  customer_repeated: boolean;
  evidence: Evidence[];
}

const longTail = 'and the fee was applied without any warning at all on her account last month, twice';

const steps: [string, string | null, string | null][] = [
  // é and £ before the matches: offsets count characters, not UTF-8 bytes
  ['cafe', 'Café app crashes since Monday. Tried: n/a', null],
  ['negations', 'Not urgent, no timeline given. £5 reset done, then tried again', null],
  ['long', `cx disputes the £35 fee ${longTail}. Wants a refund.`, null],
  ['null-note', null, 'Agent: Could you describe the problem?'],
  ['null-contact', 'urgent: app crashes', null],
  [
    'repeated',
    'App crashed since the update.',
    'Agent: Before we start, your date of birth?\nCustomer: I already told you.\nAgent: Could you describe the problem?',
  ],
  ['not-held', 'urgent', 'Agent: Could you describe the problem?\nCustomer: I already told the other agent.'],
];

describe('detectHandoverElements', () => {
  let temp: TempStore;
  let custom: LoadedDetectors;
  const byKey = new Map<string, Detected>();

  beforeAll(async () => {
    temp = await openTempStore();
    custom = await parseDetectors(rules, 'test-rules.yaml');
    await temp.store.withSession(async (session) => {
      await session.run('CREATE TEMP TABLE steps (step_key VARCHAR, note VARCHAR, next_contact VARCHAR)');
      for (const [key, note, next] of steps) {
        await session.run('INSERT INTO steps VALUES ($1, $2, $3)', [key, note, next]);
      }
      await detectHandoverElements(session, custom, { source: 'steps', target: 'detected' });
      for (const row of await session.all<Detected>('SELECT * FROM detected')) {
        byKey.set(row.step_key, row);
      }
    });
  });

  afterAll(() => temp?.dispose());

  it('should give one row per source row with NOT NULL booleans and the evidence list type', async () => {
    const columns = await temp.store.withSession(async (session) => {
      await session.run(
        "CREATE TEMP TABLE one AS SELECT * FROM (VALUES ('k', NULL, NULL)) t(step_key, note, next_contact)",
      );
      await detectHandoverElements(session, custom, { source: 'one', target: 'one_detected' });
      return session.all<{ column_name: string; column_type: string }>('DESCRIBE one_detected');
    });

    expect(byKey.size).toBe(steps.length);
    expect(columns.map((c) => `${c.column_name} ${c.column_type}`)).toEqual([
      'step_key VARCHAR',
      'problem BOOLEAN',
      'customer_ask BOOLEAN',
      'already_tried BOOLEAN',
      'dispute_source BOOLEAN',
      'timeline BOOLEAN',
      'severity BOOLEAN',
      'customer_repeated BOOLEAN',
      'evidence STRUCT(element VARCHAR, "source" VARCHAR, "rule" VARCHAR, "start" INTEGER, length INTEGER, excerpt VARCHAR)[]',
    ]);
  });

  it('should give character offsets after a non-ASCII character, and clear an empty Tried field', () => {
    const sut = byKey.get('cafe');

    expect(sut).toMatchObject({ problem: true, timeline: true, already_tried: false, severity: false });
    expect(sut?.evidence).toEqual([
      { element: 'problem', source: 'note', rule: 'crash', start: 9, length: 7, excerpt: 'crashes' },
      { element: 'timeline', source: 'note', rule: 'since', start: 17, length: 12, excerpt: 'since Monday' },
    ]);
  });

  it('should keep offsets in the original note after cleared negations, and take the earliest rule match', () => {
    const sut = byKey.get('negations');

    expect(sut).toMatchObject({ severity: false, timeline: false, already_tried: true });
    // 'reset' (the second rule) comes before 'tried' in the note, so it is the evidence
    expect(sut?.evidence).toEqual([
      { element: 'already_tried', source: 'note', rule: 'reset', start: 34, length: 5, excerpt: 'reset' },
    ]);
  });

  it('should trim a long excerpt to 80 characters and keep the full length', () => {
    const sut = byKey.get('long')?.evidence.find((e) => e.element === 'dispute_source');

    const matched = `disputes the £35 fee ${longTail}`;
    expect(sut).toEqual({
      element: 'dispute_source',
      source: 'note',
      rule: 'disputes',
      start: 3,
      length: matched.length,
      excerpt: matched.slice(0, 80),
    });
    expect(byKey.get('long')?.customer_ask).toBe(true);
  });

  it('should find nothing in a NULL note, not even a repeat in the next contact', () => {
    expect(byKey.get('null-note')).toEqual({
      step_key: 'null-note',
      problem: false,
      customer_ask: false,
      already_tried: false,
      dispute_source: false,
      timeline: false,
      severity: false,
      customer_repeated: false,
      evidence: [],
    });
  });

  it('should not find a repeat without a next contact', () => {
    expect(byKey.get('null-contact')).toMatchObject({
      problem: true,
      severity: true,
      customer_repeated: false,
    });
  });

  it('should find a repeat of what the note held in the next contact, with its offset there', () => {
    const sut = byKey.get('repeated');

    expect(sut?.customer_repeated).toBe(true);
    expect(sut?.evidence.at(-1)).toEqual({
      element: 'customer_repeated',
      source: 'next_contact',
      rule: 'told-already',
      start: 54,
      length: 14,
      excerpt: 'I already told',
    });
  });

  it('should not count a repeat of what the note did not hold', () => {
    expect(byKey.get('not-held')).toMatchObject({ severity: true, problem: false, customer_repeated: false });
  });

  it('should find nothing where the default rules see a negation, and what a plain note states', async () => {
    const defaults = await loadDetectors();
    const rows = await temp.store.withSession(async (session) => {
      await session.run(`CREATE TEMP TABLE plain AS SELECT * FROM (VALUES
        ('a', 'Tried: n/a. Not urgent. No timeline given. Policy not discussed.', NULL),
        ('b', 'Cx disputes £35 OD fee charged on 14/03, wants it refunded. Checked acct. Urgent pls', NULL)
      ) t(step_key, note, next_contact)`);
      await detectHandoverElements(session, defaults, { source: 'plain', target: 'plain_detected' });
      return session.all<Detected>('SELECT * FROM plain_detected ORDER BY step_key');
    });

    expect(rows[0]).toMatchObject({
      already_tried: false,
      severity: false,
      timeline: false,
      dispute_source: false,
    });
    expect(rows[1]).toMatchObject({
      problem: true,
      customer_ask: true,
      already_tried: true,
      dispute_source: true,
      timeline: true,
      severity: true,
      customer_repeated: false,
    });
    expect(rows[1].evidence.find((e) => e.element === 'timeline')).toMatchObject({
      rule: 'timeline-date',
      start: 34,
      length: 5,
      excerpt: '14/03',
    });
  });
});

// The rule kinds of a second small file: patterns found together (`all`, `unless`), a veto, and the
// structural repeat (`restated`). Offsets are checked exactly: the Case page highlights them.
const kinds = `detectors: 1
version: test-2
elements:
  problem:
    match:
      - id: crash
        pattern: '\\bcrash(?:es|ed)?\\b'
  customer_ask:
    match:
      - id: wants
        pattern: '\\bwants?\\b'
  already_tried:
    match:
      - id: tried
        pattern: '\\btried\\b'
  dispute_source:
    match:
      - id: disputes
        pattern: '\\bdisputes\\b'
      - id: fee-said-wants
        all: ['\\bfee\\b', '\\bsays\\b', '\\bwants it (?:removed|refunded)\\b']
        unless: ['\\btwice\\b']
    veto:
      - id: accepts
        pattern: '\\baccepts the fee\\b'
      - id: not-disputing
        pattern: '\\bnot disputing\\b'
        unless: ['\\bitself\\b']
  timeline:
    match:
      - id: date
        pattern: '\\b\\d{1,2} may\\b'
  severity:
    match:
      - id: urgent
        pattern: '\\burgent\\b'
  customer_repeated:
    match:
      - id: told-already
        needs: [problem]
        pattern: 'i already told'
    restated:
      - id: restated
        needs: [problem, customer_ask]
        agent_turn: '\\s*agent\\s*:\\s*'
        customer_turn: '\\s*customer\\s*:\\s*'
        request: '\\?'
        asks_for:
          timeline: '\\bwhen\\b'
        confirms: 'yes'
        shared_words: 2
        ignore_words: the a it my on and is i
`;

const crashed = 'App crashes when I open the camera since 3 May';
const kindSteps: [string, string, string | null][] = [
  ['together', 'Café fee of £5. She says it was waived. Wants it removed.', null],
  ['together-unless', 'Fee charged twice, she says so and wants it refunded', null],
  ['together-missing', 'Fee applied, she says it is wrong', null],
  ['vetoed', 'Cx disputes the delivery charge but accepts the fee', null],
  ['vetoed-outright', 'Cx disputes nothing, she is not disputing the charge', null],
  ['veto-excepted', 'She is not disputing the fee itself; she disputes the delivery date', null],
  ['pattern-first', 'Cx disputes it. The fee, she says, is wrong: wants it removed', null],
  ['together-first', 'Fee: she says no. Wants it removed. Later disputes it.', null],
  [
    'restated',
    crashed,
    'Agent: Hi, it’s Zoë. What happens?\nCustomer: The app crashes whenever I open the camera. \nAgent: Thanks.',
  ],
  ['restated-crlf', crashed, 'Agent: What happens?\r\nCustomer:   App crashes, camera open.\r\n'],
  [
    'read-back',
    crashed,
    'Agent: So the app crashes when you open the camera?\nCustomer: Camera, app crashes.',
  ],
  ['confirms', crashed, 'Agent: Anything else?\nCustomer: Yes, the app crashes when I open the camera.'],
  [
    'not-a-confirmation',
    crashed,
    'Agent: When did it start?\nCustomer: Yesterday. The app crashes when I open the camera.',
  ],
  [
    'asked-not-held',
    'App crashes on the camera',
    'Agent: When did it start?\nCustomer: When I open the camera app it crashes.',
  ],
  ['needs-not-held', 'urgent, the camera app', 'Agent: What is it?\nCustomer: The camera app, urgent.'],
  ['one-word', 'App crashes', 'Agent: What is wrong?\nCustomer: It crashes.'],
  [
    'not-a-request',
    crashed,
    'Agent: I will look at the camera app.\nCustomer: The app crashes on the camera.',
  ],
];

describe('detectHandoverElements with all, unless, veto and restated rules', () => {
  let temp: TempStore;
  const byKey = new Map<string, Detected>();

  beforeAll(async () => {
    temp = await openTempStore();
    const sut = await parseDetectors(kinds, 'kinds.yaml');
    await temp.store.withSession(async (session) => {
      await session.run('CREATE TEMP TABLE steps (step_key VARCHAR, note VARCHAR, next_contact VARCHAR)');
      for (const [key, note, next] of kindSteps) {
        await session.run('INSERT INTO steps VALUES ($1, $2, $3)', [key, note, next]);
      }
      await detectHandoverElements(session, sut, { source: 'steps', target: 'detected' });
      for (const row of await session.all<Detected>('SELECT * FROM detected')) {
        byKey.set(row.step_key, row);
      }
    });
  });

  afterAll(() => temp?.dispose());

  const evidenceOf = (key: string, element: string) =>
    byKey.get(key)?.evidence.find((e) => e.element === element);

  it('should find an all rule when every pattern is found, with the first pattern as evidence', () => {
    expect(evidenceOf('together', 'dispute_source')).toEqual({
      element: 'dispute_source',
      source: 'note',
      rule: 'fee-said-wants',
      start: 5,
      length: 3,
      excerpt: 'fee',
    });
  });

  it('should not find an all rule when unless is found, or when one pattern is missing', () => {
    expect(byKey.get('together-unless')?.dispute_source).toBe(false);
    expect(byKey.get('together-missing')?.dispute_source).toBe(false);
  });

  it('should make the element absent when a veto is found, whatever matched', () => {
    expect(byKey.get('vetoed')?.dispute_source).toBe(false);
    expect(evidenceOf('vetoed', 'dispute_source')).toBeUndefined();
    expect(byKey.get('vetoed-outright')?.dispute_source).toBe(false);
  });

  it("should not veto where one of the veto's unless is found", () => {
    expect(byKey.get('veto-excepted')?.dispute_source).toBe(true);
  });

  it('should take the earliest match as evidence, from a pattern rule or an all rule', () => {
    expect(evidenceOf('pattern-first', 'dispute_source')).toMatchObject({ rule: 'disputes', start: 3 });
    expect(evidenceOf('together-first', 'dispute_source')).toMatchObject({
      rule: 'fee-said-wants',
      start: 0,
      excerpt: 'Fee',
    });
  });

  it("should find the customer's turn that restates the note, at its offset after the label", () => {
    const next = kindSteps.find(([k]) => k === 'restated')?.[2] as string;
    const said = 'The app crashes whenever I open the camera.';

    expect(evidenceOf('restated', 'customer_repeated')).toEqual({
      element: 'customer_repeated',
      source: 'next_contact',
      rule: 'restated',
      start: next.indexOf(said),
      length: said.length,
      excerpt: said,
    });
  });

  it('should leave the label, leading spaces and a carriage return out of the span', () => {
    const next = kindSteps.find(([k]) => k === 'restated-crlf')?.[2] as string;

    expect(evidenceOf('restated-crlf', 'customer_repeated')).toMatchObject({
      start: next.indexOf('App crashes, camera open.'),
      excerpt: 'App crashes, camera open.',
    });
  });

  it('should not count words the agent said, a confirmation, or an answer to a request for what the note lacked', () => {
    expect(byKey.get('read-back')?.customer_repeated).toBe(false);
    expect(byKey.get('confirms')?.customer_repeated).toBe(false);
    // "Yesterday" opens with "yes" but is not one: the asked-for timeline was held, so it counts
    expect(byKey.get('not-a-confirmation')?.customer_repeated).toBe(true);
    expect(byKey.get('asked-not-held')).toMatchObject({
      problem: true,
      timeline: false,
      customer_repeated: false,
    });
  });

  it('should not count a restatement when the note held none of needs, with too few words, or without a request', () => {
    expect(byKey.get('needs-not-held')).toMatchObject({ severity: true, customer_repeated: false });
    expect(byKey.get('one-word')?.customer_repeated).toBe(false);
    expect(byKey.get('not-a-request')?.customer_repeated).toBe(false);
  });
});
