import { percent, percentRange } from './practice-text.js';
import type { PracticesReport } from './practices.types.js';

const cell = (share: number | null, interval: [number, number] | null) =>
  share === null ? '—' : `${percent(share)} (${percentRange(interval)})`;

/**
 * `eqa practices` without --json: a header line, one row per practice in rank order (rate per 1,000
 * tickets, overturn share with its interval, the baseline, the verdict), then each reason.
 */
export function practicesTableLines(report: PracticesReport): string[] {
  if (!report.range) {
    return ['The store holds no data yet: run eqa ingest'];
  }
  if (report.practices.length === 0) {
    return [
      `No practices from ${report.range.from} to ${report.range.to}: score the store first (eqa score)`,
    ];
  }
  const lines = [
    `Practices ${report.range.from} to ${report.range.to}; judged from ${report.minimumVolume} decided escalations; ` +
      `flagged at a false discovery rate of ${report.method.q} (one-sided Fisher's exact test, Benjamini–Hochberg)`,
    '',
    [
      '#'.padStart(3),
      'practice'.padEnd(36),
      'per 1,000'.padStart(9),
      'decided'.padStart(8),
      'overturned'.padStart(16),
      'elsewhere'.padStart(9),
      '  verdict',
    ].join(' '),
  ];
  for (const p of report.practices) {
    const verdict = p.flagged
      ? `FLAGGED${p.trend?.rising ? ', rising' : ''}`
      : p.judged
        ? 'not flagged'
        : 'too few to judge';
    lines.push(
      [
        String(p.rank).padStart(3),
        p.practice.padEnd(36),
        (p.escalationRate.per1000 === null ? '—' : p.escalationRate.per1000.toFixed(0)).padStart(9),
        String(p.overturn.of).padStart(8),
        cell(p.overturn.share, p.overturn.interval).padStart(16),
        percent(p.baseline.share).padStart(9),
        `  ${verdict}`,
      ].join(' '),
    );
  }
  lines.push('');
  for (const p of report.practices) {
    lines.push(`${String(p.rank).padStart(3)}. ${p.practice}: ${p.reason}`);
  }
  return lines;
}
