import type { FilterCodec } from './filter-codec.type.js';

/**
 * The query string after writing one filter's value into the current one: other parameters are kept,
 * a default value leaves no parameter, and an empty result is '' rather than '?'.
 */
export function writeSearch<T>(current: string, codec: FilterCodec<T>, value: T): string {
  const params = new URLSearchParams(current);
  codec.write(params, value);
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}
