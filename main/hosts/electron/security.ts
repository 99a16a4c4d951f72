import type { Session, WebContents } from 'electron';
import type { Logger } from '../../core/log.ts';
import { isAppUrl } from './trusted-url.ts';

/**
 * The renderer needs no browser permission at all (devices are read by the main process), so
 * every request and check is refused: camera, notifications, HID, serial, USB, …
 */
export function denyAllPermissions(ses: Session, log: Logger): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('permission request denied', { permission });
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/**
 * No navigation away from the app, no new windows, no <webview>. The UI routes by hash, which is
 * in-page navigation and never reaches these handlers.
 */
export function hardenWebContents(contents: WebContents, log: Logger): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    log.warn('navigation blocked', { url: String(url).slice(0, 200), fromApp: isAppUrl(contents.getURL()) });
  });
  contents.on('will-redirect', (event, url) => {
    event.preventDefault();
    log.warn('redirect blocked', { url: String(url).slice(0, 200) });
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('window.open blocked', { url: String(url).slice(0, 200) });
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview blocked');
  });
}
