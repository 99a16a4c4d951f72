import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository (or unpacked app) root: resources/, dist/ and migrations live under it. */
export const sourceRoot = resolve(import.meta.dirname, '..', '..');
export const defaultResourcesDir = join(sourceRoot, 'resources');

/**
 * Where the CLI and the loopback host (`npm start` without Electron, `hssk serve`) keep data when
 * neither --data, --db nor HSSK_DATA_DIR says otherwise: a folder inside this checkout.
 *
 * Not the installed app's folder, because a checkout's code may carry migrations the installed app
 * does not know: opening the station's database from a checkout would upgrade it, and the installed
 * app would then refuse it (DB_TOO_NEW). And two checkouts would silently share one database.
 * Working on the station's own data stays possible, but as a deliberate `--data`.
 */
export const checkoutDataDir = join(sourceRoot, '.hssk-data');

/** HSSK_DATA_DIR when set, else this checkout's own folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.HSSK_DATA_DIR ? resolve(env.HSSK_DATA_DIR) : checkoutDataDir;
}

/** The installed desktop app's data folder: where the Electron host puts its userData. */
export function desktopAppDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'HSSK-Tram');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'HSSK-Tram');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'HSSK-Tram');
}

/** Creates the checkout's data folder with a .gitignore of its own: its database, key and logs are never committed. */
export function prepareCheckoutDataDir(dir = checkoutDataDir): void {
  mkdirSync(dir, { recursive: true });
  const ignore = join(dir, '.gitignore');
  if (!existsSync(ignore))
    writeFileSync(ignore, '# HSSK Trạm data of this checkout (database, key, logs): never committed.\n*\n');
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
