/**
 * A restore on the loopback host (`hssk serve`, `npm start` without Electron, the e2e tests):
 * the core is closed and opened again in this process — which swaps the restored file in,
 * migrates an older one and writes the restore on its trail (core/backup/restore.ts) — and the
 * server serves the new core. Every session was the old core's, so every browser signs in again.
 */
import type { Core } from '../../core/app.ts';
import { onRestartRequested } from '../../core/backup/restart.ts';
import type { Logger } from '../../core/log.ts';
import type { LoopbackServer } from './server.ts';

export interface RestartableCore {
  /** The core being served now. */
  readonly current: Core;
}

export function restartInProcess(
  server: Pick<LoopbackServer, 'replaceCore'>,
  first: Core,
  open: () => Core,
  log: Logger,
): RestartableCore {
  let current = first;
  const arm = (core: Core) =>
    onRestartRequested(core.database.store, () => {
      log.info('restarting into the restored database');
      core.close();
      try {
        current = open();
      } catch (e) {
        // The swap is done; a core that cannot open it is a start-up failure, told in the log.
        log.error('reopening after a restore failed', { error: String(e) });
        return;
      }
      current.startServices();
      server.replaceCore(current);
      arm(current);
    });
  arm(first);
  return {
    get current() {
      return current;
    },
  };
}
