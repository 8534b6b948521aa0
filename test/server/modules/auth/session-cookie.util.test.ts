import { describe, expect, it } from 'vitest';
import { sessionCookie, sessionTokenFrom } from '../../../../server/src/modules/auth/session-cookie.util.js';

describe(sessionCookie.name, () => {
  it('should set an httpOnly, SameSite=Lax cookie for the whole site, Secure over https only', () => {
    expect(sessionCookie('abc', false)).toBe('eqa_session=abc; Path=/; HttpOnly; SameSite=Lax');
    expect(sessionCookie('abc', true)).toBe('eqa_session=abc; Path=/; HttpOnly; SameSite=Lax; Secure');
  });

  it('should clear the cookie at once', () => {
    expect(sessionCookie(null, true)).toBe('eqa_session=; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0');
  });
});

describe(sessionTokenFrom.name, () => {
  const token = 'A'.repeat(43);

  it('should find the token among other cookies', () => {
    expect(sessionTokenFrom(`theme=dark; eqa_session=${token}; other=1`)).toBe(token);
    expect(sessionTokenFrom(undefined)).toBeNull();
    expect(sessionTokenFrom('eqa_session_old=x')).toBeNull();
  });

  it('should take nothing that is not a token', () => {
    expect(sessionTokenFrom(`eqa_session=${'x'.repeat(10)}`)).toBeNull();
    expect(sessionTokenFrom("eqa_session=' OR 1=1 --")).toBeNull();
  });
});
