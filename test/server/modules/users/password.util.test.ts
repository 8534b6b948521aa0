import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  oneTimePassword,
  verifyAgainstNothing,
  verifyPassword,
} from '../../../../server/src/modules/users/password.util.js';

describe(hashPassword.name, () => {
  it('should hash with argon2id, salted, and verify only the same password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');

    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(a, 'correct horse batterY')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
    expect(await verifyAgainstNothing('anything')).toBe(false);
  });
});

describe(oneTimePassword.name, () => {
  it('should give 20 characters without look-alikes, different every time', () => {
    const passwords = Array.from({ length: 200 }, oneTimePassword);

    for (const p of passwords) {
      expect(p).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{20}$/);
    }
    expect(new Set(passwords).size).toBe(200);
  });
});
