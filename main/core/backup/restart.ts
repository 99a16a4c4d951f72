/**
 * How a restore hands over to the host: the core cannot reopen itself (every module holds the
 * store), so the host that opened it says what "restart" means — the loopback host closes the
 * core and opens a new one in-process, the Electron host relaunches the app — and the restore
 * asks for it once its answer is on its way. The swap itself happens as the next core opens
 * (restore.ts, `applyPendingRestore`), the same way whichever host restarts.
 */
import type { Store } from '../db/store.ts';

const hooks = new WeakMap<Store, () => void>();

export function onRestartRequested(store: Store, restart: () => void): void {
  hooks.set(store, restart);
}

/**
 * Schedules the host's restart after the current call has answered; false when no host
 * registered one (the CLI, which swaps the file itself once its core is closed).
 */
export function requestRestart(store: Store): boolean {
  const restart = hooks.get(store);
  if (!restart) return false;
  hooks.delete(store);
  // After the reply has left: the restart closes the database this call still answers from.
  setTimeout(restart, 100);
  return true;
}
