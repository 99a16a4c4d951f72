/**
 * The Electron host's wiring, with Electron itself mocked (its runtime cannot be downloaded here).
 * Checks the security-relevant decisions main.ts makes: window options, scheme, permissions,
 * navigation, IPC registration and sender checks, the OS-protected database key.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { operationNames } from '#contract/operations.ts';

const appData = mkdtempSync(join(tmpdir(), 'hssk-electron-'));
const h = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
  windows: [] as { options: { webPreferences: Record<string, unknown> }; url?: string }[],
  appListeners: new Map<string, (...args: unknown[]) => void>(),
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, unknown>(),
  permissionRequest: undefined as
    undefined | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
  permissionCheck: undefined as undefined | (() => boolean),
  singleInstance: 0,
  setFeedURL: [] as unknown[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    static getAllWindows = () => BrowserWindow.all;
    webContents = { id: 7, once: () => undefined, send: () => undefined };
    constructor(options: { webPreferences: Record<string, unknown> }) {
      h.windows.push({ options });
      BrowserWindow.all.push(this);
    }
    once() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
    loadURL(url: string) {
      h.windows[h.windows.length - 1].url = url;
      return Promise.resolve();
    }
  }
  const paths = new Map<string, string>([['appData', appData]]);
  return {
    app: {
      isPackaged: false,
      getPath: (name: string) => paths.get(name) ?? appData,
      setPath: (name: string, value: string) => paths.set(name, value),
      requestSingleInstanceLock: () => {
        h.singleInstance += 1;
        return true;
      },
      on: (event: string, l: (...args: unknown[]) => void) => h.appListeners.set(event, l),
      whenReady: () => Promise.resolve(),
      quit: () => undefined,
      exit: () => undefined,
    },
    BrowserWindow,
    Menu: { setApplicationMenu: () => undefined },
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 1 })) },
    ipcMain: {
      handle: (ch: string, fn: (event: unknown, input: unknown) => Promise<unknown>) =>
        h.handlers.set(ch, fn),
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => h.schemes.push(...s),
      handle: (scheme: string, fn: unknown) => h.protocolHandlers.set(scheme, fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof h.permissionRequest) => (h.permissionRequest = fn),
        setPermissionCheckHandler: (fn: typeof h.permissionCheck) => (h.permissionCheck = fn),
        setDevicePermissionHandler: () => undefined,
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(`dpapi:${s}`),
      decryptString: (b: Buffer) => b.toString().slice(6),
    },
  };
});

vi.mock('electron-updater', () => ({
  default: {
    autoUpdater: {
      autoDownload: false,
      autoInstallOnAppQuit: false,
      setFeedURL: (o: unknown) => h.setFeedURL.push(o),
      checkForUpdates: async () => null,
      quitAndInstall: () => undefined,
      on: () => undefined,
    },
  },
}));

beforeAll(async () => {
  await import('./main.ts');
  await vi.waitFor(() => expect(h.windows.length).toBe(1));
});

describe('the Electron host', () => {
  it('takes the single-instance lock and registers app:// as a secure standard scheme', () => {
    expect(h.singleInstance).toBe(1);
    expect(h.schemes).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    expect(h.protocolHandlers.has('app')).toBe(true);
  });

  it('opens one sandboxed, isolated window on app://hssk', () => {
    const w = h.windows[0];
    expect(w.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(String(w.options.webPreferences.preload)).toMatch(/dist[/\\]preload[/\\]electron\.cjs$/);
    expect(w.url).toBe('app://hssk/index.html');
  });

  it('denies every permission request', () => {
    const granted: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'hid', 'serial'])
      h.permissionRequest?.({}, p, (ok) => granted.push(ok));
    expect(granted).toEqual([false, false, false, false, false]);
    expect(h.permissionCheck?.()).toBe(false);
  });

  it('blocks navigation and new windows in every web contents', () => {
    const on = new Map<string, (e: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (ev: string, fn: (e: { preventDefault(): void }, url?: string) => void) => on.set(ev, fn),
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
      getURL: () => 'app://hssk/index.html',
    };
    h.appListeners.get('web-contents-created')?.({}, contents);
    const prevent = vi.fn();
    on.get('will-navigate')?.({ preventDefault: prevent }, 'https://evil.example/');
    on.get('will-attach-webview')?.({ preventDefault: prevent });
    expect(prevent).toHaveBeenCalledTimes(2);
    expect(openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('serves every contract operation over IPC, and only to the app page', async () => {
    expect([...h.handlers.keys()].sort()).toEqual([...operationNames].sort());
    const status = h.handlers.get('system.status');
    const fromApp = await status?.(
      { senderFrame: { url: 'app://hssk/index.html', parent: null }, sender: { id: 7 } },
      {},
    );
    expect(fromApp).toMatchObject({
      ok: true,
      value: { host: 'electron', setupDone: false, database: { encrypted: true } },
    });
    const fromElsewhere = await status?.(
      { senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: 7 } },
      {},
    );
    expect(fromElsewhere).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });

  it('keeps the database key under the OS keystore, in a data folder of its own', () => {
    const keyFile = JSON.parse(readFileSync(join(appData, 'HSSK-Tram', 'hssk.db.key'), 'utf8')) as {
      protector: string;
      key: string;
    };
    expect(keyFile.protector).toBe('os');
    expect(Buffer.from(keyFile.key, 'base64').toString()).toMatch(/^dpapi:/);
  });

  it('does not look for updates before the station has an update address', () => {
    expect(h.setFeedURL).toEqual([]);
  });
});
