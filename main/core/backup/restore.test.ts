/**
 * Restoring a backup (`backup.restore`, what the wizard and `hssk restore` call) with real files:
 * a real encrypted station, a real backup, the swap as the next core opens, and every way a file
 * can be wrong.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, openCoreAt, TEST_ADMIN, type TestCore } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';
import { verifyAuditChain } from '../audit/audit.ts';
import { plainProtector, readKeyFile } from '../db/keystore.ts';
import { openSqlite } from '../db/sqlite.ts';
import { keyFileFor } from '../paths.ts';
import { onRestartRequested } from './restart.ts';
import { readRestoreMarker, stagedFileFor } from './restore.ts';

type Core = ReturnType<typeof openCoreAt>;
const open: TestCore[] = [];
const cores: Core[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
  for (const t of open.splice(0)) t.close();
});

async function station(residents: number): Promise<TestCore> {
  const t = await makeSignedInCore();
  open.push(t);
  await addResidents(t, residents, 'Trước');
  return t;
}

async function addResidents(t: TestCore, n: number, tag: string): Promise<void> {
  for (let i = 0; i < n; i++)
    await t.ok('persons.create', {
      person: personInput({ fullName: `Lê Văn ${tag} ${'ABCDEFGH'[i]}`, birthDate: `19${70 + i}-02-03` }),
      confirmSimilar: true,
    });
}

async function backupOf(t: TestCore): Promise<string> {
  const b = await t.ok('backup.create', { folder: join(t.dir, 'usb') });
  return join(b.folder, b.file);
}

const reopen = (t: TestCore): Core => {
  const core = openCoreAt(t.dir);
  cores.push(core);
  return core;
};
const persons = (core: Core) => core.ctx.store.raw.prepare('SELECT count(*) FROM persons').pluck().get();
const actions = (core: Core) =>
  core.ctx.store.raw.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all() as string[];

async function refusal(t: TestCore, file: string): Promise<string> {
  const r = await t.call('backup.restore', { file, confirm: true });
  if (r.ok) throw new Error('restore was expected to be refused');
  // Nothing staged, nothing marked: the station database is untouched.
  expect(existsSync(stagedFileFor(t.core.database.file))).toBe(false);
  expect(readRestoreMarker(t.core.database.file)).toBeNull();
  expect(persons(t.core)).toBe(2);
  return `${r.error.code} ${r.error.message}`;
}

describe('backup.restore', () => {
  it('swaps a good backup in as the database next opens, keeping the replaced one and its key beside it', async () => {
    const t = await station(3);
    const file = await backupOf(t);
    await addResidents(t, 2, 'Sau');
    expect(persons(t.core)).toBe(5);

    const seen = await t.ok('backup.inspect', { file });
    expect(seen).toMatchObject({ counts: { persons: 3 }, station: '01043', reason: 'manual' });
    expect(seen.schemaVersion).toBe(seen.appSchemaVersion);

    const r = await t.ok('backup.restore', { file, confirm: true });
    expect(r).toMatchObject({ restarting: false, restored: { counts: { persons: 3 } } });
    // Staged, not yet swapped: the app still answers from the current database until it restarts.
    expect(persons(t.core)).toBe(5);
    t.core.close();

    const core = reopen(t);
    expect(persons(core)).toBe(3);
    // The restored trail says so, and still verifies; the restore request is on the old trail.
    expect(actions(core).at(-1)).toBe('backup.restored');
    expect(verifyAuditChain(core.ctx.store).ok).toBe(true);
    expect(readRestoreMarker(core.database.file)).toBeNull();
    const kept = readdirSync(t.dir).filter((f) => /^hssk\.db\.replaced-\d{8}T\d{6}Z$/.test(f));
    expect(kept).toHaveLength(1);
    const replaced = join(t.dir, kept[0]!);
    const key = readKeyFile(keyFileFor(replaced), plainProtector);
    const old = openSqlite({ file: replaced, key, readonly: true, mustExist: true });
    try {
      expect(old.prepare('SELECT count(*) FROM persons').pluck().get()).toBe(5);
      expect(old.prepare(`SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1`).pluck().get()).toBe(
        'backup.restore',
      );
    } finally {
      old.close();
    }
    // Signing in works on the restored database (the sessions of before are gone).
    expect(existsSync(stagedFileFor(core.database.file))).toBe(false);
  });

  it('asks the host to restart after answering, and holds off a second restore meanwhile', async () => {
    const t = await station(2);
    const file = await backupOf(t);
    let restarted = 0;
    const asked = new Promise<void>((done) =>
      onRestartRequested(t.core.ctx.store, () => {
        restarted += 1;
        done();
      }),
    );
    const [a, b] = await Promise.all([
      t.call('backup.restore', { file, confirm: true }),
      t.call('backup.restore', { file, confirm: true }),
    ]);
    const results = [a, b].map((r) => (r.ok ? `ok ${r.value.restarting}` : r.error.code)).sort();
    expect(results).toEqual(['BUSY', 'ok true']);
    await asked;
    expect(restarted).toBe(1);
    // Still restoring until the host closes this core: a backup now would copy the wrong file.
    const later = await t.call('backup.create', { folder: join(t.dir, 'usb') });
    expect(later.ok ? 'ok' : later.error.code).toBe('BUSY');
  });

  it('refuses a corrupt backup, another station’s (wrong key), a newer app’s, and a file that is no database', async () => {
    const t = await station(2);
    const file = await backupOf(t);

    const corrupt = join(t.dir, 'hong.db');
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 4096 * 2 + 100, 4096 * 2 + 600);
    writeFileSync(corrupt, bytes);
    expect(await refusal(t, corrupt)).toMatch(/^FILE_INVALID .*hỏng/);

    const other = await station(1);
    const foreign = await backupOf(other);
    expect(await refusal(t, foreign)).toMatch(/^DB_KEY_INVALID .*khóa của trạm/);

    const newer = join(t.dir, 'moi-hon.db');
    copyFileSync(file, newer);
    const key = readKeyFile(keyFileFor(t.core.database.file), plainProtector);
    const db = openSqlite({ file: newer, key, mustExist: true });
    db.prepare(`INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_future', '2030-01-01')`).run();
    db.close();
    expect(await refusal(t, newer)).toMatch(/^DB_TOO_NEW .*mới hơn/);

    const text = join(t.dir, 'ghi-chu.db');
    writeFileSync(text, 'đây không phải cơ sở dữ liệu\n');
    expect(await refusal(t, text)).toMatch(/^FILE_INVALID .*không phải/);

    expect(await refusal(t, join(t.dir, 'khong-co.db'))).toMatch(/^NOT_FOUND/);
    // None of it is on the trail as a restore.
    expect(actions(t.core)).not.toContain('backup.restore');
  });

  it('is for the administrator, and needs the explicit confirmation', async () => {
    const t = await station(1);
    const file = await backupOf(t);
    const r = await t.call('backup.restore', { file, confirm: false as true });
    expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_INPUT');
    await t.ok('users.create', {
      username: 'xem',
      fullName: 'Trần Xem',
      password: 'chi-xem-1234',
      role: 'viewer',
    });
    await t.ok('auth.logout', {});
    await t.ok('auth.login', { username: 'xem', password: 'chi-xem-1234' });
    const viewer = await t.call('backup.restore', { file, confirm: true });
    expect(viewer.ok ? 'ok' : viewer.error.code).toBe('FORBIDDEN');
    await t.ok('auth.logout', {});
    await t.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
  });
});
