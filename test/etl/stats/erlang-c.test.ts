import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agentsNeeded,
  averageSpeedOfAnswer,
  erlangB,
  erlangC,
  occupancy,
  serviceLevel,
  staffOnRoster,
  trafficErlangs,
} from '../../../etl/src/stats/erlang-c.js';
import { logGamma } from '../../../etl/src/stats/log-gamma.js';

/**
 * Erlang C by the textbook formula, summed in log space: an independent route to the same number
 * (the module under test uses Erlang B's recursion). C = X / (S + X) with
 * S = Σ_{k<N} A^k / k!, X = A^N / N! · N / (N − A); every term is taken as a logarithm and
 * scaled by the largest before exponentiating, so nothing overflows.
 */
function erlangCLogSpace(a: number, n: number): number {
  const logTerms: number[] = [];
  for (let k = 0; k < n; k++) {
    logTerms.push(k * Math.log(a) - logGamma(k + 1));
  }
  const logX = n * Math.log(a) - logGamma(n + 1) + Math.log(n / (n - a));
  const top = Math.max(logX, ...logTerms);
  const s = logTerms.reduce((sum, t) => sum + Math.exp(t - top), 0);
  const x = Math.exp(logX - top);
  return x / (s + x);
}

describe('erlang-c', () => {
  describe(erlangB.name, () => {
    it('should give 4/19 for 2 Erlangs on 3 lines, as worked by hand', () => {
      // B(0) = 1; B(1) = 2·1 / (1 + 2) = 2/3; B(2) = 2·(2/3) / (2 + 4/3) = (4/3)/(10/3) = 2/5;
      // B(3) = 2·(2/5) / (3 + 4/5) = (4/5)/(19/5) = 4/19. Check by the formula:
      // (A^3/3!) / (1 + 2 + 2 + 8/6) = (4/3) / (19/3) = 4/19.
      expect(erlangB(2, 3)).toBeCloseTo(4 / 19, 14);
      expect(erlangB(2, 0)).toBe(1);
      expect(erlangB(0, 5)).toBe(0);
    });
  });

  describe(erlangC.name, () => {
    it('should give 4/9 for 2 Erlangs and 3 agents, as worked by hand', () => {
      // From B = 4/19: C = N·B / (N − A(1 − B)) = (12/19) / (3 − 2·15/19) = (12/19)/(27/19) = 4/9.
      // By the textbook formula: A^N/N! · N/(N−A) = (8/6)·3 = 4; Σ_{k<3} A^k/k! = 1 + 2 + 2 = 5;
      // C = 4 / (5 + 4) = 4/9 = 0.4444…
      expect(erlangC(2, 3)).toBeCloseTo(4 / 9, 14);
    });

    it('should give 1 when the agents cannot keep up and 0 with no calls', () => {
      expect(erlangC(2, 2)).toBe(1);
      expect(erlangC(24, 10)).toBe(1);
      expect(erlangC(0, 0)).toBe(0);
      expect(erlangC(0, 3)).toBe(0);
    });

    it('should give 1/3 for 1 Erlang and 2 agents, as worked by hand', () => {
      // B(1) = 1/2, B(2) = (1/2)/(2 + 1/2) = 1/5; C = 2·(1/5) / (2 − 1·4/5) = (2/5)/(6/5) = 1/3.
      // Formula: A^2/2! · 2/(2−1) = 1; Σ_{k<2} = 1 + 1 = 2; C = 1/(2 + 1) = 1/3. (Erlang B's 1/5 is
      // what a formula that forgets the N/(N − A) factor would give.)
      expect(erlangC(1, 2)).toBeCloseTo(1 / 3, 14);
    });

    it('should stay finite and exact at 500 and 1,000 Erlangs, where A^N / N! overflows', () => {
      // the naive route fails: 1000^1010 and 1010! are both Infinity in a double
      expect(1000 ** 1010).toBe(Number.POSITIVE_INFINITY);
      // Expected values computed exactly with rational arithmetic (Python's fractions.Fraction,
      // sum of A^k/k! over k < N plus A^N/N!·N/(N−A), then converted to 15 digits):
      //   A = 500,  N = 510:  C = 0.550210712762301
      //   A = 500,  N = 520:  C = 0.274756344696524
      //   A = 1000, N = 1010: C = 0.660521145467843
      //   A = 1000, N = 1050: C = 0.0744017740374284
      expect(erlangC(500, 510)).toBeCloseTo(0.550210712762301, 11);
      expect(erlangC(500, 520)).toBeCloseTo(0.274756344696524, 11);
      expect(erlangC(1000, 1010)).toBeCloseTo(0.660521145467843, 11);
      expect(erlangC(1000, 1050)).toBeCloseTo(0.0744017740374284, 11);
      // and the log-space textbook formula agrees
      expect(erlangC(1000, 1030)).toBeCloseTo(erlangCLogSpace(1000, 1030), 10);
    });

    it('should agree with the log-space textbook formula on any traffic', () => {
      fc.assert(
        fc.property(
          fc.double({ min: 0.05, max: 300, noNaN: true }),
          fc.integer({ min: 1, max: 60 }),
          (a, extra) => {
            const n = Math.floor(a) + extra;
            expect(erlangC(a, n)).toBeCloseTo(erlangCLogSpace(a, n), 9);
          },
        ),
      );
    });

    it('should fall as agents are added, for any traffic', () => {
      fc.assert(
        fc.property(
          fc.double({ min: 0.01, max: 1500, noNaN: true }),
          fc.integer({ min: 1, max: 200 }),
          (a, extra) => {
            const n = Math.floor(a) + extra;
            const c = erlangC(a, n);
            const next = erlangC(a, n + 1);
            expect(c).toBeGreaterThanOrEqual(0);
            expect(c).toBeLessThanOrEqual(1);
            // strictly, until it is too small for a double (0.01 Erlangs on 90 agents: 1e-300 and below)
            if (c > 0) {
              expect(next).toBeLessThan(c);
            } else {
              expect(next).toBe(0);
            }
            // and more agents never lower the service level
            const sl = serviceLevel({ traffic: a, agents: n, ahtSeconds: 180, targetSeconds: 20 });
            const slNext = serviceLevel({ traffic: a, agents: n + 1, ahtSeconds: 180, targetSeconds: 20 });
            expect(slNext).toBeGreaterThanOrEqual(sl);
          },
        ),
      );
    });

    it('should refuse impossible inputs with a message naming them', () => {
      expect(() => erlangC(-1, 3)).toThrow(/traffic ≥ 0/);
      expect(() => erlangC(2, 2.5)).toThrow(/whole number of agents/);
      expect(() => erlangC(Number.NaN, 3)).toThrow(/traffic/);
    });
  });

  describe('the 360 calls an hour, 240 s AHT, 80% within 20 s example', () => {
    // A = 360 × 240 / 3600 = 24 Erlangs. Computed exactly (rational sums, as above):
    //   N = 28: C = 0.333138527992723, SL = 1 − C·e^(−4·20/240) = 1 − C·e^(−1/3) = 0.761295813934751,
    //           ASA = C·240/4 = 19.99 s
    //   N = 29: C = 0.242273984673597, SL = 1 − C·e^(−5/12) = 0.840283145662605, ASA = C·240/5 = 11.63 s
    // So 28 agents miss 80/20 (76.1%) and 29 meet it (84.0%), the figures the usual worked example
    // quotes. Occupancy 24/29 = 82.8%. With 30% shrinkage: ⌈29 / 0.7⌉ = ⌈41.43⌉ = 42 on the roster.
    const traffic = trafficErlangs(360, 240);

    it('should give 24 Erlangs', () => {
      expect(traffic).toBe(24);
      expect(trafficErlangs(100, 180, 1800)).toBe(10);
    });

    it('should give the service level and speed of answer for 28 and 29 agents', () => {
      expect(erlangC(traffic, 28)).toBeCloseTo(0.333138527992723, 12);
      expect(serviceLevel({ traffic, agents: 28, ahtSeconds: 240, targetSeconds: 20 })).toBeCloseTo(
        0.761295813934751,
        12,
      );
      expect(averageSpeedOfAnswer({ traffic, agents: 28, ahtSeconds: 240 })).toBeCloseTo(19.9883116795634, 9);
      expect(erlangC(traffic, 29)).toBeCloseTo(0.242273984673597, 12);
      expect(serviceLevel({ traffic, agents: 29, ahtSeconds: 240, targetSeconds: 20 })).toBeCloseTo(
        0.840283145662605,
        12,
      );
      expect(averageSpeedOfAnswer({ traffic, agents: 29, ahtSeconds: 240 })).toBeCloseTo(11.6291512643327, 9);
    });

    it('should need 29 agents, 42 on the roster with 30% shrinkage', () => {
      const plan = agentsNeeded({ traffic, ahtSeconds: 240, targetSeconds: 20, serviceLevel: 0.8 });
      expect(plan.agents).toBe(29);
      expect(plan.serviceLevel).toBeCloseTo(0.840283145662605, 12);
      expect(plan.occupancy).toBeCloseTo(24 / 29, 14);
      expect(staffOnRoster(plan.agents, 0.3)).toBe(42);
    });

    it('should add agents when the occupancy cap binds before the service target', () => {
      // 29 agents would be 82.8% busy; a cap of 80% needs 24 / 0.8 = 30 agents (SL 0.895 then)
      const plan = agentsNeeded({
        traffic,
        ahtSeconds: 240,
        targetSeconds: 20,
        serviceLevel: 0.8,
        maxOccupancy: 0.8,
      });
      expect(plan.agents).toBe(30);
      expect(plan.serviceLevel).toBeCloseTo(0.895153863440221, 12);
      const tighter = agentsNeeded({
        traffic,
        ahtSeconds: 240,
        targetSeconds: 20,
        serviceLevel: 0.8,
        maxOccupancy: 0.75,
      });
      expect(tighter.agents).toBe(32);
    });
  });

  describe(agentsNeeded.name, () => {
    it('should find 510 agents for 500 Erlangs and 1,011 for 1,000 (180 s AHT, 80% in 20 s)', () => {
      // exact: A = 500, N = 510: C = 0.550210712762301, SL = 1 − C·e^(−10·20/180) = 0.818874491541861,
      // and N = 509 falls short; A = 1000, N = 1011: SL = 0.813796548392 (N = 1010: 0.78256107061314)
      const five = agentsNeeded({ traffic: 500, ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8 });
      expect(five.agents).toBe(510);
      expect(five.serviceLevel).toBeCloseTo(0.818874491541861, 10);
      expect(serviceLevel({ traffic: 500, agents: 509, ahtSeconds: 180, targetSeconds: 20 })).toBeLessThan(
        0.8,
      );
      const thousand = agentsNeeded({ traffic: 1000, ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8 });
      expect(thousand.agents).toBe(1011);
      expect(thousand.serviceLevel).toBeCloseTo(0.813796548392, 10);
      expect(serviceLevel({ traffic: 1000, agents: 1010, ahtSeconds: 180, targetSeconds: 20 })).toBeCloseTo(
        0.78256107061314,
        10,
      );
    });

    it('should need no one for no calls and at least one for any call', () => {
      expect(agentsNeeded({ traffic: 0, ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8 }).agents).toBe(
        0,
      );
      expect(
        agentsNeeded({ traffic: 0.01, ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8 }).agents,
      ).toBe(1);
    });

    it('should give the fewest agents that meet the target, for any traffic and target', () => {
      fc.assert(
        fc.property(
          fc.double({ min: 0.05, max: 400, noNaN: true }),
          fc.double({ min: 0.5, max: 0.99, noNaN: true }),
          fc.integer({ min: 0, max: 60 }),
          (traffic, target, targetSeconds) => {
            const input = { traffic, ahtSeconds: 300, targetSeconds };
            const plan = agentsNeeded({ ...input, serviceLevel: target });
            expect(serviceLevel({ ...input, agents: plan.agents })).toBeGreaterThanOrEqual(target);
            expect(serviceLevel({ ...input, agents: plan.agents - 1 })).toBeLessThan(target);
          },
        ),
      );
    });

    it('should refuse a target of 100% and shares outside 0–1', () => {
      const input = { traffic: 5, ahtSeconds: 180, targetSeconds: 20 };
      expect(() => agentsNeeded({ ...input, serviceLevel: 1 })).toThrow(/service level of 1/);
      expect(() => agentsNeeded({ ...input, serviceLevel: 1.2 })).toThrow(/service level in/);
      expect(() => agentsNeeded({ ...input, serviceLevel: 0.8, maxOccupancy: 0 })).toThrow(
        /maximum occupancy/,
      );
      expect(() => agentsNeeded({ ...input, ahtSeconds: 0, serviceLevel: 0.8 })).toThrow(/AHT > 0/);
    });
  });

  describe(serviceLevel.name, () => {
    it('should give 1 − C for a zero target wait and 0 when the agents cannot keep up', () => {
      // with t = 0 the service level is the share answered at once, 1 − C = 5/9 for A = 2, N = 3
      expect(serviceLevel({ traffic: 2, agents: 3, ahtSeconds: 60, targetSeconds: 0 })).toBeCloseTo(
        5 / 9,
        14,
      );
      expect(serviceLevel({ traffic: 24, agents: 24, ahtSeconds: 240, targetSeconds: 20 })).toBe(0);
      expect(averageSpeedOfAnswer({ traffic: 24, agents: 20, ahtSeconds: 240 })).toBe(
        Number.POSITIVE_INFINITY,
      );
    });

    it('should give the fractional-traffic example: 2.5 Erlangs, 4 agents, 300 s AHT, 30 s', () => {
      // exact (rational 5/2): C = 0.31985670419652; SL = 1 − C·e^(−1.5·30/300) = 0.724696783385025;
      // ASA = C·300/1.5 = 63.97 s
      expect(erlangC(2.5, 4)).toBeCloseTo(0.31985670419652, 12);
      expect(serviceLevel({ traffic: 2.5, agents: 4, ahtSeconds: 300, targetSeconds: 30 })).toBeCloseTo(
        0.724696783385025,
        12,
      );
      expect(averageSpeedOfAnswer({ traffic: 2.5, agents: 4, ahtSeconds: 300 })).toBeCloseTo(
        63.971340839304,
        9,
      );
    });
  });

  describe(staffOnRoster.name, () => {
    it('should divide by the time on the phones and round up', () => {
      expect(staffOnRoster(29, 0.3)).toBe(42);
      expect(staffOnRoster(7, 0.3)).toBe(10); // 7 / 0.7 = 10 exactly, not 11
      expect(staffOnRoster(10, 0)).toBe(10);
      expect(staffOnRoster(0, 0.35)).toBe(0);
      expect(() => staffOnRoster(10, 1)).toThrow(/shrinkage/);
    });
  });

  describe(occupancy.name, () => {
    it('should give A / N, capped at 1', () => {
      expect(occupancy(24, 29)).toBeCloseTo(24 / 29, 14);
      expect(occupancy(24, 20)).toBe(1);
      expect(occupancy(0, 0)).toBe(0);
    });
  });
});
