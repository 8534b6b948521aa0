import type { FilterCodec } from '../../lib/filters/filter-codec.type.js';
import { uuidCodec } from '../../lib/filters/uuid.codec.js';

/** `?id=<uuid>`: the calibration session open; none (or no UUID) lists the sessions. */
export const calibrationIdCodec: FilterCodec<string | null> = uuidCodec('id');
