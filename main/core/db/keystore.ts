import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../errors.ts';

/**
 * Protects the database key at rest. The Electron host uses the OS keystore (DPAPI on Windows via
 * safeStorage), so a copied data folder cannot be opened on another machine or account. The plain
 * protector is for the loopback/CLI hosts on a developer or test machine: the key file is readable
 * by its owner only, and that is all.
 */
export interface KeyProtector {
  readonly kind: 'plain' | 'os';
  protect(key: Buffer): Buffer;
  unprotect(blob: Buffer): Buffer;
}

export const plainProtector: KeyProtector = {
  kind: 'plain',
  protect: (key) => Buffer.from(key),
  unprotect: (blob) => Buffer.from(blob),
};

interface KeyFile {
  version: 1;
  protector: KeyProtector['kind'];
  key: string;
}

export function readKeyFile(file: string, protector: KeyProtector): Buffer {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  if (parsed.protector !== protector.kind) {
    throw new AppError('DB_KEY_INVALID', {
      message:
        parsed.protector === 'os'
          ? 'Khóa cơ sở dữ liệu được bảo vệ bởi ứng dụng trên máy này. Hãy dùng ứng dụng HSSK Trạm, hoặc đặt biến HSSK_DB_KEY.'
          : 'Tệp khóa cơ sở dữ liệu không đúng loại.',
      logMessage: `key file ${file} is protected by '${parsed.protector}', this host uses '${protector.kind}'`,
    });
  }
  const key = protector.unprotect(Buffer.from(parsed.key, 'base64'));
  if (key.length !== 32)
    throw new AppError('DB_KEY_INVALID', { logMessage: `key in ${file} is not 32 bytes` });
  return key;
}

/** Returns the station's database key, creating one (and its file) on first run. */
export function loadOrCreateKey(file: string, protector: KeyProtector): Buffer {
  if (existsSync(file)) return readKeyFile(file, protector);
  const key = randomBytes(32);
  writeKeyFile(file, key, protector);
  return key;
}

/** Writes a key file (owner-only, replaced atomically): a new key, or one recovered from its recovery key. */
export function writeKeyFile(file: string, key: Buffer, protector: KeyProtector): void {
  const body: KeyFile = {
    version: 1,
    protector: protector.kind,
    key: protector.protect(key).toString('base64'),
  };
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(body), { mode: 0o600 });
  // On the disk before it takes the name: a power cut must never leave a named, empty key file.
  fsyncFile(tmp);
  renameSync(tmp, file);
  try {
    chmodSync(file, 0o600);
  } catch {
    // Windows ignores POSIX modes; the OS protector is what guards the key there.
  }
  fsyncFolder(dirname(file));
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable. Windows cannot open a folder to fsync it (NTFS journals the rename). */
export function fsyncFolder(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // EISDIR/EPERM on some platforms: nothing more can be done.
  } finally {
    closeSync(fd);
  }
}

/** HSSK_DB_KEY: 64 hex characters, for operators running the CLI against a copied database. */
export function keyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const hex = env.HSSK_DB_KEY?.trim();
  if (!hex) return null;
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new AppError('DB_KEY_INVALID', { logMessage: 'HSSK_DB_KEY must be 64 hexadecimal characters' });
  }
  return Buffer.from(hex, 'hex');
}
