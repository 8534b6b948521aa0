import type { z } from 'zod';
import { DomainError } from '../domain-error.js';

/** Validates query parameters or a body against a schema; the error names each bad field. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what: 'query' | 'body',
): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; ');
    throw new DomainError(
      `Invalid ${what}: ${problems}`,
      what === 'query' ? 'INVALID_QUERY' : 'INVALID_BODY',
    );
  }
  return result.data;
}
