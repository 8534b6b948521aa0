import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHandoverElements } from '../../../../etl/src/scoring/detectors/detect-elements.js';
import {
  formatWeights,
  type LearnedWeights,
  learnedTokens,
  parseWeights,
  trainLearnedWeights,
} from '../../../../etl/src/scoring/detectors/learned-model.js';
import {
  DetectorsError,
  defaultDetectorsPath,
  loadDetectors,
  parseDetectors,
} from '../../../../etl/src/scoring/detectors/load-detectors.js';
import { handoverElements } from '../../../../etl/src/scoring/rubric/rubric.schema.js';
import { openTempStore, type TempStore } from '../../../setup/duckdb-file.js';
import { rejectionOf } from '../../../setup/rejection.js';
import { oneWordRules } from './one-word-rules.js';

// The learned part of the handover detectors: its tokenizer, its weights file, training, and how
// detection combines it with the rules (a rule first, the model where no rule found the element, the
// model overruling a rule in a note of enough words, a veto over all).

/** Rules that never find dispute_source by themselves except for the word "contests". */
const rules = (weights: string, threshold = 0.8) =>
  oneWordRules('test-learned', {
    veto: true,
    learned: `learned:
  weights: ${weights}
  thresholds:
    dispute_source: ${threshold}
`,
  });

/** Labelled notes where the word "policy" (and only it) tells the source of the dispute. */
function labelledLines(): string {
  const topics = ['card', 'loan', 'bill', 'meter', 'parcel', 'flight', 'router', 'claim'];
  return `${topics
    .flatMap((topic, i) => [
      { id: `L-${i}a`, split: 'dev', note: `the ${topic} was refused under the policy`, dispute: true },
      { id: `L-${i}b`, split: 'dev', note: `the ${topic} policy was applied to her account`, dispute: true },
      { id: `L-${i}c`, split: 'dev', note: `the ${topic} was late again this week`, dispute: false },
      { id: `L-${i}d`, split: 'held', note: `the ${topic} policies`, dispute: true },
    ])
    .map((s) =>
      JSON.stringify({
        id: s.id,
        split: s.split,
        note: s.note,
        labels: Object.fromEntries(
          handoverElements.map((e) => [e, e === 'dispute_source' ? s.dispute : false]),
        ),
      }),
    )
    .join('\n')}\n`;
}

describe('learned handover detectors', () => {
  let temp: TempStore;
  const dir = mkdtempSync(join(tmpdir(), 'eqa-learned-'));
  let trained: Awaited<ReturnType<typeof trainLearnedWeights>>;

  beforeAll(async () => {
    temp = await openTempStore();
    writeFileSync(join(dir, 'labelled.jsonl'), labelledLines());
    trained = await temp.store.withSession((session) =>
      trainLearnedWeights(session, [join(dir, 'labelled.jsonl')], ['dispute_source'], {
        lambda: 0.003,
        passes: 400,
        minWeight: 0.005,
        excludeSplits: ['held'],
      }),
    );
    writeFileSync(join(dir, 'weights.tsv'), formatWeights(trained.weights, ['test weights']));
  });

  afterAll(() => {
    temp?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should cut words to five letters without a plural s, make numbers 0 and keep the signs, once each', async () => {
    const [row] = await temp.store.all<{ tokens: string[] }>(`SELECT ${learnedTokens('$text')} AS tokens`, {
      text: 'Refunded £2,450 CHARGES? a s; Charges: 10%',
    });

    expect(row.tokens.toSorted()).toEqual(['%', '0', ':', '?', 'a', 'charg', 'refun', 's', '£'].toSorted());
  });

  it('should learn the word that tells the element, leaving out the steps of an excluded split', () => {
    const model = trained.weights.dispute_source;

    expect(trained.steps).toBe(24);
    expect(trained.splits).toEqual({ dev: 24 });
    expect(Object.keys(trained.weights)).toEqual(['dispute_source']);
    const heaviest = Object.entries(model?.weights ?? {}).sort((a, b) => b[1] - a[1])[0];
    expect(heaviest[0]).toBe('polic');
    expect(model?.weights.late).toBeLessThan(0);
  });

  it('should find the element by the model where no rule does, with the heaviest word of the note as evidence', async () => {
    const detectors = await loadDetectors(writeDetectors('detectors.yaml', rules('weights.tsv')));
    const rows = await detect(detectors, [
      // é before the word: offsets count characters
      ['model', 'Café card refused under our policies, cx unhappy'],
      ['rule', 'cx contests the policy on the card'],
      ['neither', 'the parcel was late again'],
      ['veto', 'she accepts the policy but wants a refund'],
      ['empty', null],
    ]);

    expect(rows.get('model')).toMatchObject({ dispute_source: true });
    expect(rows.get('model')?.evidence).toEqual([
      {
        element: 'dispute_source',
        rule: 'learned-dispute_source',
        start: 28,
        length: 8,
        excerpt: 'policies',
      },
    ]);
    expect(rows.get('rule')?.evidence).toEqual([
      { element: 'dispute_source', rule: 'contests', start: 3, length: 8, excerpt: 'contests' },
    ]);
    expect(rows.get('neither')).toMatchObject({ dispute_source: false, evidence: [] });
    expect(rows.get('veto')).toMatchObject({ dispute_source: false });
    expect(rows.get('empty')).toMatchObject({ dispute_source: false, evidence: [] });
  });

  it('should show a word of four letters or more as evidence when one weighs for the element', async () => {
    writeFileSync(
      join(dir, 'short.tsv'),
      formatWeights({ dispute_source: { bias: 0, weights: { on: 3, refun: 1, the: 2 } } }, []),
    );
    const detectors = await loadDetectors(writeDetectors('short.yaml', rules('short.tsv', 0.5)));
    const rows = await detect(detectors, [
      ['long', 'cx on the phone, refunded nothing'],
      ['short', 'cx on the phone'],
    ]);

    expect(rows.get('long')?.evidence).toEqual([
      {
        element: 'dispute_source',
        rule: 'learned-dispute_source',
        start: 17,
        length: 8,
        excerpt: 'refunded',
      },
    ]);
    expect(rows.get('short')?.evidence).toEqual([
      { element: 'dispute_source', rule: 'learned-dispute_source', start: 3, length: 2, excerpt: 'on' },
    ]);
  });

  it('should find nothing in a note without a word it weighs, however high the intercept', async () => {
    writeFileSync(
      join(dir, 'eager.tsv'),
      formatWeights({ dispute_source: { bias: 5, weights: { polic: 1 } } }, []),
    );
    const detectors = await loadDetectors(writeDetectors('eager.yaml', rules('eager.tsv', 0.5)));
    const rows = await detect(detectors, [
      ['known', 'the policy again'],
      ['unknown', 'the parcel was late'],
      ['empty', null],
    ]);

    expect(rows.get('known')).toMatchObject({ dispute_source: true });
    expect(rows.get('unknown')).toMatchObject({ dispute_source: false });
    expect(rows.get('empty')).toMatchObject({ dispute_source: false });
  });

  it('should not find the element when the threshold is above what the note reaches', async () => {
    const detectors = await loadDetectors(writeDetectors('strict.yaml', rules('weights.tsv', 0.999999)));
    const rows = await detect(detectors, [['model', 'Café card refused under our policies, cx unhappy']]);

    expect(rows.get('model')).toMatchObject({ dispute_source: false });
  });

  it('should overrule a rule where the model all but rules the element out, in a note of enough words', async () => {
    // "asking" weighs against dispute_source; every other word weighs a little for it
    writeFileSync(
      join(dir, 'overrule.tsv'),
      formatWeights({ dispute_source: { bias: 0, weights: { askin: -6, the: 0.1 } } }, []),
    );
    const overrule = (below: number, minWords: number) =>
      `${rules('overrule.tsv', 0.9)}  overrule_below:\n    dispute_source: ${below}\n  overrule_min_words: ${minWords}\n`;
    const detectors = await loadDetectors(writeDetectors('overrule.yaml', overrule(0.3, 5)));
    const rows = await detect(detectors, [
      ['against', 'cx asking whether she contests the fee or the charge'],
      ['for', 'cx contests the fee on the card and the charge'],
      ['short', 'asking, contests fee'],
      ['unknown', 'cx contests every single penny of it today'],
    ]);
    const kept = await loadDetectors(writeDetectors('kept.yaml', overrule(0.001, 5)));
    const keptRows = await detect(kept, [
      ['against', 'cx asking whether she contests the fee or the charge'],
    ]);

    expect(rows.get('against')).toMatchObject({ dispute_source: false, evidence: [] });
    expect(rows.get('for')?.evidence).toEqual([
      { element: 'dispute_source', rule: 'contests', start: 3, length: 8, excerpt: 'contests' },
    ]);
    // under five words, and without a word the model weighs: the rule stands
    expect(rows.get('short')).toMatchObject({ dispute_source: true });
    expect(rows.get('unknown')).toMatchObject({ dispute_source: true });
    expect(keptRows.get('against')).toMatchObject({ dispute_source: true });
    expect(detectors.learned?.overrules).toEqual({ dispute_source: 0.3 });
    expect(detectors.hash).not.toBe(kept.hash);
  });

  it("should drop a weak rule's find where the model rules the element out, unless another rule found it", async () => {
    // "asking" weighs against dispute_source; "the" a little for it
    writeFileSync(
      join(dir, 'weak.tsv'),
      formatWeights({ dispute_source: { bias: 0, weights: { askin: -6, the: 0.1 } } }, []),
    );
    const weakRules = (learned: string) =>
      oneWordRules('test-weak', {
        weak: true,
        learned: `learned:\n  weights: weak.tsv\n  thresholds:\n    dispute_source: 0.9\n${learned}`,
      });
    const weighed = await loadDetectors(
      writeDetectors(
        'weak.yaml',
        weakRules('  weak_below:\n    dispute_source: 0.3\n  overrule_min_words: 5\n'),
      ),
    );
    const unweighed = await loadDetectors(writeDetectors('unweighed.yaml', weakRules('')));
    const notes: [string, string][] = [
      ['against', 'cx asking whether she was told the fee or the charge'],
      ['beside', 'cx asking whether she was told, and contests the fee'],
      ['for', 'cx was told the fee would be waived on the day'],
      ['short', 'asking, was told'],
    ];
    const rows = await detect(weighed, notes);
    const plain = await detect(unweighed, notes);

    expect(rows.get('against')).toMatchObject({ dispute_source: false, evidence: [] });
    // another rule's find stands, and is the evidence even where the weak rule's comes earlier
    expect(rows.get('beside')?.evidence).toEqual([
      { element: 'dispute_source', rule: 'contests', start: 36, length: 8, excerpt: 'contests' },
    ]);
    expect(rows.get('for')?.evidence).toEqual([
      { element: 'dispute_source', rule: 'told', start: 7, length: 4, excerpt: 'told' },
    ]);
    // under five words the model has no say
    expect(rows.get('short')).toMatchObject({ dispute_source: true });
    // without weak_below a weak rule counts like any other, earliest first
    expect(plain.get('against')).toMatchObject({ dispute_source: true });
    expect(plain.get('beside')?.evidence[0]).toMatchObject({ rule: 'told', start: 26 });
    expect(weighed.learned?.weakBelow).toEqual({ dispute_source: 0.3 });
    expect(weighed.hash).not.toBe(unweighed.hash);
  });

  it('should name the line of a weak_below without a threshold or without a weak rule', async () => {
    const noThreshold = await errorOf(() =>
      loadDetectors(
        writeDetectors(
          'd.yaml',
          `${oneWordRules('test-weak', { weak: true, learned: 'learned:\n  weights: weights.tsv\n  thresholds:\n    dispute_source: 0.8\n' })}  weak_below:\n    problem: 0.2\n`,
        ),
      ),
    );
    const noWeakRule = await errorOf(() =>
      loadDetectors(
        writeDetectors('e.yaml', `${rules('weights.tsv')}  weak_below:\n    dispute_source: 0.2\n`),
      ),
    );

    expect(noThreshold.message).toMatch(
      /d\.yaml:23: expected a threshold for problem under learned: thresholds, to weigh its weak rules/,
    );
    expect(noWeakRule.message).toMatch(
      /e\.yaml:24: expected a rule of dispute_source marked weak: true, found none/,
    );
  });

  it('should name the line of an overrule without a threshold, at or above it, or of a bad word count', async () => {
    const withOverrule = (lines: string) => `${rules('weights.tsv')}${lines}`;
    const noThreshold = await errorOf(() =>
      loadDetectors(writeDetectors('a.yaml', withOverrule('  overrule_below:\n    severity: 0.2\n'))),
    );
    const tooHigh = await errorOf(() =>
      loadDetectors(writeDetectors('b.yaml', withOverrule('  overrule_below:\n    dispute_source: 0.8\n'))),
    );
    const badWords = await errorOf(() =>
      loadDetectors(writeDetectors('c.yaml', withOverrule('  overrule_min_words: 2.5\n'))),
    );

    expect(noThreshold.message).toMatch(
      /a\.yaml:24: expected a threshold for severity under learned: thresholds, to overrule its rules/,
    );
    expect(tooHigh.message).toMatch(
      /b\.yaml:24: expected a probability below dispute_source's threshold \(0\.8\), found 0\.8/,
    );
    expect(badWords.message).toMatch(/c\.yaml:23: learned\.overrule_min_words: expected a whole number/);
  });

  it('should change the hash when the weights change and record only the elements with a threshold', async () => {
    const first = await loadDetectors(writeDetectors('a.yaml', rules('weights.tsv')));
    const changed = structuredClone(trained.weights);
    if (changed.dispute_source) {
      changed.dispute_source.bias += 1;
    }
    changed.problem = { bias: 0, weights: { crash: 1 } };
    writeFileSync(join(dir, 'changed.tsv'), formatWeights(changed, []));
    const second = await loadDetectors(writeDetectors('b.yaml', rules('changed.tsv')));

    expect(second.hash).not.toBe(first.hash);
    expect(Object.keys(second.learned?.weights ?? {})).toEqual(['dispute_source']);
  });

  it('should name the detectors file and line of a missing weights file or of a threshold without weights', async () => {
    const missing = await errorOf(() => loadDetectors(writeDetectors('m.yaml', rules('nowhere.tsv'))));
    const noWeights = await errorOf(() =>
      loadDetectors(
        writeDetectors(
          'n.yaml',
          rules('weights.tsv').replace(
            '    dispute_source: 0.8',
            '    dispute_source: 0.8\n    severity: 0.5',
          ),
        ),
      ),
    );
    const badThreshold = await errorOf(() => parseDetectors(rules('weights.tsv', 1.5), 'x.yaml'));

    expect(missing.message).toMatch(/m\.yaml:20: cannot read the weights file \(ENOENT\): .*nowhere\.tsv/);
    expect(noWeights.message).toMatch(
      /n\.yaml:23: expected weights for severity in .*weights\.tsv, found none/,
    );
    expect(badThreshold.message).toMatch(
      /x\.yaml:22: learned\.thresholds\.dispute_source: expected a probability between 0 and 1/,
    );
  });

  it('should name the weights file and line of a malformed weight', async () => {
    writeFileSync(
      join(dir, 'bad.tsv'),
      '# comment\nelement\ttoken\tweight\ndispute_source\tpolic\t1.5\ndispute_sorce\tfee\t1\nproblem\tfee\tlots\n',
    );
    const sut = await errorOf(() => loadDetectors(writeDetectors('bad.yaml', rules('bad.tsv'))));

    expect(sut.message).toMatch(
      /bad\.tsv:4: expected an element \(problem, .*\), found 'dispute_sorce' \(and 1 more\)/,
    );
    expect(sut.problems.map((p) => p.line)).toEqual([4, 5]);
    expect(parseWeights('problem\tfee\t1\n').problems).toEqual([
      { line: 1, reason: "expected the header 'element<tab>token<tab>weight'" },
    ]);
  });

  it('should read back every weights file it writes', () => {
    const token = fc.stringMatching(/^[a-z0-9£$?:%()]{1,8}$/);
    const model = fc.record({
      bias: fc.double({ noNaN: true, noDefaultInfinity: true, min: -50, max: 50 }),
      weights: fc.dictionary(token, fc.double({ noNaN: true, noDefaultInfinity: true, min: -50, max: 50 })),
    });
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...handoverElements), model), (weights) => {
        const clean = structuredClone(weights) as LearnedWeights;
        for (const m of Object.values(clean)) {
          delete m?.weights['(bias)'];
        }
        const read = parseWeights(formatWeights(clean, ['a comment']));
        expect(read.problems).toEqual([]);
        expect(read.weights).toEqual(JSON.parse(JSON.stringify(clean)));
      }),
    );
  });

  it('should ship the weights that training on the labelled steps gives (npm run train:detectors)', async () => {
    // the files `npm run train:detectors` trains on, read from package.json: one list, in one place
    const root = new URL('../../../../', import.meta.url);
    const script = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).scripts['train:detectors'];
    const labelled = (script.match(/\S+\.jsonl/g) as string[]).map((f) => fileURLToPath(new URL(f, root)));
    const steps = labelled
      .map((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean).length)
      .reduce((a, b) => a + b, 0);
    const shipped = readFileSync(join(defaultDetectorsPath, '..', 'handover-weights.tsv'), 'utf8');
    const retrained = await temp.store.withSession((session) =>
      trainLearnedWeights(session, labelled, handoverElements),
    );

    expect(parseWeights(shipped).weights).toEqual(retrained.weights);
    expect(retrained.steps).toBe(steps);
    expect(labelled.length).toBeGreaterThan(1);
  });

  function writeDetectors(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  async function detect(
    detectors: Awaited<ReturnType<typeof loadDetectors>>,
    notes: [string, string | null][],
  ) {
    return temp.store.withSession(async (session) => {
      await session.run(
        'CREATE OR REPLACE TEMP TABLE notes (step_key VARCHAR, note VARCHAR, next_contact VARCHAR)',
      );
      for (const [key, note] of notes) {
        await session.run('INSERT INTO notes VALUES ($1, $2, NULL)', [key, note]);
      }
      await detectHandoverElements(session, detectors, { source: 'notes', target: 'detected' });
      const rows = await session.all<{
        step_key: string;
        dispute_source: boolean;
        evidence: { element: string; rule: string; start: number; length: number; excerpt: string }[];
      }>(
        `SELECT step_key, dispute_source, list_transform(list_filter(evidence, lambda e: e.element = 'dispute_source'),
           lambda e: {'element': e.element, 'rule': e.rule, 'start': e.start, 'length': e.length, 'excerpt': e.excerpt}) AS evidence
         FROM detected`,
      );
      return new Map(rows.map((r) => [r.step_key, r]));
    });
  }
});

/** The DetectorsError that `load` rejects with. */
function errorOf(load: () => Promise<unknown>): Promise<DetectorsError> {
  return rejectionOf(load, DetectorsError);
}
