/**
 * How long a record waits after a transient failure: exponential in its attempts, capped, with
 * jitter (half fixed, half random) so a hundred stations that lost the line together do not all
 * come back in the same second; never sooner than the upstream's Retry-After.
 */
export interface Backoff {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 30_000, maxMs: 60 * 60_000 };

export function retryDelayMs(
  attempts: number,
  retryAfterMs: number | undefined,
  b: Backoff = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exp = Math.min(b.maxMs, b.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exp / 2 + random() * (exp / 2);
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}

/** A Retry-After header (seconds or an HTTP date) in milliseconds from now; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}
