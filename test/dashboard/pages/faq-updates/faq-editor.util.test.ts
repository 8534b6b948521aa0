import { describe, expect, it } from 'vitest';
import { writeSearch } from '../../../../dashboard/src/lib/filters/write-search.util.js';
import {
  actionLabel,
  canWriteFaq,
  changesOf,
  formOf,
  movesFrom,
  parseTicketIds,
} from '../../../../dashboard/src/pages/faq-updates/faq-editor.util.js';
import {
  ALL_FAQ_UPDATES,
  faqIdCodec,
  faqListFilterCodec,
} from '../../../../dashboard/src/pages/faq-updates/faq-filters.codec.js';
import type { FaqUpdateDto } from '../../../../server/src/contracts/faq-updates.contract.js';

const update: FaqUpdateDto = {
  id: '0b6f1c9e-2f4c-4d7e-9a51-3c2b1a0f9e8d',
  practice: 'policy:late_fee_policy',
  title: 'Late fees',
  guidanceMarkdown: 'Waive it.',
  evidenceTicketIds: ['T1', 'T2'],
  owner: 'lena',
  status: 'draft',
  publishedAt: null,
  createdAt: '2026-11-24T10:00:00.000Z',
  updatedAt: '2026-11-24T10:00:00.000Z',
  version: 1,
};

describe('FAQ editor', () => {
  it('should offer exactly the moves the server allows, with their labels', () => {
    expect(movesFrom('draft')).toEqual([{ to: 'in_review', label: 'Submit for review' }]);
    expect(movesFrom('in_review')).toEqual([
      { to: 'draft', label: 'Return to draft' },
      { to: 'published', label: 'Publish' },
    ]);
    expect(movesFrom('published')).toEqual([{ to: 'retired', label: 'Retire' }]);
    expect(movesFrom('retired')).toEqual([]);
  });

  it('should read ticket ids one per line or separated by commas, without blanks or repeats', () => {
    expect(parseTicketIds(' T1\nT2, T3;T1\n\n')).toEqual(['T1', 'T2', 'T3']);
    expect(parseTicketIds('')).toEqual([]);
  });

  it('should send only the fields that changed', () => {
    const form = formOf(update);
    expect(changesOf(update, form)).toEqual({});
    expect(
      changesOf(update, {
        ...form,
        title: ' Late fees, again ',
        evidence: 'T2\nT1',
        publishedAt: '2026-08-05',
      }),
    ).toEqual({ title: 'Late fees, again', evidenceTicketIds: ['T2', 'T1'], publishedAt: '2026-08-05' });
    expect(changesOf({ ...update, publishedAt: '2026-08-05' }, { ...form, publishedAt: '' })).toEqual({
      publishedAt: null,
    });
  });

  it('should let leads and admins write, and let an unknown user try (the server decides)', () => {
    expect(canWriteFaq(['qa', 'lead'])).toBe(true);
    expect(canWriteFaq(['admin'])).toBe(true);
    expect(canWriteFaq(['qa', 'trainer'])).toBe(false);
    expect(canWriteFaq(null)).toBe(true);
  });

  it('should name audit actions as the history reads', () => {
    expect(actionLabel('faq-update.publish')).toBe('published it');
    expect(actionLabel('something.else')).toBe('something.else');
  });
});

describe('FAQ filters', () => {
  it('should read a known status and practice, and a UUID id', () => {
    expect(faqListFilterCodec.parse(new URLSearchParams('status=In_Review&practice=policy:x'))).toEqual({
      status: 'in_review',
      practice: 'policy:x',
    });
    expect(faqListFilterCodec.parse(new URLSearchParams('status=live&practice=x'))).toEqual(ALL_FAQ_UPDATES);
    expect(faqIdCodec.parse(new URLSearchParams(`id=${update.id.toUpperCase()}`))).toBe(update.id);
    expect(faqIdCodec.parse(new URLSearchParams('id=42'))).toBeNull();
  });

  it('should write only what is set', () => {
    expect(writeSearch('', faqListFilterCodec, { status: 'published', practice: null })).toBe(
      '?status=published',
    );
    expect(writeSearch('?status=draft', faqListFilterCodec, ALL_FAQ_UPDATES)).toBe('');
    expect(writeSearch('', faqIdCodec, update.id)).toBe(`?id=${update.id}`);
  });
});
