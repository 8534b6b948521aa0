import type { LoadResponse } from '../contracts/load.contract.js';

const num = (value: number | null, digits = 0): string => (value === null ? '—' : value.toFixed(digits));
const pct = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

/** `eqa load` without --json: one line per tier of weekly load, then one per tier of staffing. */
export function printLoadTable({ load, staffing }: LoadResponse, say: (line: string) => void): void {
  if (!load.weeks) {
    say('The store holds no data yet: load some with eqa ingest');
    return;
  }
  say(`Weeks ${load.weeks.from} to ${load.weeks.to} (whole ISO weeks, UTC)`);
  say(
    ['level', 'arrived', 'escalated', 'resolved', 'open', 'age p50', 'call min', 'active h', 'mgmt waste']
      .map((h, i) => (i === 0 ? h.padEnd(6) : h.padStart(10)))
      .join(' '),
  );
  for (const tier of load.tiers) {
    const t = tier.totals;
    say(
      [
        String(tier.level).padEnd(6),
        String(t.arrivals.total).padStart(10),
        String(t.arrivals.escalated).padStart(10),
        String(t.resolved).padStart(10),
        String(t.openAtEnd).padStart(10),
        `${num(t.openAgeMedianDays, 1)} d`.padStart(10),
        num(t.callMinutes).padStart(10),
        num(t.activeHours).padStart(10),
        // management: the share of call minutes on cases upheld or within a lower tier's authority
        (t.management ? pct(t.management.callMinutes.share) : '').padStart(10),
      ].join(' '),
    );
  }
  say('');
  const target = staffing.target;
  say(
    `Staffing for ${Math.round(target.service_level * 100)}% within ${target.target_seconds} s ` +
      `(occupancy up to ${Math.round(target.max_occupancy * 100)}%, shrinkage ${Math.round(target.shrinkage * 100)}%)`,
  );
  if (!staffing.available) {
    say(staffing.reason ?? 'No staffing figures for this range.');
    return;
  }
  for (const tier of staffing.tiers) {
    const t = tier.totals;
    say(
      `level ${tier.level}: ${t.offered} calls offered, AHT ${num(t.ahtSeconds)} s, ` +
        `understaffed ${t.hoursUnderstaffed} of ${t.hoursWithCalls} hours; ` +
        `service level observed ${pct(t.observedServiceLevel)}, Erlang C predicted ${pct(t.predictedServiceLevel)}`,
    );
  }
}
