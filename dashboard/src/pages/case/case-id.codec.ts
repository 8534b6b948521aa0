import type { FilterCodec } from '../../lib/filters/filter-codec.type.js';

/** `?id=T0000020`: the ticket the Case page shows; none (or blank) shows the form to pick one. */
export const caseIdCodec: FilterCodec<string | null> = {
  parse(params) {
    return params.get('id')?.trim() || null;
  },
  write(params, value) {
    const id = value?.trim() ?? '';
    if (id === '') {
      params.delete('id');
    } else {
      params.set('id', id);
    }
  },
};
