import type { Store } from '../../db/store.ts';

/**
 * The page cache of the connection an import commits on, in MB. A 100,000-row list touches every
 * index of `persons` in random order; with the usual 32 MB the pages written spill to the WAL and
 * are read back (and decrypted) again and again: the writes took ~16 s of CPU on a 2-core machine,
 * ~12 s with 64 MB. More helped no more than the runs vary, and every MB more is flushed by the
 * final COMMIT (≈0.7 s at 32 MB, 0.8 s at 64, 1.4 s at 256) — off the main thread in the worker,
 * but on it where no worker can be used.
 */
export const COMMIT_CACHE_MB = 64;

/** Runs `fn` with a larger page cache on this connection, and gives the memory back after. */
export async function withCommitCache<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  const before = store.raw.pragma('cache_size', { simple: true }) as number;
  store.raw.pragma(`cache_size = ${-COMMIT_CACHE_MB * 1024}`);
  try {
    return await fn();
  } finally {
    if (store.raw.open) store.raw.pragma(`cache_size = ${before}`);
  }
}
