import type { KeyedStandardFigures, StandardFigures, StandardsSummary } from '../../../etl/src/index.js';

const mean = (value: number | null): string => (value === null ? '—' : value.toFixed(1));

function row(label: string, f: StandardFigures): string {
  return [
    label.padEnd(28),
    String(f.steps).padStart(7),
    String(f.cases).padStart(7),
    mean(f.rightDepartment).padStart(7),
    mean(f.assessmentQuality).padStart(7),
    mean(f.satisfaction).padStart(7),
    mean(f.resolution).padStart(7),
    mean(f.overall).padStart(7),
  ].join(' ');
}

/** `eqa summary` without --json: one table per breakdown, means 0–100 ("—" where nothing was scored). */
export function printSummaryTable(summary: StandardsSummary, say: (line: string) => void): void {
  if (!summary.scoredWith) {
    say('The store has not been scored yet: run eqa score');
    return;
  }
  const range = summary.range ? `${summary.range.from} to ${summary.range.to}` : 'no data';
  say(
    `Rubric ${summary.scoredWith.version} (${summary.scoredWith.file}), scored ${summary.scoredWith.scoredAt}; ${range}`,
  );
  const header = ['', 'steps', 'cases', 'dept', 'assess', 'satisf', 'resol', 'overall'];
  const sections: Array<[string, KeyedStandardFigures[]]> = [
    ['category', summary.byCategory],
    ['department', summary.byDepartment],
    ['team', summary.byTeam],
    ['agent', summary.byAgent],
  ];
  say(['(whole store)'.padEnd(28), ...header.slice(1).map((h) => h.padStart(7))].join(' '));
  say(row('all', summary.total));
  for (const [name, rows] of sections) {
    say('');
    say(`by ${name}`);
    for (const r of rows) {
      say(row(r.key, r));
    }
  }
}
