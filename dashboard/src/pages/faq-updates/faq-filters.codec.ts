import type { FaqUpdateStatus } from '../../../../server/src/contracts/faq-update-status.contract.js';
import type { FilterCodec } from '../../lib/filters/filter-codec.type.js';
import { uuidCodec } from '../../lib/filters/uuid.codec.js';

const STATUSES: readonly string[] = ['draft', 'in_review', 'published', 'retired'];
const KEY = /^(policy|category):.+$/;

/** What the FAQ updates list shows: `?status=published`, `?practice=policy:x`; null is all. */
export interface FaqListFilter {
  readonly status: FaqUpdateStatus | null;
  readonly practice: string | null;
}

export const ALL_FAQ_UPDATES: FaqListFilter = { status: null, practice: null };

export const faqListFilterCodec: FilterCodec<FaqListFilter> = {
  parse(params) {
    const status = params.get('status')?.trim().toLowerCase() ?? '';
    const practice = params.get('practice')?.trim() ?? '';
    return {
      status: STATUSES.includes(status) ? (status as FaqUpdateStatus) : null,
      practice: KEY.test(practice) ? practice : null,
    };
  },
  write(params, value) {
    for (const key of ['status', 'practice'] as const) {
      const v = value[key];
      if (v === null) {
        params.delete(key);
      } else {
        params.set(key, v);
      }
    }
  },
};

/** `?id=<uuid>`: the FAQ update open in the editor; none (or no UUID) shows the list. */
export const faqIdCodec: FilterCodec<string | null> = uuidCodec('id');
