import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupNearDuplicates, similarTextPairs } from '../../../etl/src/index.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';

// Hand-made transcripts: A1–A3 are one call told three times (a name, an amount, a date changed),
// B is another call on the same topic, C another topic; D has fewer than three words.
const texts = [
  {
    id: 'A1',
    text: 'Agent: Good morning, Grace speaking. Customer: I was charged a late fee of £25 on 3 March and I paid on time. Agent: I am sorry, let me look at the account and see what happened with that payment.',
  },
  {
    id: 'A2',
    text: 'Agent: Good morning, Aisha speaking. Customer: I was charged a late fee of £25 on 3 March and I paid on time. Agent: I am sorry, let me look at the account and see what happened with that payment.',
  },
  {
    id: 'A3',
    text: 'Agent: Good morning, Grace speaking. Customer: I was charged a late fee of £40 on 9 April and I paid on time. Agent: I am sorry, let me look at the account and see what happened with that payment.',
  },
  {
    id: 'B',
    text: 'Customer: The late fee is unfair, I want to speak to a manager now. Agent: I understand, I will transfer you to my supervisor and brief them first.',
  },
  {
    id: 'C',
    text: 'Agent: Tech support, how can I help? Customer: My router keeps dropping the connection every evening since the update.',
  },
  { id: 'D', text: 'Hello there.' },
];

describe('near-duplicate calls', () => {
  let sut: TempStore;
  beforeAll(async () => {
    sut = await openTempStore();
  });
  afterAll(() => sut?.dispose());

  it('should find the retellings of one call above the threshold and nothing else', async () => {
    const pairs = await similarTextPairs(sut.store, texts, 0.5);

    expect(pairs.map((p) => `${p.a}-${p.b}`)).toEqual(['A1-A2', 'A1-A3', 'A2-A3']);
    const a1a2 = pairs.find((p) => p.a === 'A1' && p.b === 'A2')!;
    const a1a3 = pairs.find((p) => p.a === 'A1' && p.b === 'A3')!;
    // One word changed costs fewer shared 3-grams than three.
    expect(a1a2.similarity).toBeGreaterThan(a1a3.similarity);
    expect(a1a2.similarity).toBeLessThan(1);
  });

  it('should give identical texts a similarity of 1 and texts of under three words none', async () => {
    const pairs = await similarTextPairs(
      sut.store,
      [
        { id: 'x', text: texts[0]!.text },
        { id: 'y', text: texts[0]!.text.toUpperCase() },
        { id: 'z', text: 'Hello there.' },
        { id: 'w', text: 'Hello there.' },
      ],
      0,
    );
    expect(pairs).toEqual([{ a: 'x', b: 'y', similarity: 1 }]);
  });

  it('should group each near-duplicate under the best-ranked call it resembles', () => {
    const pairs = [
      { a: 'A1', b: 'A2', similarity: 0.8 },
      { a: 'A1', b: 'A3', similarity: 0.6 },
      { a: 'A2', b: 'A3', similarity: 0.7 },
    ];
    expect(groupNearDuplicates(['B', 'A2', 'A1', 'C', 'A3'], pairs)).toEqual([
      { id: 'B', similar: [] },
      { id: 'A2', similar: ['A1', 'A3'] },
      { id: 'C', similar: [] },
    ]);
    // A chain is not merged through its middle: X~Y and Y~Z, but X is not like Z.
    expect(
      groupNearDuplicates(
        ['X', 'Y', 'Z'],
        [
          { a: 'X', b: 'Y', similarity: 0.7 },
          { a: 'Y', b: 'Z', similarity: 0.7 },
        ],
      ),
    ).toEqual([
      { id: 'X', similar: ['Y'] },
      { id: 'Z', similar: [] },
    ]);
  });
});
