import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ingestPaths,
  parseSearchQuery,
  rebuildSearchIndex,
  type SearchOptions,
  SearchQueryError,
  searchDocuments,
} from '../../../etl/src/index.js';
import { searchStopwords } from '../../../etl/src/search/search-stopwords.constant.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';

const callsHeader =
  'call_id,ticket_id,customer_id,agent_id,department,level,started_at,ended_at,direction,disposition,recording_url,transcript';
const eventsHeader = 'ticket_id,at,type,level,department,agent_id,escalation_type,note';
const ticketsHeader =
  'ticket_id,created_at,resolved_at,customer_id,channel,category,policy,priority,status,csat,outcome';

const csvField = (value: string) => `"${value.replaceAll('"', '""')}"`;
const callRow = (id: string, ticket: string, transcript: string) =>
  `${id},${ticket},C-1,A-1,first_line,1,2026-03-02T10:00:00Z,,inbound,,,${csvField(transcript)}`;

// A padded transcript, so that "long" below is cut on both sides of its match.
const filler =
  'Agent: Let me pull up your account. Customer: Sure, take your time, I am in no hurry at all. ';

const calls: Array<[string, string, string]> = [
  ['CL-1', 'T-1', 'Customer: My refund was refused again.\nAgent: I am sorry to hear that.'],
  [
    'CL-2',
    'T-2',
    'Agent: It was refused earlier. The refund team will call you back tomorrow morning, before noon.',
  ],
  ['CL-3', 'T-3', 'Customer: I want the overdraft fee refunded, please.'],
  ['CL-4', 'T-4', 'Customer: The CAFÉ charged me for a crème brûlée I never had.'],
  ['CL-5', 'T-5', 'Customer: Refund, refund, REFUND! I want my refund.'],
  ['CL-6', 'T-6', `${filler.repeat(3)}Customer: the chargeback on my card is stuck. ${filler.repeat(3)}`],
];
// A note's seq is its event's ordinal in the export, as the loader numbers it.
const notes: Array<[string, string, string]> = [
  ['T-1', '2026-03-02T11:00:00Z', 'Handover: refund refused per the 30-day policy, cx upset'],
  ['T-2', '2026-03-02T12:00:00Z', 'cx went to the cafe, wants a callback'],
];

async function ids(options: SearchOptions): Promise<string[]> {
  const result = await searchDocuments(sutStore(), { limit: 100, ...options });
  return result.hits.map((hit) => hit.call_id ?? `${hit.ticket_id}#${hit.seq}`);
}

let sut: TempStore;
let dir: string;
const sutStore = () => sut.store;

describe('full-text search (etl/src/search)', () => {
  beforeAll(async () => {
    sut = await openTempStore();
    dir = mkdtempSync(join(tmpdir(), 'eqa-search-'));
    writeFileSync(
      join(dir, 'tickets.csv'),
      [
        ticketsHeader,
        ...['T-1', 'T-2', 'T-3', 'T-4', 'T-5', 'T-6'].map(
          (id) => `${id},2026-03-02T09:00:00Z,,C-1,phone,refunds,,normal,open,,`,
        ),
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'calls.csv'),
      [callsHeader, ...calls.map(([id, ticket, text]) => callRow(id, ticket, text))].join('\n'),
    );
    writeFileSync(
      join(dir, 'events.csv'),
      [
        eventsHeader,
        ...notes.map(([ticket, at, note]) => `${ticket},${at},note,1,first_line,A-1,,${csvField(note)}`),
      ].join('\n'),
    );
    await ingestPaths(sut.store, [dir], {}, { format: 'auto' });
  });
  afterAll(() => {
    sut.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should find nothing, not fail, before the index was first built', async () => {
    await expect(searchDocuments(sut.store, { query: 'refund' })).resolves.toEqual({ total: 0, hits: [] });
  });

  it('should index every non-empty transcript and note, and say how many words', async () => {
    const summary = await rebuildSearchIndex(sut.store);

    expect(summary.documents).toBe(calls.length + notes.length);
    expect(summary.terms).toBeGreaterThan(40);
    expect(summary.seconds).toBeGreaterThan(0);
  });

  it('should require every word (AND), in any order and place', async () => {
    expect((await ids({ query: 'refund refused' })).sort()).toEqual(['CL-1', 'CL-2', 'T-1#1']);
    expect(await ids({ query: 'refused overdraft' })).toEqual([]);
  });

  it('should find a quoted phrase only where its words stand together, stopwords included', async () => {
    expect(await ids({ query: '"refund was refused"' })).toEqual(['CL-1']);
    expect((await ids({ query: '"refund refused"' })).sort()).toEqual(['T-1#1']);
    expect(await ids({ query: '"refused refund"' })).toEqual([]);
  });

  it('should take a trailing * as a prefix', async () => {
    expect((await ids({ query: 'refund*' })).sort()).toEqual(['CL-1', 'CL-2', 'CL-3', 'CL-5', 'T-1#1']);
    expect(await ids({ query: 'refunde*' })).toEqual(['CL-3']);
    expect(await ids({ query: 'overdr* fee' })).toEqual(['CL-3']);
  });

  it('should ignore case and accents, in the text and in the query', async () => {
    expect((await ids({ query: 'cafe' })).sort()).toEqual(['CL-4', 'T-2#2']);
    expect((await ids({ query: 'CAFÉ' })).sort()).toEqual(['CL-4', 'T-2#2']);
    expect(await ids({ query: 'Creme BRULEE' })).toEqual(['CL-4']);
    expect(await ids({ query: '"crème brûlée"' })).toEqual(['CL-4']);
  });

  it('should keep to one kind when asked, and to the tickets asked', async () => {
    expect(await ids({ query: 'refund', kind: 'note' })).toEqual(['T-1#1']);
    expect((await ids({ query: 'refund', kind: 'call' })).sort()).toEqual(['CL-1', 'CL-2', 'CL-5']);
    expect((await ids({ query: 'refund', ticketIds: ['T-1', 'T-5'] })).sort()).toEqual([
      'CL-1',
      'CL-5',
      'T-1#1',
    ]);
    expect(await ids({ query: 'refund', ticketIds: [] })).toEqual([]);
  });

  it('should rank by BM25: the text saying the word most, then the shorter text', async () => {
    const result = await searchDocuments(sut.store, { query: 'refund', kind: 'call' });

    expect(result.hits.map((hit) => hit.call_id)).toEqual(['CL-5', 'CL-1', 'CL-2']);
    expect(result.hits[0]!.score).toBeGreaterThan(result.hits[1]!.score);
    expect(result.hits[1]!.score).toBeGreaterThan(result.hits[2]!.score);
  });

  it('should give the total of every match and pages that tile it', async () => {
    const all = await searchDocuments(sut.store, { query: 'refund*', limit: 100 });
    const first = await searchDocuments(sut.store, { query: 'refund*', limit: 2 });
    const second = await searchDocuments(sut.store, { query: 'refund*', limit: 2, offset: 2 });
    const third = await searchDocuments(sut.store, { query: 'refund*', limit: 2, offset: 4 });

    expect([first.total, second.total, third.total]).toEqual([5, 5, 5]);
    expect([...first.hits, ...second.hits, ...third.hits]).toEqual(all.hits);
    expect(third.hits).toHaveLength(1);
  });

  it('should say which call or note each hit is, with its ticket and event seq', async () => {
    const { hits } = await searchDocuments(sut.store, { query: '"refund refused"' });

    expect(hits).toEqual([
      {
        kind: 'note',
        call_id: null,
        ticket_id: 'T-1',
        seq: 1,
        score: expect.any(Number),
        snippet: 'Handover: «refund refused» per the 30-day policy, cx upset',
      },
    ]);
  });

  it('should mark the matched words in a snippet of about 160 characters around the first match', async () => {
    const [call] = (await searchDocuments(sut.store, { query: '"refund was refused"' })).hits;
    const [long] = (await searchDocuments(sut.store, { query: 'chargeback stuck' })).hits;
    const [prefix] = (await searchDocuments(sut.store, { query: 'refunde*' })).hits;

    expect(call!.snippet).toBe('Customer: My «refund was refused» again. Agent: I am sorry to hear that.');
    expect(long!.snippet).toMatch(/^….*Customer: the «chargeback» on my card is «stuck»\. .*…$/);
    expect(long!.snippet.length).toBeLessThanOrEqual(175);
    expect(prefix!.snippet).toBe('Customer: I want the overdraft fee «refunded», please.');
  });

  it('should refuse an empty or stopword-only query with a message naming it', async () => {
    for (const query of ['', '   ', '""', 'the and to', '"to be" of', '!?', 're*']) {
      const search = searchDocuments(sut.store, { query });
      await expect(search, query).rejects.toBeInstanceOf(SearchQueryError);
      await expect(search, query).rejects.toThrow(`Search "${query}": `);
    }
    await expect(searchDocuments(sut.store, { query: 'refund', limit: 0 })).rejects.toThrow(/limit must be/);
  });

  it('should replace the index on a rebuild after more data was ingested', async () => {
    const more = mkdtempSync(join(tmpdir(), 'eqa-search-more-'));
    try {
      writeFileSync(
        join(more, 'calls.csv'),
        [callsHeader, callRow('CL-7', 'T-1', 'Customer: the ombudsman wants a refund decision.')].join('\n'),
      );
      await ingestPaths(sut.store, [more], {}, { format: 'auto' });
      expect(await ids({ query: 'ombudsman' })).toEqual([]);

      const summary = await rebuildSearchIndex(sut.store);

      expect(summary.documents).toBe(calls.length + notes.length + 1);
      expect(await ids({ query: 'ombudsman' })).toEqual(['CL-7']);
      expect((await searchDocuments(sut.store, { query: 'refund*' })).total).toBe(6);
      const [{ n }] = await sut.store.all<{ n: number }>(
        "SELECT count(*)::INTEGER AS n FROM search_docs WHERE call_id = 'CL-1'",
      );
      expect(n).toBe(1);
    } finally {
      rmSync(more, { recursive: true, force: true });
    }
  });
});

describe('search query parsing (parseSearchQuery)', () => {
  const plainWord = fc.stringMatching(/^[a-zA-Z0-9éü'-]{1,8}$/);

  it('should parse any string without throwing, into non-empty clauses without quotes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (query) => {
        for (const clause of parseSearchQuery(query)) {
          expect(clause.text.trim()).not.toBe('');
          expect(clause.text).not.toContain('"');
        }
      }),
    );
  });

  it('should give back the clauses a query was written from', () => {
    const clause = fc.oneof(
      plainWord.map((text) => ({ type: 'word' as const, text })),
      plainWord.map((text) => ({ type: 'prefix' as const, text })),
      fc
        .array(plainWord, { minLength: 1, maxLength: 4 })
        .map((words) => ({ type: 'phrase' as const, text: words.join(' ') })),
    );
    const render = (c: { type: string; text: string }) =>
      c.type === 'phrase' ? `"${c.text}"` : c.type === 'prefix' ? `${c.text}*` : c.text;
    fc.assert(
      fc.property(fc.array(clause, { maxLength: 6 }), fc.constantFrom(' ', '  ', '\t'), (clauses, gap) => {
        expect(parseSearchQuery(clauses.map(render).join(gap))).toEqual(clauses);
      }),
    );
  });
});

describe('search against a naive scan (property)', () => {
  let prop: TempStore;
  beforeAll(async () => {
    prop = await openTempStore();
  });
  afterAll(() => prop.dispose());

  // JavaScript's reading of the index's rule: lower-case, accents stripped, split on non-letters/digits.
  const wordsOf = (text: string) =>
    text
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word !== '');
  const word = fc.stringMatching(/^[a-zA-ZéÉüÜçøß0-9]{1,6}$/);
  const separator = fc.constantFrom(' ', ', ', '.\n', ' - ', "'", '!  ', '/');
  const doc = fc
    .array(fc.tuple(word, separator), { minLength: 1, maxLength: 12 })
    .map((parts) => parts.map(([w, s]) => w + s).join(''));

  it('should return exactly the documents that hold the word, for any documents and any word of theirs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(doc, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.nat(),
        async (docs, pickDoc, pickWord) => {
          await prop.store.run('DELETE FROM calls');
          for (const [i, text] of docs.entries()) {
            await prop.store.run(
              `INSERT INTO calls (call_id, started_at, transcript, source_file)
               VALUES ($id, TIMESTAMP '2026-03-02 10:00:00', $text, 'property')`,
              { id: `P-${i}`, text },
            );
          }
          await rebuildSearchIndex(prop.store);
          const pool = wordsOf(docs[pickDoc % docs.length]!);
          fc.pre(pool.length > 0);
          const target = pool[pickWord % pool.length]!;
          const expected = docs.flatMap((text, i) => (wordsOf(text).includes(target) ? [`P-${i}`] : []));

          const search = searchDocuments(prop.store, { query: target, limit: 100 });

          if (searchStopwords.includes(target)) {
            await expect(search).rejects.toBeInstanceOf(SearchQueryError);
            return;
          }
          const result = await search;
          expect(result.total).toBe(expected.length);
          expect(result.hits.map((hit) => hit.call_id).sort()).toEqual(expected.sort());
        },
      ),
      { numRuns: 40 },
    );
  });
});
