import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../../etl/src/index.js';
import { type CallFinderOptions, findCalls } from '../../../etl/src/roleplay/call-finder.queries.js';

// Times the finder on a large store with its search index built (a COPY of the 1M-ticket bench store:
// the index build writes to it). Opt-in: EQA_ROLEPLAY_BENCH_STORE=<path>.
const path = process.env.EQA_ROLEPLAY_BENCH_STORE ?? '';
const skip = !path || !existsSync(path);

describe('call finder speed (opt-in)', () => {
  it.skipIf(skip)(
    'should answer every kind of query on the large store',
    async (ctx) => {
      if (skip) {
        ctx.skip();
      }
      const store = await DuckDbStore.open(path);
      try {
        const queries: Array<[string, Partial<CallFinderOptions>]> = [
          ['no filter', {}],
          ['category + level', { category: 'fees', level: 3 }],
          [
            'practice + outcome + satisfaction',
            { practice: 'policy:late_fee_policy', outcome: 'upheld', satisfactionMin: 75 },
          ],
          [
            'escalation type + scores',
            { escalationType: 'customer', rightDepartmentMax: 50, assessmentQualityMin: 50 },
          ],
          [
            'not surveyed + duration + dates',
            { surveyed: 'no', durationMin: 600, from: '2026-01-01', to: '2026-03-31' },
          ],
          ['text: common word', { q: 'customer' }],
          ['text: rare word', { q: 'ombudsman' }],
          ['text: two words + category', { q: 'overdraft charges', category: 'fees' }],
          ['text: phrase + filters', { q: '"thanks for your patience"', level: 2, surveyed: 'yes' }],
          ['text: prefix + type', { q: 'escalat*', escalationType: 'hierarchical' }],
        ];
        for (const [name, options] of queries) {
          const times: number[] = [];
          let total = 0;
          for (let run = 0; run < 4; run++) {
            const started = performance.now();
            const page = await findCalls(store, { limit: 25, offset: 0, ...options });
            times.push(performance.now() - started);
            total = page.total;
            expect(page.calls.length).toBeLessThanOrEqual(25);
          }
          const warm = times.slice(1).sort((a, b) => a - b);
          console.log(
            `${name}: ${total} calls, first ${times[0]!.toFixed(0)} ms, warm median ${warm[1]!.toFixed(0)} ms`,
          );
        }
      } finally {
        store.close();
      }
    },
    600_000,
  );
});
