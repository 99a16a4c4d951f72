/**
 * The Electron host: a thin shell around the core. It owns the window, the app:// protocol, the
 * IPC registration, the OS keystore and the updater; everything else is the same core the
 * loopback host and the CLI run.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import electronUpdater from 'electron-updater';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Core } from '../../core/app.ts';
import { createLogger } from '../../core/log.ts';
import { dataPaths } from '../../core/paths.ts';
import { getStation, isSetUp } from '../../core/station/station.ts';
import { createCoreOrBlocked } from '../common/blocked-core.ts';
import { forwardEvents, registerIpc, WindowSessions } from './ipc.ts';
import { osKeyProtector } from './os-keystore.ts';
import { serveAppRequest } from './protocol.ts';
import { backupBeforeQuit, relaunchOnRestore } from './restart.ts';
import { denyAllPermissions, hardenWebContents } from './security.ts';
import { APP_ENTRY, APP_SCHEME } from './trusted-url.ts';
import { startUpdater } from './updater.ts';
import { mainWindowOptions } from './window.ts';

/** The app's root (the asar when packaged, the repository in development): the folder with package.json. */
function appRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
const root = appRoot(import.meta.dirname);
const distDir = join(root, 'dist');
const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(root, 'resources');

// Before `ready`: the privileged scheme, and one data folder whatever the product name's spelling.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);
app.setPath('userData', join(app.getPath('appData'), 'HSSK-Tram'));
const paths = dataPaths(app.getPath('userData'));
const log = createLogger({ dir: paths.logDir, stderr: !app.isPackaged });

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;
const windowSessions = new WindowSessions();

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(join(distDir, 'preload', 'electron.cjs'), app.isPackaged));
  const id = win.webContents.id;
  win.once('ready-to-show', () => win.show());
  win.webContents.once('destroyed', () => core?.ctx.sessions.destroy(windowSessions.release(id)));
  void win.loadURL(APP_ENTRY);
  return win;
}

async function start(): Promise<void> {
  Menu.setApplicationMenu(null);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
  denyAllPermissions(session.defaultSession, log);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, join(distDir, 'renderer')));

  // A database the app cannot open (newer schema, missing key, damaged file) still gets a window:
  // a stand-in core whose start-up checks say what happened and what to do (blocked-core.ts).
  const opened = createCoreOrBlocked(
    {
      host: 'electron',
      dataDir: paths.dataDir,
      dbFile: paths.dbFile,
      keyProtector: osKeyProtector(safeStorage),
      resourcesDir,
      log,
    },
    (problem, e) => log.error('database cannot be opened', { check: problem.id, error: String(e) }),
  );
  core = opened.core;
  const running = core;
  running.startServices();
  // A restore from Quản trị → Sao lưu relaunches the app into the restored database.
  relaunchOnRestore(running, log);
  registerIpc(ipcMain, running, windowSessions, log);
  forwardEvents(running, windowSessions, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  mainWindow = createWindow();

  startUpdater({
    updater: electronUpdater.autoUpdater,
    feedUrl: () => (isSetUp(running.ctx) ? getStation(running.ctx).updateUrl : ''),
    askToRestart: async (version) => {
      const r = await dialog.showMessageBox({
        type: 'info',
        buttons: ['Khởi động lại ngay', 'Để sau'],
        defaultId: 1,
        cancelId: 1,
        title: 'Có bản cập nhật',
        message: `Đã tải xong HSSK Trạm phiên bản ${version}.`,
        detail: 'Bản cập nhật sẽ được cài khi bạn đóng ứng dụng. Khởi động lại ngay bây giờ?',
      });
      return r.response === 0;
    },
    log,
  });
}

if (!app.requestSingleInstanceLock()) {
  // A second launch (double-clicked icon) focuses the running window instead of opening the database twice.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  // The backup on exit (bounded: at most 30 s, then the app quits and the log says it was skipped).
  backupBeforeQuit(() => core);
  app.on('will-quit', () => core?.close());
  app.whenReady().then(start, (e: unknown) => log.error('app failed to become ready', { error: String(e) }));
}
