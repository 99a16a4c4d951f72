/**
 * Opening the station database on a replacement PC: the database (or a backup put in its place)
 * is there, the key file protected by the old PC's keystore is not (or cannot be read). The
 * recovery key gives the database key back; it is tried on the file before anything is written,
 * and then kept in a new key file protected by this PC's own keystore.
 */
import { existsSync, renameSync } from 'node:fs';
import { AppError } from '../errors.ts';
import { keyFileFor } from '../paths.ts';
import { writeKeyFile, type KeyProtector } from './keystore.ts';
import { decodeRecoveryKey } from './recovery-key.ts';
import { openSqlite } from './sqlite.ts';

export function recoverDatabaseKey(
  dbFile: string,
  recoveryKey: string,
  protector: KeyProtector,
  now: Date = new Date(),
): { keyFile: string; setAside: string | null } {
  if (!existsSync(dbFile))
    throw new AppError('NOT_FOUND', {
      message: 'Không tìm thấy cơ sở dữ liệu cần mở bằng mã khôi phục.',
      logMessage: `recover: no database at ${dbFile}`,
    });
  const key = decodeRecoveryKey(recoveryKey);
  try {
    openSqlite({ file: dbFile, key, readonly: true, mustExist: true }).close();
  } catch (e) {
    throw new AppError('DB_KEY_INVALID', {
      message: 'Mã khôi phục này không mở được cơ sở dữ liệu này (có thể là mã của trạm khác).',
      logMessage: 'recover: the recovery key does not open the database',
      cause: e,
    });
  }
  const keyFile = keyFileFor(dbFile);
  let setAside: string | null = null;
  if (existsSync(keyFile)) {
    // The old PC's key file is kept, renamed: nothing is thrown away on the way.
    setAside = `${keyFile}.unreadable-${now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')}`;
    renameSync(keyFile, setAside);
  }
  writeKeyFile(keyFile, key, protector);
  key.fill(0);
  return { keyFile, setAside };
}
