import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../etl/src/index.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';

const samples = new URL('../../../fixtures/samples/canonical/', import.meta.url).pathname;
const offersHeader = 'offer_id,ticket_id,at,level,agent_id,kind,amount,currency,status';

describe('ingestPaths (offers.csv and customers.csv)', () => {
  let sut: TempStore;
  let dir: string;
  beforeEach(async () => {
    sut = await openTempStore();
    dir = mkdtempSync(join(tmpdir(), 'eqa-offers-'));
  });
  afterEach(() => {
    sut.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should load the samples typed: amounts as decimals, currencies upper-cased, since as a date', async () => {
    const summary = await ingestPaths(sut.store, [
      join(samples, 'offers.csv'),
      join(samples, 'customers.csv'),
    ]);

    expect(summary.files.map((f) => [f.format, f.kinds, f.rows_read, f.rows_rejected])).toEqual([
      ['canonical-csv', ['offers'], 11, 0],
      ['canonical-csv', ['customers'], 5, 0],
    ]);
    const offers = await sut.store.all<{ amount: number; status: string; level: number | null }>(
      `SELECT offer_id, status, level, amount::DOUBLE AS amount, currency, strftime("at", '%Y-%m-%d %H:%M') AS at
       FROM offers WHERE offer_id = 'O-2' ORDER BY "at"`,
    );
    expect(offers).toEqual([
      { offer_id: 'O-2', status: 'requested', level: 2, amount: 25, currency: 'GBP', at: '2026-03-05 14:00' },
      { offer_id: 'O-2', status: 'approved', level: 3, amount: 25, currency: 'GBP', at: '2026-03-10 15:30' },
      { offer_id: 'O-2', status: 'offered', level: 3, amount: 25, currency: 'GBP', at: '2026-03-10 15:45' },
      {
        offer_id: 'O-2',
        status: 'accepted',
        level: null,
        amount: 25,
        currency: 'GBP',
        at: '2026-03-10 16:00',
      },
    ]);
    const customers = await sut.store.all(
      `SELECT customer_id, since::VARCHAR AS since, segment, annual_value::DOUBLE AS annual_value
       FROM customers ORDER BY customer_id`,
    );
    expect(customers[2]).toEqual({
      customer_id: 'C-3',
      since: '2012-02-29',
      segment: 'premier',
      annual_value: 5200,
    });
    expect(customers[4]).toMatchObject({ customer_id: 'C-5', annual_value: null });
  });

  it('should reject bad offer rows with line, field, raw value and reason, and load the rest', async () => {
    const file = join(dir, 'offers.csv');
    writeFileSync(
      file,
      [
        offersHeader,
        'X-1,T-1,2026-03-02T09:00:00Z,1,A-1,refund,12.50,eur,requested',
        'X-2,T-1,2026-03-02T09:00:00Z,1,A-1,cashback,12.50,EUR,offered',
        'X-3,T-1,2026-03-02T09:00:00Z,1,A-1,refund,-5,EUR,offered',
        'X-4,T-1,2026-03-02T09:00:00Z,1,A-1,refund,"1,234.50",EUR,offered',
        'X-5,T-1,2026-03-02T09:00:00Z,1,A-1,refund,12.345,EUR,offered',
        'X-6,T-1,2026-03-02T09:00:00Z,1,A-1,refund,12,EURO,offered',
        'X-7,T-1,2026-03-02T09:00:00Z,1,A-1,refund,12,,offered',
        'X-8,T-1,2026-03-02T09:00:00Z,,A-9,refund,12,EUR,approved',
        'X-9,T-1,2026-03-02T09:00:00Z,1,A-1,refund,12,EUR,pending',
        'X-10,,2026-03-02T09:00:00Z,1,A-1,refund,12,EUR,offered',
        'X-11,T-1,2026-03-02T09:00:00Z,1,A-1,replacement,,,offered',
        'X-1,T-1,2026-03-02T09:05:00Z,1,A-1,refund,13.00,EUR,requested',
      ].join('\n'),
    );

    const summary = await ingestPaths(sut.store, [file]);

    expect(summary.files[0]).toMatchObject({ rows_read: 12, rows_loaded: 2, rows_rejected: 10 });
    // A missing value is shown by the row's key, as for the other canonical files.
    expect(
      await sut.store.all('SELECT line::INTEGER AS line, field, value, reason FROM rejects ORDER BY line'),
    ).toEqual([
      {
        line: 2,
        field: 'offer_id, status',
        value: 'X-1',
        reason: 'duplicate offer_id, status: superseded by a later row of the same file',
      },
      {
        line: 3,
        field: 'kind',
        value: 'cashback',
        reason: 'not one of refund, credit, goodwill, fee_waiver, replacement, other',
      },
      { line: 4, field: 'amount', value: '-5', reason: 'below 0' },
      {
        line: 5,
        field: 'amount',
        value: '1,234.50',
        reason: "not an amount (digits with at most two decimals, '.' as the decimal point)",
      },
      {
        line: 6,
        field: 'amount',
        value: '12.345',
        reason: "not an amount (digits with at most two decimals, '.' as the decimal point)",
      },
      { line: 7, field: 'currency', value: 'EURO', reason: 'not a three-letter currency code (ISO 4217)' },
      { line: 8, field: 'currency', value: 'X-7', reason: 'an amount without a currency' },
      { line: 9, field: 'level', value: 'X-8', reason: 'a request or decision without a level' },
      {
        line: 10,
        field: 'status',
        value: 'pending',
        reason: 'not one of requested, approved, refused, offered, accepted, declined',
      },
      { line: 11, field: 'ticket_id', value: 'X-10', reason: 'missing required value' },
    ]);
    expect(
      await sut.store.all(
        'SELECT offer_id, amount::DOUBLE AS amount, currency FROM offers ORDER BY offer_id',
      ),
    ).toEqual([
      { offer_id: 'X-1', amount: 13, currency: 'EUR' },
      { offer_id: 'X-11', amount: null, currency: null },
    ]);
  });

  it("should replace all of an offer's rows when a newer export of it arrives", async () => {
    await ingestPaths(sut.store, [join(samples, 'offers.csv')]);
    const file = join(dir, 'offers.csv');
    writeFileSync(
      file,
      `${offersHeader}\nO-3,T-1002,2026-03-03T10:44:00Z,1,A-2,refund,480.00,GBP,requested\nO-3,T-1002,2026-03-04T09:00:00Z,3,A-9,refund,480.00,GBP,refused\n`,
    );

    await ingestPaths(sut.store, [file]);

    expect(await sut.store.all('SELECT status FROM offers WHERE offer_id = \'O-3\' ORDER BY "at"')).toEqual([
      { status: 'requested' },
      { status: 'refused' },
    ]);
    const [{ n }] = await sut.store.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM offers');
    expect(n).toBe(11);
  });

  it('should leave out contact data a customers file carries, and say which columns', async () => {
    const file = join(dir, 'customers.csv');
    writeFileSync(
      file,
      'customer_id,name,email,since,segment,annual_value\nC-9,Ana Ruiz,ana@example.com,2020-01-31,retail,99.99\nC-10,,,31/01/2020,retail,1\n',
    );

    const summary = await ingestPaths(sut.store, [file]);

    expect(summary.files[0]).toMatchObject({
      rows_read: 2,
      rows_loaded: 1,
      rows_rejected: 1,
      ignored_columns: ['name', 'email'],
    });
    expect(await sut.store.all('SELECT line::INTEGER AS line, field, value, reason FROM rejects')).toEqual([
      { line: 3, field: 'since', value: '31/01/2020', reason: 'not an ISO 8601 date' },
    ]);
    const [stored] = await sut.store.all<Record<string, unknown>>('SELECT * FROM customers');
    expect(Object.keys(stored)).toEqual(['customer_id', 'since', 'segment', 'annual_value', 'source_file']);
  });

  it('should name the file and the missing column when an offers file lacks one', async () => {
    const file = join(dir, 'offers.csv');
    writeFileSync(
      file,
      'offer_id,ticket_id,at,level,agent_id,kind,amount,currency\nX-1,T-1,2026-01-01,1,A-1,refund,1,EUR\n',
    );

    const summary = await ingestPaths(sut.store, [file]);

    expect(summary.files[0].error).toBe(`${file}:1: missing required column(s): status`);
  });
});

describe('offer amounts (property)', () => {
  let sut: TempStore;
  beforeAll(async () => {
    sut = await openTempStore();
  });
  afterAll(() => sut.dispose());

  it('should store any amount with at most two decimals exactly, and reject one with more', async () => {
    let run = 0;
    const amount = fc.tuple(
      fc.nat({ max: 10_000_000 }),
      fc.integer({ min: 0, max: 3 }),
      fc.nat({ max: 999 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(amount, { minLength: 1, maxLength: 20 }), async (amounts) => {
        const prefix = `P${++run}-`;
        const dir = mkdtempSync(join(tmpdir(), 'eqa-amount-'));
        try {
          const written = amounts.map(([whole, places, fraction]) =>
            places === 0
              ? String(whole)
              : `${whole}.${String(fraction % 10 ** places).padStart(places, '0')}`,
          );
          const lines = written.map(
            (a, i) => `${prefix}${i},T-1,2026-01-01T10:00:00Z,1,A-1,refund,${a},EUR,offered`,
          );
          writeFileSync(join(dir, 'offers.csv'), `${offersHeader}\n${lines.join('\n')}\n`);

          const summary = await ingestPaths(sut.store, [join(dir, 'offers.csv')]);

          const tooPrecise = written.filter((a) => /\.\d{3}$/.test(a)).length;
          expect(summary.files[0]).toMatchObject({ rows_read: written.length, rows_rejected: tooPrecise });
          const stored = await sut.store.all<{ offer_id: string; amount: string }>(
            'SELECT offer_id, amount::VARCHAR AS amount FROM offers WHERE starts_with(offer_id, $prefix)',
            { prefix },
          );
          const byId = new Map(stored.map((r) => [r.offer_id, r.amount]));
          written.forEach((a, i) => {
            const cents = /\.\d{3}$/.test(a) ? undefined : Number(a).toFixed(2);
            expect(byId.get(`${prefix}${i}`)).toBe(cents);
          });
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 30 },
    );
  });
});
