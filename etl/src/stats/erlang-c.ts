/**
 * Erlang C: the M/M/N queue that workforce tools size call-centre staffing with. Calls arrive at
 * random (Poisson), handling times are exponential with mean `ahtSeconds`, `agents` answer them and
 * callers wait (nobody abandons). Traffic is in Erlangs: calls per period × AHT ÷ period length.
 *
 * The textbook formula divides A^N / N! by a sum of such terms, and both overflow a double from
 * about N = 171 (171! > 1.8e308), so 500 or 1,000 Erlangs cannot be computed that way. Every figure
 * here comes from Erlang B's recursion instead, B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)), whose
 * terms all stay within 0–1, and C = N·B / (N − A·(1 − B)).
 */

/** The inputs that every queue figure needs; times in seconds. */
export interface QueueInput {
  /** offered traffic in Erlangs (≥ 0) */
  traffic: number;
  /** agents answering (a whole number ≥ 0) */
  agents: number;
  /** average handling time, seconds (> 0) */
  ahtSeconds: number;
}

/** A service target such as "80% of calls answered within 20 seconds", with the occupancy cap. */
export interface ServiceTarget {
  /** the share of calls to answer within `targetSeconds`, 0–1 (e.g. 0.8) */
  serviceLevel: number;
  /** the wait the target counts, seconds (e.g. 20) */
  targetSeconds: number;
  /** the highest share of time agents may be busy, 0–1 (e.g. 0.85); 1 for no cap */
  maxOccupancy?: number;
}

function checkTraffic(traffic: number): void {
  if (!Number.isFinite(traffic) || traffic < 0) {
    throw new RangeError(`Erlang C needs traffic ≥ 0 Erlangs, got ${traffic}`);
  }
}

function checkAgents(agents: number): void {
  if (!Number.isInteger(agents) || agents < 0) {
    throw new RangeError(`Erlang C needs a whole number of agents ≥ 0, got ${agents}`);
  }
}

function checkSeconds(name: string, seconds: number, allowZero: boolean): void {
  if (!Number.isFinite(seconds) || seconds < 0 || (!allowZero && seconds === 0)) {
    throw new RangeError(`Erlang C needs ${name} ${allowZero ? '≥' : '>'} 0 seconds, got ${seconds}`);
  }
}

function checkShare(name: string, share: number, allowZero: boolean): void {
  if (!Number.isFinite(share) || share > 1 || share < 0 || (!allowZero && share === 0)) {
    throw new RangeError(`Erlang C needs ${name} in ${allowZero ? '[0' : '(0'}, 1], got ${share}`);
  }
}

/** Offered traffic in Erlangs: `calls` arriving over `periodSeconds` (an hour by default), each `ahtSeconds` long. */
export function trafficErlangs(calls: number, ahtSeconds: number, periodSeconds = 3600): number {
  if (!Number.isFinite(calls) || calls < 0) {
    throw new RangeError(`Erlang C needs a call count ≥ 0, got ${calls}`);
  }
  checkSeconds('an AHT', ahtSeconds, true);
  checkSeconds('a period', periodSeconds, false);
  return (calls * ahtSeconds) / periodSeconds;
}

/** Erlang B, the share of calls blocked with `agents` lines and no queue, by the stable recursion. */
export function erlangB(traffic: number, agents: number): number {
  checkTraffic(traffic);
  checkAgents(agents);
  let b = 1;
  for (let n = 1; n <= agents; n++) {
    b = (traffic * b) / (n + traffic * b);
  }
  return b;
}

/** Erlang C from Erlang B for the same traffic and agents (1 when agents ≤ traffic: the queue grows without end). */
function erlangCFromB(traffic: number, agents: number, b: number): number {
  if (traffic === 0) {
    return 0;
  }
  if (agents <= traffic) {
    return 1;
  }
  return (agents * b) / (agents - traffic * (1 - b));
}

/** The probability that a call waits at all (Erlang C); 1 when the agents cannot keep up (agents ≤ traffic). */
export function erlangC(traffic: number, agents: number): number {
  return erlangCFromB(traffic, agents, erlangB(traffic, agents));
}

function serviceLevelFromC(
  c: number,
  traffic: number,
  agents: number,
  ahtSeconds: number,
  targetSeconds: number,
): number {
  if (c === 0) {
    return 1;
  }
  if (agents <= traffic) {
    return 0;
  }
  return 1 - c * Math.exp((-(agents - traffic) * targetSeconds) / ahtSeconds);
}

/** The share of calls answered within `targetSeconds`: 1 − C · e^(−(N − A)·t / AHT); 0 when the agents cannot keep up. */
export function serviceLevel(input: QueueInput & { targetSeconds: number }): number {
  checkSeconds('an AHT', input.ahtSeconds, false);
  checkSeconds('a target wait', input.targetSeconds, true);
  const c = erlangC(input.traffic, input.agents);
  return serviceLevelFromC(c, input.traffic, input.agents, input.ahtSeconds, input.targetSeconds);
}

/** Average speed of answer over all calls, seconds: C · AHT / (N − A); Infinity when the agents cannot keep up. */
export function averageSpeedOfAnswer(input: QueueInput): number {
  checkSeconds('an AHT', input.ahtSeconds, false);
  const c = erlangC(input.traffic, input.agents);
  if (c === 0) {
    return 0;
  }
  if (input.agents <= input.traffic) {
    return Number.POSITIVE_INFINITY;
  }
  return (c * input.ahtSeconds) / (input.agents - input.traffic);
}

/** The share of time the agents are busy, A / N (capped at 1: beyond it calls pile up). */
export function occupancy(traffic: number, agents: number): number {
  checkTraffic(traffic);
  checkAgents(agents);
  if (traffic === 0) {
    return 0;
  }
  return agents === 0 ? 1 : Math.min(1, traffic / agents);
}

/** What `agentsNeeded` finds: the agents and the figures they would give. */
export interface StaffingPlan {
  agents: number;
  /** probability of waiting with that many agents */
  probabilityOfWaiting: number;
  /** predicted share answered within the target wait */
  serviceLevel: number;
  /** predicted average speed of answer, seconds */
  averageSpeedOfAnswer: number;
  occupancy: number;
}

/**
 * The fewest agents that answer `serviceLevel` of the calls within `targetSeconds` while keeping
 * occupancy at or under `maxOccupancy`. Walks N up from ⌊A⌋ + 1, carrying Erlang B from one N to
 * the next, so the whole search is one pass of the recursion (O(N)) however large the traffic.
 */
export function agentsNeeded(input: Omit<QueueInput, 'agents'> & ServiceTarget): StaffingPlan {
  const { traffic, ahtSeconds, targetSeconds } = input;
  const maxOccupancy = input.maxOccupancy ?? 1;
  checkTraffic(traffic);
  checkSeconds('an AHT', ahtSeconds, false);
  checkSeconds('a target wait', targetSeconds, true);
  checkShare('a service level', input.serviceLevel, true);
  checkShare('a maximum occupancy', maxOccupancy, false);
  if (traffic === 0) {
    return { agents: 0, probabilityOfWaiting: 0, serviceLevel: 1, averageSpeedOfAnswer: 0, occupancy: 0 };
  }
  // a service level of 1 within a finite wait is never reached exactly (the tail is exponential)
  if (input.serviceLevel === 1) {
    throw new RangeError(
      'Erlang C cannot reach a service level of 1: every finite staff leaves some calls waiting',
    );
  }
  // the occupancy cap alone asks for at least A / maxOccupancy agents
  const floorAgents = Math.max(Math.floor(traffic) + 1, Math.ceil(traffic / maxOccupancy - 1e-12));
  let b = 1;
  for (let n = 1; n < floorAgents; n++) {
    b = (traffic * b) / (n + traffic * b);
  }
  for (let n = floorAgents; ; n++) {
    b = (traffic * b) / (n + traffic * b);
    const c = erlangCFromB(traffic, n, b);
    const level = serviceLevelFromC(c, traffic, n, ahtSeconds, targetSeconds);
    if (level >= input.serviceLevel) {
      return {
        agents: n,
        probabilityOfWaiting: c,
        serviceLevel: level,
        averageSpeedOfAnswer: (c * ahtSeconds) / (n - traffic),
        occupancy: traffic / n,
      };
    }
  }
}

/**
 * Staff to put on the roster so that `agents` are answering at any moment, when `shrinkage` (0–1:
 * breaks, training, absence, meetings) of paid time is off the phones: ⌈agents / (1 − shrinkage)⌉.
 */
export function staffOnRoster(agents: number, shrinkage: number): number {
  checkAgents(agents);
  if (!Number.isFinite(shrinkage) || shrinkage < 0 || shrinkage >= 1) {
    throw new RangeError(`Erlang C needs a shrinkage in [0, 1), got ${shrinkage}`);
  }
  // the small tolerance keeps 29 / 0.7 × 0.7 style round-off from adding a whole person
  return Math.max(0, Math.ceil(agents / (1 - shrinkage) - 1e-9));
}
