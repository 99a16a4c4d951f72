import type { StatusOutput } from '#contract/ops/upstream.ts';
import { api } from '../api.ts';
import { isStale } from './format.ts';

/**
 * The status bar's upload badge: records waiting, the last successful upload, and a warning when
 * none succeeded for 24 hours. Read from upstream.status (for users who may sync), every minute and
 * whenever the "Đồng bộ" screen loads it.
 */
class SyncBadge {
  pending = $state<number | null>(null);
  lastSuccessAt = $state<string | null>(null);
  enabled = $state(false);
  stale = $derived(this.enabled && isStale(this.lastSuccessAt));

  set(s: StatusOutput): void {
    this.pending = s.pendingTotal;
    this.lastSuccessAt = s.lastSuccessAt;
    this.enabled = s.upstreams.some((u) => u.enabled);
  }

  async refresh(): Promise<void> {
    const r = await api.upstream.status({});
    if (r.ok) this.set(r.value);
  }

  /** Starts the minute-by-minute refresh; returns the stop function. */
  watch(): () => void {
    void this.refresh();
    const timer = setInterval(() => void this.refresh(), 60_000);
    return () => clearInterval(timer);
  }
}

export const syncBadge = new SyncBadge();
