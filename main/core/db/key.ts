import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { AppError } from '../errors.ts';
import { keyFileFor } from '../paths.ts';
import { keyFromEnv, loadOrCreateKey, readKeyFile, type KeyProtector } from './keystore.ts';
import { settlePendingRekey } from './rekey.ts';

const PLAINTEXT_HEADER = 'SQLite format 3\u0000';

export function isPlaintextDatabase(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    return readSync(fd, buf, 0, 16, 0) === 16 && buf.toString('latin1') === PLAINTEXT_HEADER;
  } finally {
    closeSync(fd);
  }
}

/**
 * Decides which key opens a database file:
 * HSSK_DB_KEY if set; else the key file beside the database; an existing unencrypted database
 * opens without one (and the status bar says so); a new database gets a new key when encrypting.
 */
export function resolveDatabaseKey(
  dbFile: string,
  protector: KeyProtector,
  options: { encryptNew: boolean; env?: NodeJS.ProcessEnv },
): Buffer | null {
  if (dbFile === ':memory:') return null;
  const fromEnv = keyFromEnv(options.env);
  if (fromEnv) return fromEnv;
  // A rekey a crash cut short: keep whichever key opens the file (db/rekey.ts).
  settlePendingRekey(dbFile, protector);
  const keyFile = keyFileFor(dbFile);
  if (existsSync(keyFile)) return readKeyFile(keyFile, protector);
  if (existsSync(dbFile)) {
    if (isPlaintextDatabase(dbFile)) return null;
    throw new AppError('DB_KEY_INVALID', {
      message: 'Cơ sở dữ liệu đã mã hóa nhưng không tìm thấy tệp khóa đi kèm.',
      logMessage: `encrypted database ${dbFile} has no key file ${keyFile} and HSSK_DB_KEY is not set`,
    });
  }
  return options.encryptNew ? loadOrCreateKey(keyFile, protector) : null;
}
