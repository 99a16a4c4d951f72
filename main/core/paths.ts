import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where the station's data lives when no host decides otherwise. The Electron host passes its own
 * userData path, which points at the same folder on Windows (%APPDATA%\HSSK-Tram).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.HSSK_DATA_DIR) return resolve(env.HSSK_DATA_DIR);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'HSSK-Tram');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'HSSK-Tram');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'hssk-tram');
}

export interface DataPaths {
  dataDir: string;
  dbFile: string;
  logDir: string;
}

export function dataPaths(dataDir: string): DataPaths {
  return { dataDir, dbFile: join(dataDir, 'hssk.db'), logDir: join(dataDir, 'logs') };
}

/** The database key lives beside its database (protected by the OS keystore in the desktop app). */
export const keyFileFor = (dbFile: string): string => `${dbFile}.key`;

/** The repository (or unpacked app) root: resources/, dist/ and migrations live under it. */
export const sourceRoot = resolve(import.meta.dirname, '..', '..');
export const defaultResourcesDir = join(sourceRoot, 'resources');
