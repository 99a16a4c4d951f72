import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { plainProtector } from './keystore.ts';
import { openDatabase } from './database.ts';
import { resolveDatabaseKey } from './key.ts';
import { openSqlite } from './sqlite.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'hssk-db-'));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.code : `not an AppError: ${String(e)}`;
  }
  return undefined;
}

describe('opening the station database', () => {
  it('sets WAL, foreign keys, synchronous=FULL and a busy timeout', () => {
    const db = openSqlite({ file: join(dir(), 'a.db') });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('encrypts the file and its WAL: no plaintext on disk, no access without the key', () => {
    const file = join(dir(), 'enc.db');
    const key = randomBytes(32);
    const h = openDatabase({ file, key });
    h.store.raw
      .prepare(
        `INSERT INTO households (id, code, created_at, updated_at) VALUES ('h1', 'NGUYEN-DUC-HOUSE', 'x', 'x')`,
      )
      .run();
    for (const f of [file, `${file}-wal`]) {
      if (!existsSync(f)) continue;
      const bytes = readFileSync(f);
      expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
      expect(bytes.includes(Buffer.from('NGUYEN-DUC-HOUSE'))).toBe(false);
    }
    h.close();
    expect(codeOf(() => openSqlite({ file }))).toBe('DB_KEY_INVALID');
    expect(codeOf(() => openSqlite({ file, key: randomBytes(32) }))).toBe('DB_KEY_INVALID');
    const again = openSqlite({ file, key });
    expect(again.prepare(`SELECT code FROM households`).pluck().get()).toBe('NGUYEN-DUC-HOUSE');
    again.close();
  });

  it('finds the key beside the database, opens an unencrypted one without, and refuses a keyless encrypted one', () => {
    const d = dir();
    const file = join(d, 'hssk.db');
    // New database: a key is created next to it.
    const key = resolveDatabaseKey(file, plainProtector, { encryptNew: true, env: {} });
    expect(key).toHaveLength(32);
    openDatabase({ file, key }).close();
    expect(
      resolveDatabaseKey(file, plainProtector, { encryptNew: true, env: {} })?.equals(key as Buffer),
    ).toBe(true);
    // HSSK_DB_KEY wins over the file.
    const envKey = randomBytes(32);
    expect(
      resolveDatabaseKey(file, plainProtector, {
        encryptNew: true,
        env: { HSSK_DB_KEY: envKey.toString('hex') },
      })?.equals(envKey),
    ).toBe(true);
    expect(
      codeOf(() =>
        resolveDatabaseKey(file, plainProtector, { encryptNew: true, env: { HSSK_DB_KEY: 'short' } }),
      ),
    ).toBe('DB_KEY_INVALID');
    // An existing plaintext database opens without a key.
    const plain = join(d, 'plain.db');
    openDatabase({ file: plain }).close();
    expect(resolveDatabaseKey(plain, plainProtector, { encryptNew: true, env: {} })).toBeNull();
    // An encrypted database whose key file is gone gets a clear refusal.
    const orphan = join(d, 'orphan.db');
    writeFileSync(orphan, randomBytes(4096));
    expect(codeOf(() => resolveDatabaseKey(orphan, plainProtector, { encryptNew: true, env: {} }))).toBe(
      'DB_KEY_INVALID',
    );
  });
});
