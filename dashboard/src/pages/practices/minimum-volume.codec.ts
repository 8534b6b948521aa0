import type { FilterCodec } from '../../lib/filters/filter-codec.type.js';

/**
 * `?minimumVolume=30`: the decided escalations a practice needs to be judged; null (no parameter)
 * takes the rubric's. Anything but a whole number from 1 to 100,000 is ignored.
 */
export const minimumVolumeCodec: FilterCodec<number | null> = {
  parse(params) {
    const text = params.get('minimumVolume')?.trim() ?? '';
    if (!/^\d{1,6}$/.test(text)) {
      return null;
    }
    const value = Number(text);
    return value >= 1 && value <= 100_000 ? value : null;
  },
  write(params, value) {
    if (value === null) {
      params.delete('minimumVolume');
    } else {
      params.set('minimumVolume', String(value));
    }
  },
};
