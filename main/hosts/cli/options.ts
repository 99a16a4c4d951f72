import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { checkoutDataDir, dataPaths, prepareCheckoutDataDir, type DataPaths } from '../../core/paths.ts';
import { UsageError, type CliIo } from './io.ts';

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** --data DIR, else HSSK_DATA_DIR, else this checkout's own .hssk-data folder (see paths.ts for why). */
export function dataDirFrom(value: string | undefined, io: CliIo): string {
  if (value) return resolve(io.cwd, value);
  return io.env.HSSK_DATA_DIR ? resolve(io.cwd, io.env.HSSK_DATA_DIR) : checkoutDataDir;
}

/**
 * Where a command's database, key and logs are. --data DIR names the folder; --db FILE alone puts
 * everything beside that file (its key is there already, and its logs must not land in some other
 * station's folder); with neither, HSSK_DATA_DIR or this checkout's own folder.
 */
export function storageFrom(values: { data?: string; db?: string }, io: CliIo): DataPaths {
  const dbFile = values.db ? resolve(io.cwd, values.db) : undefined;
  const dataDir = values.data || !dbFile ? dataDirFrom(values.data, io) : dirname(dbFile);
  if (dataDir === checkoutDataDir) prepareCheckoutDataDir();
  const paths = dataPaths(dataDir);
  return { ...paths, dbFile: dbFile ?? paths.dbFile };
}

export function intOption(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}`);
  return n;
}
