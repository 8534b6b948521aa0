/** Where a piece of fetched data stands; "empty" is decided by whoever knows what the data means. */
export type DataStatus = 'loading' | 'error' | 'ready';
