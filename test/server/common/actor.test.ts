import { describe, expect, it } from 'vitest';
import { actorOf } from '../../../server/src/common/http/actor.js';
import { canMoveFaqUpdate } from '../../../server/src/contracts/faq-update-status.contract.js';

describe('actorOf', () => {
  it("should name the signed-in user, and 'local' when nobody is", () => {
    expect(actorOf({ user: { username: 'lena' } })).toBe('lena');
    expect(actorOf({})).toBe('local');
    expect(actorOf({ user: null })).toBe('local');
    expect(actorOf({ user: { username: '' } })).toBe('local');
  });
});

describe('FAQ update status moves', () => {
  it('should allow draft → in review → published → retired and in review → draft, nothing else', () => {
    const statuses = ['draft', 'in_review', 'published', 'retired'] as const;
    const allowed = statuses.flatMap((from) =>
      statuses.filter((to) => canMoveFaqUpdate(from, to)).map((to) => `${from}>${to}`),
    );

    expect(allowed).toEqual([
      'draft>in_review',
      'in_review>draft',
      'in_review>published',
      'published>retired',
    ]);
  });
});
