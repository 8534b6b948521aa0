import { randomBytes } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane): about 20 ms here, slow enough for an
// attacker with a copy of the table, quick enough not to need a queue. The parameters are stored in
// each hash, so raising them later leaves old hashes verifiable.
const options = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** The argon2id hash (PHC string, salt included) of a password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** True when `password` matches `passwordHash`; false, never an exception, for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;

/**
 * Spends the time of one verification for a user who does not exist, so that the answer to a
 * sign-in takes as long whether the name is known or not.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummy, password);
  return false;
}

/** A password to show once: 20 characters of letters and digits without look-alikes (≈ 115 bits). */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  // 256 % 55 != 0: drawing from bytes below 220 (4 × 55) keeps every character equally likely.
  const chars: string[] = [];
  while (chars.length < 20) {
    for (const byte of randomBytes(32)) {
      if (byte < 220 && chars.length < 20) {
        chars.push(alphabet[byte % alphabet.length]);
      }
    }
  }
  return chars.join('');
}
