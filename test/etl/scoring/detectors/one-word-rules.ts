/**
 * A detectors file with one word rule per element ("crash" finds problem, "contests" dispute_source,
 * and so on), for tests of how detection and threshold choice combine the rules with the learned
 * part. `veto` adds dispute_source's veto "accepts the policy"; `weak` marks problem's "crash" weak and
 * gives dispute_source a second rule, "told", marked weak; `learned` is appended as written.
 */
export function oneWordRules(
  version: string,
  options: { veto?: boolean; weak?: boolean; learned?: string } = {},
): string {
  const weak = options.weak ? ', weak: true' : '';
  return `detectors: 1
version: ${version}
elements:
  problem:
    match: [{ id: crash, pattern: '\\bcrash'${weak} }]
  customer_ask:
    match: [{ id: wants, pattern: '\\bwants\\b' }]
  already_tried:
    match: [{ id: tried, pattern: '\\btried\\b' }]
  dispute_source:
    match: [{ id: contests, pattern: '\\bcontests\\b' }${options.weak ? ", { id: told, pattern: '\\btold\\b', weak: true }" : ''}]
${options.veto ? "    veto: [{ id: accepts, pattern: '\\baccepts the policy\\b' }]\n" : ''}  timeline:
    match: [{ id: since, pattern: '\\bsince\\b' }]
  severity:
    match: [{ id: urgent, pattern: '\\burgent\\b' }]
  customer_repeated:
    match: [{ id: again, needs: [problem], pattern: 'again' }]
${options.learned ?? ''}`;
}
