/**
 * A restore in the desktop app: once the restore has answered the window, the database is closed
 * and the app relaunches; the new process swaps the restored file in as it opens the database
 * (core/backup/restore.ts), migrates an older one, and shows the sign-in screen.
 */
import { app } from 'electron';
import type { Core } from '../../core/app.ts';
import { onRestartRequested } from '../../core/backup/restart.ts';
import { backupOnExit } from '../../core/backup/schedule.ts';
import type { Logger } from '../../core/log.ts';

export function relaunchOnRestore(core: Core, log: Logger): void {
  onRestartRequested(core.database.store, () => {
    log.info('relaunching into the restored database');
    core.close();
    app.relaunch();
    app.exit(0);
  });
}

/**
 * The backup on exit: quitting waits for it, at most `timeoutMs` (then the app quits anyway and
 * the log says the backup was skipped), so a PC being shut down is never held for ever.
 */
export function backupBeforeQuit(current: () => Core | null, timeoutMs = 30_000): void {
  let done = false;
  app.on('before-quit', (event) => {
    const core = current();
    if (done || !core) return;
    done = true;
    event.preventDefault();
    void backupOnExit(core.ctx, timeoutMs).finally(() => app.quit());
  });
}
