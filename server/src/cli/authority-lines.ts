import type { JobResults } from '../jobs/job-registry.js';

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);
const number = (x: number, places = 1) => x.toLocaleString('en-GB', { maximumFractionDigits: places });

/** `eqa authority` for a terminal: the flags in one sentence each, the requests that went up, the what-if. */
export function authorityLines(result: JobResults['authority']): string[] {
  const { authority, fairness, whatIf } = result;
  const lines: string[] = [];
  if (authority.currency === null) {
    lines.push('The rubric has no authority matrix: add an `authority:` section and run eqa score.');
  }
  lines.push(
    `Flags (${fairness.flags.length}), ${fairness.range ? `${fairness.range.from} to ${fairness.range.to}` : 'no data'}:`,
  );
  for (const flag of fairness.flags) {
    lines.push(`  [${flag.flag}] ${flag.reason}`);
  }
  if (fairness.flags.length === 0) {
    lines.push('  none');
  }
  lines.push('', `Requests that went up for approval (${authority.currency ?? '—'}):`);
  lines.push('  kind          band           requests  approved  escalations  call h  wait d');
  for (const g of authority.gaps) {
    lines.push(
      `  ${g.kind.padEnd(13)} ${g.band.label.padEnd(14)} ${String(g.requests).padStart(8)}  ${percent(g.approved.share).padStart(8)}  ${String(g.escalations).padStart(11)}  ${number(g.managementCallHours).padStart(6)}  ${g.approvalWaitDays.median === null ? '—'.padStart(6) : number(g.approvalWaitDays.median).padStart(6)}${g.flagged ? '  flagged' : g.judged ? '' : '  too few to judge'}`,
    );
  }
  if (whatIf) {
    lines.push(
      '',
      `What if level ${whatIf.level} could grant ${whatIf.kind} up to ${number(whatIf.upTo, 2)} ${whatIf.currency ?? ''}:`,
      `  ${whatIf.requests} requests (${whatIf.approvedAbove} approved, ${whatIf.refusedAbove} refused above), ` +
        `${whatIf.escalationsSaved} escalations, ${number(whatIf.managementCallHoursSaved)} management call hours and ` +
        `${number(whatIf.daysSaved)} days of waiting saved; ${number(whatIf.extraMoney, 2)} ${whatIf.currency ?? ''} more granted`,
      ...whatIf.assumptions.map((a) => `  - ${a}`),
    );
  }
  return lines;
}
