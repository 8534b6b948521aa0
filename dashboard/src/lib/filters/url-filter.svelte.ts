import type { FilterCodec, UrlAccess } from './filter-codec.type.js';
import { writeSearch } from './write-search.util.js';

/** The browser's own URL; replaceState keeps filter tweaks out of the back button's history. */
export const browserUrl: UrlAccess = {
  read: () => window.location.search,
  write: (search) => {
    const { pathname, hash } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}${hash}`);
  },
};

/**
 * One filter whose value lives in the URL: read once at creation, written only by set() (a user's
 * action), so merely opening a page never adds parameters and defaults never appear.
 */
export class UrlFilter<T> {
  value: T = $state.raw() as T;
  readonly #codec: FilterCodec<T>;
  readonly #url: UrlAccess;

  constructor(codec: FilterCodec<T>, url: UrlAccess = browserUrl) {
    this.#codec = codec;
    this.#url = url;
    this.value = codec.parse(new URLSearchParams(url.read()));
  }

  /** Applies a value the user chose and mirrors it into the URL. */
  set(value: T): void {
    this.value = value;
    this.#url.write(writeSearch(this.#url.read(), this.#codec, value));
  }
}
