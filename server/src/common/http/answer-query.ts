import { QueryError } from '../../../../etl/src/index.js';
import { DomainError } from '../domain-error.js';

/** Runs a store query; one the store cannot answer as asked (a QueryError) becomes a 400 naming the field. */
export async function answerQuery<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof QueryError) {
      throw new DomainError(`Invalid query: ${error.message}`, 'INVALID_QUERY');
    }
    throw error;
  }
}
