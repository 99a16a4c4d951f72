/**
 * The dashboard's figures kept per (period, village, today) until the database changes, so opening
 * the Báo cáo screen again, coming back from a work list, or switching back to a village already
 * seen is instant. Computing them reads the whole commune (a fifth of a second on 100,000
 * residents). The audit trail's own rows are not a change of the figures: showing a work list (an
 * audited read) keeps them.
 *
 * Why "the database changed" is `total_changes()` + `PRAGMA data_version`: the app writes through
 * this one connection, whose change counter grows with every row any statement inserts, updates or
 * deletes (a resident saved, a dose, an exam signed, a delivery acknowledged, the population
 * figure, the vaccine catalogue…); data_version moves when another connection commits (a restored
 * or externally edited database). Both are read without touching a table, and any write at all
 * invalidates — too often rather than too seldom, so a figure is never stale. "Today" is part of
 * the key: the figures "as of now" move at midnight without a write.
 */
import { auditChangeCount } from '../audit/audit.ts';
import type { Store } from '../db/store.ts';

const SIZE = 8;

interface Entry<T> {
  stamp: string;
  value: T;
}

const caches = new WeakMap<Store, Map<string, Entry<unknown>>>();

function stampOf(store: Store): string {
  const changes = (store.prepare(`SELECT total_changes()`).pluck().get() as number) - auditChangeCount(store);
  const version = store.raw.pragma('data_version', { simple: true }) as number;
  return `${changes}:${version}`;
}

/** `compute()`'s value for `key`, reused while nothing was written since it was computed. */
export function cachedFigures<T>(store: Store, key: string, compute: () => T): T {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.stamp === stampOf(store)) {
    // Most recently used last, so the oldest is the one dropped.
    cache.delete(key);
    cache.set(key, hit);
    return hit.value as T;
  }
  const value = compute();
  // Stamped after computing: a write the computation made itself (the due-dose cache refreshed for
  // a child registered a moment ago) is already in the figures.
  cache.delete(key);
  cache.set(key, { stamp: stampOf(store), value });
  while (cache.size > SIZE) cache.delete(cache.keys().next().value as string);
  return value;
}

/** Drops every kept figure (the bench measures a first open with it). */
export function forgetFigures(store: Store): void {
  caches.delete(store);
}
