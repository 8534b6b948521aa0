/** Failed sign-ins allowed per user name and address within the window. */
export const maxFailedSignIns = 5;
export const failedSignInWindowMs = 60_000;
/** Entries kept at most; beyond it the oldest are dropped, so a flood of names cannot exhaust memory. */
const maxEntries = 10_000;

/**
 * Counts failed sign-ins per user name and client address in memory (one server process holds the
 * store, so one counter suffices). After `maxFailedSignIns` failures within a minute, that pair is
 * refused until the oldest failure is a minute old, even with the right password.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until the pair may try again; 0 when it may try now. */
  retryAfterMs(username: string, address: string): number {
    const recent = this.recent(keyOf(username, address));
    return recent.length >= maxFailedSignIns ? recent[0] + failedSignInWindowMs - this.now() : 0;
  }

  recordFailure(username: string, address: string): void {
    const key = keyOf(username, address);
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.delete(key); // re-inserted last: Map order is then oldest activity first
    this.failures.set(key, recent);
    for (const oldest of this.failures.keys()) {
      if (this.failures.size <= maxEntries) {
        break;
      }
      this.failures.delete(oldest);
    }
  }

  /** A successful sign-in forgets the pair's failures. */
  recordSuccess(username: string, address: string): void {
    this.failures.delete(keyOf(username, address));
  }

  private recent(key: string): number[] {
    const since = this.now() - failedSignInWindowMs;
    return (this.failures.get(key) ?? []).filter((at) => at > since);
  }
}

function keyOf(username: string, address: string): string {
  return `${username.toLowerCase()}\u0000${address}`;
}
