import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseThresholds } from '../../../../etl/src/scoring/detectors/choose-thresholds.js';
import { parseDetectors } from '../../../../etl/src/scoring/detectors/load-detectors.js';
import { handoverElements } from '../../../../etl/src/scoring/rubric/rubric.schema.js';
import { openTempStore, type TempStore } from '../../../setup/duckdb-file.js';
import { oneWordRules } from './one-word-rules.js';

// Choosing the learned part's cuts out of fold: the rules run on the labelled steps, the model is
// fitted without the split it is measured on, and the cuts proposed are the ones that make the worse
// of precision and recall highest, the rules alone included.

/** Rules that find dispute_source only by "contests" and problem by "crash", enquiries included. */
const rulesText = oneWordRules('test-choose');

/**
 * Per split and topic: a dispute the rules miss ("policy"), one they find ("contests"), a note with
 * neither, a crash (a problem) and an enquiry about crashes that is not one.
 */
function labelledLines(): string {
  const topics = ['card', 'loan', 'bill', 'meter', 'parcel', 'flight'];
  const steps = ['a', 'b', 'c'].flatMap((split) =>
    topics.flatMap((topic, i) =>
      [
        { note: `the ${topic} was refused under the policy for ${split}`, dispute: true, problem: false },
        { note: `cx contests the ${topic} charge for ${split}`, dispute: true, problem: false },
        { note: `the ${topic} was late this week for ${split}`, dispute: false, problem: false },
        { note: `the ${topic} app crashed at login for ${split}`, dispute: false, problem: true },
        { note: `cx asking whether the ${topic} app crashes often`, dispute: false, problem: false },
      ].map((s, k) => ({ ...s, id: `C-${split}${i}${k}`, split })),
    ),
  );
  return `${steps
    .map((s) =>
      JSON.stringify({
        id: s.id,
        split: s.split,
        note: s.note,
        next_contact: null,
        labels: Object.fromEntries(
          handoverElements.map((e) => [
            e,
            e === 'dispute_source' ? s.dispute : e === 'problem' ? s.problem : false,
          ]),
        ),
      }),
    )
    .join('\n')}\n`;
}

describe('chooseThresholds', () => {
  let temp: TempStore;
  const dir = mkdtempSync(join(tmpdir(), 'eqa-choose-'));
  const file = join(dir, 'labelled.jsonl');

  beforeAll(async () => {
    temp = await openTempStore();
    writeFileSync(file, labelledLines());
  });

  afterAll(() => {
    temp?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Writes, per split, one step labelled a dispute: a refusal under the policy (which the model weighs
   * as a dispute) and then `tail`; returns the file's path.
   */
  const disputesPerSplit = (name: string, prefix: string, tail: string): string => {
    const path = join(dir, name);
    const lines = ['a', 'b', 'c'].map((split) =>
      JSON.stringify({
        id: `${prefix}-${split}`,
        split,
        note: `the pass was refused under the policy for ${split} ${tail}`,
        next_contact: null,
        labels: Object.fromEntries(handoverElements.map((e) => [e, e === 'dispute_source'])),
      }),
    );
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };

  const choose = async (
    options: Parameters<typeof chooseThresholds>[3],
    detectorsText = rulesText,
    files = [file],
  ) => {
    const detectors = await parseDetectors(detectorsText, 'test.yaml');
    return temp.store.withSession((session) => chooseThresholds(session, files, detectors, options));
  };

  it('should propose a threshold where the model finds what the rules miss, and none where nothing helps', async () => {
    const { choices, steps } = await choose({ measureSplits: ['a', 'b'], excludeSplits: ['c'] });
    const dispute = choices.find((c) => c.element === 'dispute_source');
    const severity = choices.find((c) => c.element === 'severity');

    expect(steps).toEqual({ a: 30, b: 30 });
    // the rules find the 12 "contests" notes of a and b and miss the 12 "policy" ones
    expect(dispute?.rules).toEqual({ precision: 1, recall: 0.5 });
    expect(dispute?.threshold).not.toBeNull();
    expect(dispute?.chosen).toEqual({ precision: 1, recall: 1 });
    expect(dispute?.overruleBelow).toBeNull();
    // nothing to find and nothing found: the rules alone, which the model cannot beat
    expect(severity).toMatchObject({
      threshold: null,
      overruleBelow: null,
      chosen: { precision: 1, recall: 1 },
    });
  });

  it('should overrule rules only for the elements named, in notes of enough words', async () => {
    const plain = await choose({ measureSplits: ['a', 'b', 'c'] });
    const overruled = await choose({
      measureSplits: ['a', 'b', 'c'],
      overrule: ['problem'],
      overruleMinWords: 5,
    });
    const tooShort = await choose({
      measureSplits: ['a', 'b', 'c'],
      overrule: ['problem'],
      overruleMinWords: 50,
    });
    const problem = (r: typeof plain) => r.choices.find((c) => c.element === 'problem');

    // "crash" also fires on the 18 enquiries: precision 0.5
    expect(problem(plain)?.rules).toEqual({ precision: 0.5, recall: 1 });
    expect(problem(plain)?.overruleBelow).toBeNull();
    expect(problem(overruled)?.overruleBelow).not.toBeNull();
    expect(problem(overruled)?.threshold).toBeGreaterThan(problem(overruled)?.overruleBelow ?? 1);
    expect(problem(overruled)?.chosen).toEqual({ precision: 1, recall: 1 });
    expect(problem(tooShort)?.chosen.precision).toBe(0.5);
  });

  it('should weigh a weak rule by the model where that helps, beside a threshold', async () => {
    const options = { measureSplits: ['a', 'b', 'c'], overruleMinWords: 5 };
    const plain = await choose(options);
    const weak = await choose(options, oneWordRules('test-choose', { weak: true }));
    const tooShort = await choose(
      { ...options, overruleMinWords: 50 },
      oneWordRules('test-choose', { weak: true }),
    );
    const problem = (r: typeof plain) => r.choices.find((c) => c.element === 'problem');

    // "crash" is weak: the model, which tells a crash from an enquiry about crashes, drops its false finds
    expect(problem(plain)?.weakBelow).toBeNull();
    expect(problem(plain)?.chosen.precision).toBe(0.5);
    expect(problem(weak)?.rules).toEqual({ precision: 0.5, recall: 1 });
    expect(problem(weak)?.weakBelow).not.toBeNull();
    expect(problem(weak)?.threshold).not.toBeNull();
    expect(problem(weak)?.chosen).toEqual({ precision: 1, recall: 1 });
    expect(problem(tooShort)?.chosen.precision).toBe(0.5);
    // dispute_source's weak "told" finds nothing here: no cut helps, none is proposed
    expect(weak.choices.find((c) => c.element === 'dispute_source')?.weakBelow).toBeNull();
  });

  it("should measure the model's finds with the veto, as detection applies it", async () => {
    // per split one note the labeller counts as a dispute though it says "accepts the policy" (the
    // veto's words) beside a refusal under the policy, which the model weighs as a dispute
    const vetoed = disputesPerSplit('vetoed.jsonl', 'V', 'and cx accepts the policy');
    const measure = { measureSplits: ['a', 'b'], excludeSplits: ['c'] };
    const dispute = async (text: string) =>
      (await choose(measure, text, [file, vetoed])).choices.find((c) => c.element === 'dispute_source');

    // without a veto the model finds them with the other refusals; with it they cannot be found
    expect((await dispute(rulesText))?.chosen.recall).toBe(1);
    expect((await dispute(oneWordRules('test-choose', { veto: true })))?.chosen.recall).toBeCloseTo(
      24 / 26,
      9,
    );
  });

  it('should read the veto in the note as detection reads it, control characters made spaces', async () => {
    // "accepts\u0002the policy": detection turns the control character into a space and vetoes
    const vetoed = disputesPerSplit('control.jsonl', 'K', 'and cx accepts\u0002the policy');
    const { choices } = await choose(
      { measureSplits: ['a', 'b'], excludeSplits: ['c'] },
      oneWordRules('test-choose', { veto: true }),
      [file, vetoed],
    );

    expect(choices.find((c) => c.element === 'dispute_source')?.chosen.recall).toBeCloseTo(24 / 26, 9);
  });
});
