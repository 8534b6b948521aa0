import type { FilterCodec } from './filter-codec.type.js';
import { setOrDelete } from './set-or-delete.util.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `?<key>=<uuid>`, lower-cased; none (or no UUID) is null. */
export function uuidCodec(key: string): FilterCodec<string | null> {
  return {
    parse(params) {
      const id = params.get(key)?.trim() ?? '';
      return UUID.test(id) ? id.toLowerCase() : null;
    },
    write(params, value) {
      setOrDelete(params, key, value);
    },
  };
}
