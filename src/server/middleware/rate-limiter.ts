/** Counts failures per key in a fixed window; a key with `limit` failures is blocked until its window ends. */
export interface RateLimiter {
  /** True while the key has used up its failures for this window. */
  blocked(key: string): boolean;
  /** Records a failed attempt. */
  fail(key: string): void;
  /** Seconds until the key's window ends (for Retry-After). */
  retryAfter(key: string): number;
}

export interface RateLimitOptions {
  /** Failed attempts allowed per window; default 10. */
  readonly limit?: number;
  /** Window length; default 15 minutes. */
  readonly windowMs?: number;
  readonly now?: () => number;
}

/**
 * An in-memory limiter for login and token attempts (one process; the scale-out issue moves it to Redis). Failures
 * only are counted, so a user who logs in correctly is never slowed down; entries expire with their window.
 */
export function createRateLimiter({ limit = 10, windowMs = 15 * 60_000, now = Date.now }: RateLimitOptions = {}): RateLimiter {
  const windows = new Map<string, { start: number; failures: number }>();
  const current = (key: string) => {
    const w = windows.get(key);
    if (w && now() - w.start < windowMs) return w;
    if (w) windows.delete(key);
    return undefined;
  };
  return {
    blocked: (key) => (current(key)?.failures ?? 0) >= limit,
    fail(key) {
      const w = current(key);
      if (w) w.failures++;
      else {
        if (windows.size > 100_000) windows.clear(); // bounded memory under a flood of distinct keys
        windows.set(key, { start: now(), failures: 1 });
      }
    },
    retryAfter: (key) => {
      const w = current(key);
      return w ? Math.max(1, Math.ceil((w.start + windowMs - now()) / 1000)) : 0;
    },
  };
}
