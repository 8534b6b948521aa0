import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedactionCounts, redactStaged } from '../../../../etl/src/ingest/redact/redact-staged.js';
import type { StoreSession } from '../../../../etl/src/store/duckdb-store.js';
import { openTempStore, type TempStore } from '../../../setup/duckdb-file.js';

interface Case {
  name: string;
  text: string;
  expected: string;
  counts?: Partial<RedactionCounts>;
}

// Written the way agents write handover notes and the way transcripts come out of call recorders.
// Example numbers are the reserved ones (Ofcom 07700 900xxx / 020 7946 0xxx / 0161 496 0xxx, NANP
// 555, card networks' test numbers) wherever a real-looking value is needed.
const cases: Case[] = [
  {
    name: 'handover with a mobile, an address and the last four digits of a card',
    text: 'cust rang from 07700 900123, email jo.bloggs@example.co.uk, card ending 4242, wants refund',
    expected: 'cust rang from [phone], email [email], card ending 4242, wants refund',
    counts: { phone: 1, email: 1 },
  },
  {
    name: 'card read out in a transcript, in fours',
    text: 'Customer: my card number is 4539 1488 0343 6467',
    expected: 'Customer: my card number is [card]',
    counts: { card: 1 },
  },
  {
    name: 'card with dashes over several speaker turns',
    text: 'Agent: Can I take the long number on the card?\nCustomer: yeah 4539-1488-0343-6467, expiry 12/27\nAgent: thanks',
    expected:
      'Agent: Can I take the long number on the card?\nCustomer: yeah [card], expiry 12/27\nAgent: thanks',
    counts: { card: 1 },
  },
  {
    name: 'card written in one block',
    text: 'Customer: it is 4539148803436467 and the security code is on the back',
    expected: 'Customer: it is [card] and the security code is on the back',
    counts: { card: 1 },
  },
  {
    name: 'card followed straight by its CVV',
    text: 'card 4539 1488 0343 6467 122 read out by cust, told her never to give the CVV',
    expected: 'card [card] 122 read out by cust, told her never to give the CVV',
    counts: { card: 1 },
  },
  {
    name: 'card followed by its expiry with no punctuation (speech to text)',
    text: 'Customer: 4111 1111 1111 1111 1227 that is the long number and the expiry',
    expected: 'Customer: [card] 1227 that is the long number and the expiry',
    counts: { card: 1 },
  },
  {
    name: 'Amex 4-6-5 and a 13-digit Visa',
    text: 'AMEX 3782 822463 10005 declined twice, old visa 4222222222222 still on file',
    expected: 'AMEX [card] declined twice, old visa [card] still on file',
    counts: { card: 2 },
  },
  {
    name: 'a 16-digit reference that fails the Luhn check',
    text: 'ref 1234 5678 9012 3456 on the account, and 4539148803436468 on the old one',
    expected: 'ref 1234 5678 9012 3456 on the account, and 4539148803436468 on the old one',
  },
  {
    name: 'an invoice number that is not written like a card',
    text: 'late fee on invoice 20260304-245767 waived',
    expected: 'late fee on invoice 20260304-245767 waived',
  },
  {
    name: 'an order number after #, an amount, a date and a time',
    text: 'order #123456789 refunded £1,250.00 on 2026-03-04 at 14:05',
    expected: 'order #123456789 refunded £1,250.00 on 2026-03-04 at 14:05',
  },
  {
    name: 'a ticket id and a duration in weeks',
    text: 'ticket T-100234 escalated to L2 after 8 weeks with no final response',
    expected: 'ticket T-100234 escalated to L2 after 8 weeks with no final response',
  },
  {
    name: 'a postcode and a delivery slot',
    text: 'Postcode SW1A 1AA, flat 12, delivery slot 10:00-12:00',
    expected: 'Postcode SW1A 1AA, flat 12, delivery slot 10:00-12:00',
  },
  {
    name: 'times and dates in several notations',
    text: 'Called back at 09:30, 10.45 and 3pm on 04/03/2026 and 01.03.2026 10.30; review 2026-03-18',
    expected: 'Called back at 09:30, 10.45 and 3pm on 04/03/2026 and 01.03.2026 10.30; review 2026-03-18',
  },
  {
    name: 'amounts with thousands separators',
    text: 'refund of $2,310.75 and £12,345,678.90 approved, 1 250 000 EUR claim rejected',
    expected: 'refund of $2,310.75 and £12,345,678.90 approved, 1 250 000 EUR claim rejected',
  },
  {
    name: 'call durations and time ranges',
    text: 'call 00:12:34, hold 3m20s, 14:05-14:31, then 2026-03-04 09:12-09:31',
    expected: 'call 00:12:34, hold 3m20s, 14:05-14:31, then 2026-03-04 09:12-09:31',
  },
  {
    name: 'years, deadlines and counts',
    text: 'complaints in 2019, 2020 and 2024; cust waited 8 weeks; FCA says 15 business days, 3 calls',
    expected: 'complaints in 2019, 2020 and 2024; cust waited 8 weeks; FCA says 15 business days, 3 calls',
  },
  {
    name: 'an IP address and a version',
    text: 'router at 192.168.100.200 on firmware v1.2.3 keeps dropping',
    expected: 'router at 192.168.100.200 on firmware v1.2.3 keeps dropping',
  },
  {
    name: 'a sort code and an account number',
    text: 'sort code 12-34-56 acc 12345678 confirmed for the refund',
    expected: 'sort code 12-34-56 acc 12345678 confirmed for the refund',
  },
  {
    name: 'US numbers in three notations',
    text: 'US cust, call (555) 123-4567 or 555.123.4567 or 555-123-4568 after 5pm EST',
    expected: 'US cust, call [phone] or [phone] or [phone] after 5pm EST',
    counts: { phone: 3 },
  },
  {
    name: 'US numbers with the country code',
    text: 'alt numbers +1 555 123 4567 and 1-555-123-4569',
    expected: 'alt numbers [phone] and [phone]',
    counts: { phone: 2 },
  },
  {
    name: 'UK landlines',
    text: 'landline 0161 496 0000, work 020 7946 0958, home (01632) 960123',
    expected: 'landline [phone], work [phone], home [phone]',
    counts: { phone: 3 },
  },
  {
    name: 'UK mobiles in the usual groupings',
    text: 'mob 07700900123 / 07700 900 124 / 07700-900-125 / 0770 090 0126',
    expected: 'mob [phone] / [phone] / [phone] / [phone]',
    counts: { phone: 4 },
  },
  {
    name: 'international numbers',
    text: 'Cust abroad: +44 7700 900123, +353 87 123 4567, +33 1 23 45 67 89, +44 (0)20 7946 0958',
    expected: 'Cust abroad: [phone], [phone], [phone], [phone]',
    counts: { phone: 4 },
  },
  {
    name: 'international numbers with 00 and without spaces',
    text: 'try 0044 7700 900123 or tel:+447700900124 (zero-padded ref 00123456789 is not one)',
    expected: 'try [phone] or tel:[phone] (zero-padded ref 00123456789 is not one)',
    counts: { phone: 2 },
  },
  {
    name: 'numbers labelled as orders, cases and tickets',
    text: 'Order no. 0161 496 0000 per the label; case 07700900123 merged into ticket #07700900124',
    expected: 'Order no. 0161 496 0000 per the label; case 07700900123 merged into ticket #07700900124',
  },
  {
    name: 'labelled numbers with colons and ticket ids with prefixes',
    text: 'Ref: 020 7946 0958, INC-0012345678 reopened, claim number 07700 900123',
    expected: 'Ref: 020 7946 0958, INC-0012345678 reopened, claim number 07700 900123',
  },
  {
    name: 'a label word followed by words before the number',
    text: 'Case: customer on 07700 900123 wants a manager',
    expected: 'Case: customer on [phone] wants a manager',
    counts: { phone: 1 },
  },
  {
    name: 'bare digit runs that are not written like phone numbers',
    text: 'Call ID 5551234567 logged, freephone 0800 123 4567 given',
    expected: 'Call ID 5551234567 logged, freephone 0800 123 4567 given',
  },
  {
    name: 'phone numbers at sentence ends, in brackets and side by side',
    text: 'Please call 07700 900123. (07700 900124) or 07700 900125/07700 900126',
    expected: 'Please call [phone]. ([phone]) or [phone]/[phone]',
    counts: { phone: 4 },
  },
  {
    name: 'a transcript with a mobile and a landline in different turns',
    text: 'Customer: my mobile is 07700 900123\nAgent: and a landline?\r\nCustomer: 0161 496 0000',
    expected: 'Customer: my mobile is [phone]\nAgent: and a landline?\r\nCustomer: [phone]',
    counts: { phone: 2 },
  },
  {
    name: 'a US Social Security number',
    text: 'SSN 123-45-6789 verified, also read as 123 45 6789',
    expected: 'SSN [national_id] verified, also read as [national_id]',
    counts: { national_id: 2 },
  },
  {
    name: 'SSNs that are never issued',
    text: 'test SSNs 000-12-3456, 666-12-3456, 900-12-3456, 123-00-4567 and 123-45-0000 are invalid',
    expected: 'test SSNs 000-12-3456, 666-12-3456, 900-12-3456, 123-00-4567 and 123-45-0000 are invalid',
  },
  {
    name: 'UK National Insurance numbers',
    text: 'NI number AB123456C, also given as AB 12 34 56 C and ni ab123456c',
    expected: 'NI number [national_id], also given as [national_id] and ni [national_id]',
    counts: { national_id: 3 },
  },
  {
    name: 'NI-like values with prefixes HMRC never uses',
    text: 'HMRC example QQ 12 34 56 C and GB123456A, BG123456B, ZZ123456D are not real',
    expected: 'HMRC example QQ 12 34 56 C and GB123456A, BG123456B, ZZ123456D are not real',
  },
  {
    name: 'lower-case words and numbers spaced like an NI number',
    text: 'as 12 34 56 a rough guide',
    expected: 'as 12 34 56 a rough guide',
  },
  {
    name: 'a longer dashed identifier that starts like an SSN',
    text: 'part 123-45-6789-01 on back order, ISBN 978-3-16-148410-0',
    expected: 'part 123-45-6789-01 on back order, ISBN 978-3-16-148410-0',
  },
  {
    name: 'addresses in mixed case, with tags, and a full stop after',
    text: 'cc JO.BLOGGS+complaints@Example.COM and support@help.example.org.',
    expected: 'cc [email] and [email].',
    counts: { email: 2 },
  },
  {
    name: 'an address with digits in it',
    text: 'reply to jo.bloggs1987@example.com within 5 days',
    expected: 'reply to [email] within 5 days',
    counts: { email: 1 },
  },
  {
    name: 'a social media handle',
    text: 'cust tweeted @jo_bloggs about it at 9am',
    expected: 'cust tweeted @jo_bloggs about it at 9am',
  },
  {
    name: 'every kind in one note',
    text: 'Cust (Jo, 07700 900 123, jo@example.com, NI AB123456C) disputes £49.99 on card 4111 1111 1111 1111 from 01/03/2026',
    expected: 'Cust (Jo, [phone], [email], NI [national_id]) disputes £49.99 on card [card] from 01/03/2026',
    counts: { phone: 1, email: 1, national_id: 1, card: 1 },
  },
  {
    name: 'a note already redacted by the source system',
    text: 'prev agent wrote [phone] and [email]; new number 07700 900456',
    expected: 'prev agent wrote [phone] and [email]; new number [phone]',
    counts: { phone: 1 },
  },
  {
    name: 'the same card twice and a Mastercard test number',
    text: 'charged 5555 5555 5555 4444 twice; earlier 5555 5555 5555 4444 too',
    expected: 'charged [card] twice; earlier [card] too',
    counts: { card: 2 },
  },
  {
    name: 'a card number next to a phone number',
    text: 'Customer: 07700 900123 4539 1488 0343 6467 sorry that is my phone then my card',
    expected: 'Customer: [phone] [card] sorry that is my phone then my card',
    counts: { phone: 1, card: 1 },
  },
  {
    name: 'a note with no digits at all',
    text: 'Customer very upset, asked for manager; passed to supervisor with full notes.',
    expected: 'Customer very upset, asked for manager; passed to supervisor with full notes.',
  },
];

const noCounts: RedactionCounts = { email: 0, phone: 0, card: 0, national_id: 0 };

/** A temp table `name` with (ordinal, note, transcript, level) and the given rows. */
async function stage(
  session: StoreSession,
  name: string,
  rows: readonly (readonly [string | null, string | null])[],
): Promise<void> {
  await session.run(
    `CREATE OR REPLACE TEMP TABLE ${name} (ordinal INTEGER, note VARCHAR, transcript VARCHAR, level VARCHAR)`,
  );
  for (const [i, [note, transcript]] of rows.entries()) {
    await session.run(`INSERT INTO ${name} VALUES ($i, $note, $transcript, '2')`, { i, note, transcript });
  }
}

async function read(session: StoreSession, name: string) {
  return session.all<{ ordinal: number; note: string | null; transcript: string | null; level: string }>(
    `SELECT ordinal, note, transcript, level FROM ${name} ORDER BY ordinal`,
  );
}

describe(redactStaged.name, () => {
  let sut: TempStore;
  beforeAll(async () => {
    sut = await openTempStore();
  });
  afterAll(() => sut.dispose());

  it('should cover at least 40 realistic snippets', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('should redact exactly what it must in: $name', async ({ text, expected, counts }) => {
    await sut.store.withSession(async (session) => {
      await stage(session, 'eqa_stage_events', [[text, null]]);

      const result = await redactStaged(session, 'eqa_stage_events', ['note']);

      const [row] = await read(session, 'eqa_stage_events');
      expect(row.note).toBe(expected);
      expect(result).toEqual({ ...noCounts, ...counts });
    });
  });

  it('should redact all snippets in one call with the summed counts', async () => {
    await sut.store.withSession(async (session) => {
      await stage(
        session,
        'eqa_stage_all',
        cases.map((c) => [c.text, null]),
      );

      const result = await redactStaged(session, 'eqa_stage_all', ['note']);

      const rows = await read(session, 'eqa_stage_all');
      expect(rows.map((r) => r.note)).toEqual(cases.map((c) => c.expected));
      const summed = { ...noCounts };
      for (const c of cases) {
        for (const [kind, n] of Object.entries(c.counts ?? {}) as [keyof RedactionCounts, number][]) {
          summed[kind] += n;
        }
      }
      expect(result).toEqual(summed);
    });
  });

  it('should redact several columns, sum their counts, and leave NULLs and other columns alone', async () => {
    await sut.store.withSession(async (session) => {
      await stage(session, 'eqa_stage_calls', [
        [
          'rang from 07700 900123',
          'Customer: email jo@example.com\nAgent: and the card?\nCustomer: 4111 1111 1111 1111',
        ],
        [null, 'Customer: my SSN is 123-45-6789'],
        ['no personal data, 8 weeks', null],
        [null, null],
      ]);

      const result = await redactStaged(session, 'eqa_stage_calls', ['note', 'transcript']);

      expect(await read(session, 'eqa_stage_calls')).toEqual([
        {
          ordinal: 0,
          note: 'rang from [phone]',
          transcript: 'Customer: email [email]\nAgent: and the card?\nCustomer: [card]',
          level: '2',
        },
        { ordinal: 1, note: null, transcript: 'Customer: my SSN is [national_id]', level: '2' },
        { ordinal: 2, note: 'no personal data, 8 weeks', transcript: null, level: '2' },
        { ordinal: 3, note: null, transcript: null, level: '2' },
      ]);
      expect(result).toEqual({ email: 1, phone: 1, card: 1, national_id: 1 });
    });
  });

  it('should do nothing and count nothing when given no columns', async () => {
    await sut.store.withSession(async (session) => {
      await stage(session, 'eqa_stage_none', [['rang from 07700 900123', null]]);

      const result = await redactStaged(session, 'eqa_stage_none', []);

      expect((await read(session, 'eqa_stage_none'))[0].note).toBe('rang from 07700 900123');
      expect(result).toEqual(noCounts);
    });
  });

  it('should count zero on an empty table', async () => {
    await sut.store.withSession(async (session) => {
      await stage(session, 'eqa_stage_empty', []);

      expect(await redactStaged(session, 'eqa_stage_empty', ['note', 'transcript'])).toEqual(noCounts);
    });
  });

  it('should name the column when it is missing or not VARCHAR', async () => {
    await sut.store.withSession(async (session) => {
      await stage(session, 'eqa_stage_bad', []);

      await expect(redactStaged(session, 'eqa_stage_bad', ['notes'])).rejects.toThrow(
        'Cannot redact eqa_stage_bad.notes: no such column',
      );
      await expect(redactStaged(session, 'eqa_stage_bad', ['ordinal'])).rejects.toThrow(
        'Cannot redact eqa_stage_bad.ordinal: it is INTEGER, not VARCHAR',
      );
    });
  });

  it('should work inside the caller transaction and leave no working table behind', async () => {
    await sut.store.withTransaction(async (session) => {
      await stage(session, 'eqa_stage_tx', [['call 020 7946 0958', null]]);

      expect(await redactStaged(session, 'eqa_stage_tx', ['note'])).toEqual({ ...noCounts, phone: 1 });

      const [{ n }] = await session.all<{ n: number }>(
        "SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'eqa_redaction'",
      );
      expect(n).toBe(0);
    });
  });
});

/** Characters of notes that hold no personal data by construction: no digit and no '@'. */
const nonDigitText = fc.string({
  unit: fc.constantFrom(
    ...'abcXYZ ,.;:-+()#[]/\'"\n\r\t_£$€é—🙂',
    'order ',
    'ticket ',
    'Customer: ',
    'AB ',
    'C',
    'dot com',
  ),
  maxLength: 80,
});

/** A digit string of the given length whose last digit makes it pass the Luhn check. */
function withLuhnCheckDigit(body: readonly number[]): string {
  let sum = 0;
  // The check digit will sit in place 1 from the right, so the body's last digit is in place 2 (doubled).
  for (const [i, digit] of [...body].reverse().entries()) {
    const doubled = i % 2 === 0 ? digit * 2 : digit;
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return `${body.join('')}${(10 - (sum % 10)) % 10}`;
}

/** Writes card digits the ways people do: together, in fours (any remainder last), or Amex-style 4-6-5. */
function layOut(digits: string, layout: 'together' | 'fours' | 'amex', separator: string): string {
  if (layout === 'together') {
    return digits;
  }
  if (layout === 'amex' && (digits.length === 14 || digits.length === 15)) {
    return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].join(separator);
  }
  return (digits.match(/.{1,4}/g) ?? []).join(separator);
}

const word = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'),
  minLength: 1,
  maxLength: 10,
});

describe(`${redactStaged.name} (properties)`, () => {
  let sut: TempStore;
  beforeAll(async () => {
    sut = await openTempStore();
  });
  afterAll(() => sut.dispose());

  it('should never change text without digits or @', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(nonDigitText, { minLength: 1, maxLength: 30 }), async (texts) => {
        await sut.store.withSession(async (session) => {
          await stage(
            session,
            'eqa_stage_prop',
            texts.map((t) => [t, t]),
          );

          const result = await redactStaged(session, 'eqa_stage_prop', ['note', 'transcript']);

          const rows = await read(session, 'eqa_stage_prop');
          expect(rows.map((r) => r.note)).toEqual(texts);
          expect(rows.map((r) => r.transcript)).toEqual(texts);
          expect(result).toEqual(noCounts);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('should always replace a Luhn-valid card number embedded in words', async () => {
    const card = fc
      .tuple(
        fc
          .integer({ min: 12, max: 18 })
          .chain((n) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n })),
        fc.constantFrom('together' as const, 'fours' as const, 'amex' as const),
        fc.constantFrom(' ', '-'),
      )
      .map(([body, layout, separator]) => layOut(withLuhnCheckDigit(body), layout, separator));
    const snippet = fc.tuple(fc.array(word, { maxLength: 6 }), card, fc.array(word, { maxLength: 6 }));
    await fc.assert(
      fc.asyncProperty(fc.array(snippet, { minLength: 1, maxLength: 20 }), async (snippets) => {
        await sut.store.withSession(async (session) => {
          await stage(
            session,
            'eqa_stage_cards',
            snippets.map(([before, number, after]) => [[...before, number, ...after].join(' '), null]),
          );

          const result = await redactStaged(session, 'eqa_stage_cards', ['note']);

          const rows = await read(session, 'eqa_stage_cards');
          expect(rows.map((r) => r.note)).toEqual(
            snippets.map(([before, , after]) => [...before, '[card]', ...after].join(' ')),
          );
          expect(result).toEqual({ ...noCounts, card: snippets.length });
        });
      }),
      { numRuns: 40 },
    );
  });
});
