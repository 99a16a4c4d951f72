/**
 * `hssk db rekey` / Quản trị → Sao lưu → Đổi khóa on real SQLCipher files and real key files: the
 * old key stops opening the database, the new key and its recovery key open it (here, and on
 * "another PC" with the recovery key alone), the audit trail still verifies, a backup taken before
 * still opens with the OLD recovery key, and a process killed between the steps leaves a database
 * that opens.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, openCoreAt, type TestCore } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';
import { verifyAuditChain } from '../audit/audit.ts';
import { keyFileFor } from '../paths.ts';
import { plainProtector, readKeyFile } from './keystore.ts';
import { recoverDatabaseKey } from './recover.ts';
import { decodeRecoveryKey } from './recovery-key.ts';
import { pendingKeyFileFor } from './rekey.ts';
import { openSqlite } from './sqlite.ts';
import { Store } from './store.ts';

let t: TestCore | null = null;
const dirs: string[] = [];
afterEach(() => {
  t?.close();
  t = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};

function opens(file: string, key: Buffer): boolean {
  try {
    openSqlite({ file, key, mustExist: true }).close();
    return true;
  } catch {
    return false;
  }
}

/** The trail of a database file, checked on a connection of its own (nothing registered on it). */
function trailOf(file: string, key: Buffer): { ok: boolean; checked: number } {
  const db = openSqlite({ file, key, mustExist: true });
  try {
    const v = verifyAuditChain(new Store(db));
    return { ok: v.ok, checked: v.checked };
  } finally {
    db.close();
  }
}

describe('rekey', () => {
  it('changes the key: old key and old recovery key refused, new ones open it here and on another PC, trail verifies, an older backup opens with the old recovery key', async () => {
    t = await makeSignedInCore();
    const dbFile = t.core.database.file;
    await t.ok('persons.create', {
      person: personInput({ fullName: 'Đỗ Văn Đổi Khóa' }),
      confirmSimilar: true,
    });
    const backupDir = tempDir('hssk-rekey-bk-');
    const before = await t.ok('backup.create', { folder: backupDir });
    const oldSheet = await t.ok('backup.recoveryKey', {});
    expect(oldSheet.recoveryKey).toMatch(/^([0-9A-Z]{5}-){10}[0-9A-Z]{5}$/);
    expect(oldSheet.stationName).toBe('Trạm Y tế phường Ba Đình');
    const oldKey = readKeyFile(keyFileFor(dbFile), plainProtector);

    const newSheet = await t.ok('backup.rekey', { confirm: true });
    expect(newSheet.recoveryKey).not.toBe(oldSheet.recoveryKey);
    const newKey = readKeyFile(keyFileFor(dbFile), plainProtector);
    expect(newKey.equals(oldKey)).toBe(false);
    expect(decodeRecoveryKey(newSheet.recoveryKey ?? '').equals(newKey)).toBe(true);
    expect(existsSync(pendingKeyFileFor(dbFile))).toBe(false);

    // The app goes on with the new key: a save, a backup (its worker opens the file), the trail.
    await t.ok('persons.create', {
      person: personInput({ fullName: 'Lý Thị Sau Đổi' }),
      confirmSimilar: true,
    });
    // (Another folder: the rotation keeps one backup a day per folder.)
    const after = await t.ok('backup.create', { folder: tempDir('hssk-rekey-bk2-') });
    expect(after.counts.persons).toBe(2);
    expect((await t.ok('audit.verify', {})).ok).toBe(true);
    const actions = (await t.ok('audit.list', { limit: 20 })).map((e) => e.action);
    expect(actions).toContain('db.rekey');
    expect(actions).toContain('db.recoveryKey.show');
    t.core.close();

    expect(opens(dbFile, oldKey)).toBe(false);
    expect(opens(dbFile, decodeRecoveryKey(oldSheet.recoveryKey ?? ''))).toBe(false);
    expect(opens(dbFile, newKey)).toBe(true);
    expect(trailOf(dbFile, newKey).ok).toBe(true);
    // Opened again by the app from its key file.
    const again = openCoreAt(t.dir);
    expect(verifyAuditChain(again.database.store).ok).toBe(true);
    again.close();

    // Another PC, the database file alone: the new recovery key opens it, the old one does not.
    const otherPc = tempDir('hssk-rekey-pc-');
    copyFileSync(dbFile, join(otherPc, 'hssk.db'));
    expect(() =>
      recoverDatabaseKey(join(otherPc, 'hssk.db'), oldSheet.recoveryKey ?? '', plainProtector),
    ).toThrow(/does not open the database/);
    recoverDatabaseKey(join(otherPc, 'hssk.db'), newSheet.recoveryKey ?? '', plainProtector);
    const there = openCoreAt(otherPc);
    expect(verifyAuditChain(there.database.store)).toMatchObject({ ok: true });
    there.close();

    // The backup taken before the rekey is still encrypted with the old key.
    const oldBackupPc = tempDir('hssk-rekey-old-');
    copyFileSync(join(before.folder, before.file), join(oldBackupPc, 'hssk.db'));
    expect(opens(join(oldBackupPc, 'hssk.db'), newKey)).toBe(false);
    expect(() =>
      recoverDatabaseKey(join(oldBackupPc, 'hssk.db'), newSheet.recoveryKey ?? '', plainProtector),
    ).toThrow(/does not open the database/);
    recoverDatabaseKey(join(oldBackupPc, 'hssk.db'), oldSheet.recoveryKey ?? '', plainProtector);
    const restored = openCoreAt(oldBackupPc);
    expect(verifyAuditChain(restored.database.store)).toMatchObject({ ok: true });
    restored.close();
  });
});

/** A child process that rekeys the database and is killed (SIGKILL) right after `step`. */
function rekeyAndDie(dbFile: string, step: 'pending-written' | 'rekeyed'): void {
  const here = import.meta.dirname;
  const script = join(tmpdir(), `hssk-rekey-kill-${process.pid}-${step}.ts`);
  writeFileSync(
    script,
    `import { openSqlite } from ${JSON.stringify(join(here, 'sqlite.ts'))};
import { plainProtector, readKeyFile } from ${JSON.stringify(join(here, 'keystore.ts'))};
import { rekeyDatabase } from ${JSON.stringify(join(here, 'rekey.ts'))};
const file = ${JSON.stringify(dbFile)};
const db = openSqlite({ file, key: readKeyFile(file + '.key', plainProtector) });
rekeyDatabase(db, file, plainProtector, (s) => { if (s === ${JSON.stringify(step)}) process.kill(process.pid, 'SIGKILL'); });
`,
  );
  try {
    execFileSync(process.execPath, [script], { stdio: 'pipe' });
    throw new Error('the child was not killed');
  } catch (e) {
    expect((e as { signal?: string }).signal).toBe('SIGKILL');
  } finally {
    rmSync(script, { force: true });
  }
}

describe('a rekey killed half-way', () => {
  it.each([
    ['after the new key file was written, before the database was re-encrypted', 'old', 'pending-written'],
    ['after the database was re-encrypted, before the key file was replaced', 'new', 'rekeyed'],
  ] as const)(
    '%s: the database opens, with the %s key, and its trail verifies',
    async (_what, which, step) => {
      t = await makeSignedInCore();
      const dbFile = t.core.database.file;
      await t.ok('persons.create', {
        person: personInput({ fullName: 'Hồ Thị Mất Điện' }),
        confirmSimilar: true,
      });
      t.core.close();
      const oldKey = readKeyFile(keyFileFor(dbFile), plainProtector);
      rekeyAndDie(dbFile, step);
      expect(existsSync(pendingKeyFileFor(dbFile))).toBe(true);
      const pendingKey = readKeyFile(pendingKeyFileFor(dbFile), plainProtector);

      const reopened = openCoreAt(t.dir);
      const kept = readKeyFile(keyFileFor(dbFile), plainProtector);
      expect(kept.equals(which === 'old' ? oldKey : pendingKey)).toBe(true);
      expect(existsSync(pendingKeyFileFor(dbFile))).toBe(false);
      expect(verifyAuditChain(reopened.database.store).ok).toBe(true);
      expect(reopened.database.store.prepare('SELECT count(*) FROM persons').pluck().get()).toBe(1);
      reopened.close();
      expect(readFileSync(keyFileFor(dbFile), 'utf8')).toContain('"protector":"plain"');
    },
  );
});
