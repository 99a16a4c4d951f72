import type { BrowserWindowConstructorOptions } from 'electron';

/** The only place window options are decided: sandboxed, isolated, no Node in the page. */
export function mainWindowOptions(preloadPath: string, isPackaged: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: 'HSSK Trạm',
    backgroundColor: '#f4f6f5',
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !isPackaged,
    },
  };
}
