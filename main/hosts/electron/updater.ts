import type { Logger } from '../../core/log.ts';

/** The part of electron-updater's AppUpdater we use, so tests can pass a fake. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdaterOptions {
  updater: UpdaterLike;
  /** Read each time: the URL is a station setting the administrator may change at any moment. */
  feedUrl: () => string;
  /** Asks the user; the app never restarts by itself in the middle of an exam. */
  askToRestart: (version: string) => Promise<boolean>;
  log: Logger;
  intervalMs?: number;
}

/**
 * Checks at start and then every few hours. Updates download in the background and install on the
 * next quit, or right away if the user agrees. Any updater failure is logged and otherwise ignored:
 * a broken update server must never break the running app.
 */
export function startUpdater(o: UpdaterOptions): () => void {
  const log = o.log.child('updater');
  let configured = '';
  o.updater.autoDownload = true;
  o.updater.autoInstallOnAppQuit = true;
  o.updater.on('error', (e) => log.warn('update check failed', { error: e.message }));
  o.updater.on('update-downloaded', (info) => {
    log.info('update downloaded', { version: info.version });
    o.askToRestart(info.version).then(
      (yes) => {
        if (yes) o.updater.quitAndInstall();
      },
      (e: unknown) => log.warn('restart prompt failed', { error: String(e) }),
    );
  });

  const check = () => {
    const url = o.feedUrl().trim();
    if (!url) {
      log.debug('no update URL set; skipping update check');
      return;
    }
    try {
      if (url !== configured) {
        o.updater.setFeedURL({ provider: 'generic', url });
        configured = url;
      }
      o.updater
        .checkForUpdates()
        .catch((e: unknown) => log.warn('update check failed', { error: String(e) }));
    } catch (e) {
      log.warn('update check failed', { error: String(e) });
    }
  };
  check();
  const timer = setInterval(check, o.intervalMs ?? 4 * 60 * 60 * 1000);
  timer.unref?.();
  return () => clearInterval(timer);
}
