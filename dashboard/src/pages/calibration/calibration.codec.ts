import type { FilterCodec } from '../../lib/filters/filter-codec.type.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `?id=<uuid>`: the calibration session open; none (or no UUID) lists the sessions. */
export const calibrationIdCodec: FilterCodec<string | null> = {
  parse(params) {
    const id = params.get('id')?.trim() ?? '';
    return UUID.test(id) ? id.toLowerCase() : null;
  },
  write(params, value) {
    if (value === null) {
      params.delete('id');
    } else {
      params.set('id', value);
    }
  },
};
