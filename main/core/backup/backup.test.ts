/**
 * Backups as the admin takes them (`backup.create`, what `hssk backup` calls): a real copy of a real
 * encrypted station database, written by the worker, checked, named, rotated, audited.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, memoryBinding, type TestCore } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';
import { readKeyFile, plainProtector } from '../db/keystore.ts';
import { openSqlite } from '../db/sqlite.ts';
import { keyFileFor } from '../paths.ts';
import { backupFileName, readManifest } from './files.ts';

let t: TestCore;
afterEach(() => t?.close());

async function stationWithResidents(n: number): Promise<TestCore> {
  t = await makeSignedInCore();
  for (let i = 0; i < n; i++)
    await t.ok('persons.create', {
      person: personInput({
        fullName: `Hoàng Thị Sao Lưu ${'ABCDEFGHIJ'[i % 10]}`,
        birthDate: `19${60 + i}-01-01`,
      }),
      confirmSimilar: true,
    });
  return t;
}

const stationKey = () => readKeyFile(keyFileFor(t.core.database.file), plainProtector);

describe('backup.create', () => {
  it('writes an encrypted, checked copy with a manifest of what it holds, owner-only, and audits it', async () => {
    await stationWithResidents(3);
    const folder = join(t.dir, 'usb');
    const taken = await t.ok('backup.create', { folder });
    expect(taken).toMatchObject({ folder, integrity: 'ok', counts: { persons: 3 }, removed: [] });
    const path = join(folder, taken.file);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readManifest(path)).toMatchObject({ file: taken.file, counts: { persons: 3 }, reason: 'manual' });

    // Encrypted: no name in the bytes, unreadable without the key, whole with it.
    expect(readFileSync(path).includes(Buffer.from('Sao Lưu'))).toBe(false);
    expect(() => openSqlite({ file: path, mustExist: true, readonly: true })).toThrow();
    const copy = openSqlite({ file: path, key: stationKey(), readonly: true, mustExist: true });
    expect(copy.prepare('SELECT count(*) FROM persons').pluck().get()).toBe(3);
    copy.close();
    // Nothing half-written is left beside it, and the manifest says nothing personal.
    expect(readdirSync(folder).sort()).toEqual([taken.file, taken.file.replace(/\.db$/, '.json')].sort());
    expect(readFileSync(join(folder, taken.file.replace(/\.db$/, '.json')), 'utf8')).not.toContain('Hoàng');

    const trail = await t.ok('audit.list', { limit: 5 });
    expect(JSON.stringify(trail)).toContain('backup.create');
  });

  it('goes to the data folder’s backups/ when no folder is given', async () => {
    await stationWithResidents(1);
    const taken = await t.ok('backup.create', {});
    expect(taken.folder).toBe(join(t.dir, 'backups'));
    expect(readdirSync(join(t.dir, 'backups'))).toContain(taken.file);
  });

  it('keeps 7 daily, 4 weekly and 12 monthly backups of this station, and never touches other files', async () => {
    await stationWithResidents(1);
    const folder = join(t.dir, 'usb');
    mkdirSync(folder);
    const station = (await t.ok('system.status', {})).station?.code ?? '';
    // Sixty days of earlier daily backups (stand-ins: only their names matter to the rotation).
    const now = Date.now();
    for (let d = 1; d <= 60; d++)
      writeFileSync(join(folder, backupFileName(station, new Date(now - d * 86_400_000), 'daily')), '');
    writeFileSync(join(folder, 'ghi-chu.txt'), 'không phải bản sao lưu');
    writeFileSync(join(folder, backupFileName('99999', new Date(now - 90 * 86_400_000), 'daily')), '');

    const taken = await t.ok('backup.create', { folder });
    const left = readdirSync(folder).filter((f) => f.startsWith(`hssk-${station}-`) && f.endsWith('.db'));
    // Today's + 6 earlier days, then weeks and months back to two months ago: well under 61.
    expect(left).toContain(taken.file);
    expect(left.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(left.length).toBeGreaterThanOrEqual(7 + 2);
    expect(taken.removed.length).toBe(61 - left.length);
    expect(readdirSync(folder)).toContain('ghi-chu.txt');
    expect(readdirSync(folder).some((f) => f.startsWith('hssk-99999-'))).toBe(true);
  });

  it('says in Vietnamese when the folder cannot be written, and leaves nothing behind', async () => {
    await stationWithResidents(1);
    const blocker = join(t.dir, 'not-a-folder');
    writeFileSync(blocker, 'a file where the folder should be');
    const r = await t.call('backup.create', { folder: join(blocker, 'backups') });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/thư mục sao lưu/);
    const relative = await t.call('backup.create', { folder: 'usb/backups' });
    expect(relative.ok).toBe(false);
    if (!relative.ok) expect(relative.error.message).toContain('Thư mục sao lưu');
  });

  it('is for the administrator only', async () => {
    await stationWithResidents(1);
    await t.ok('users.create', {
      username: 'dieuduong',
      fullName: 'Nguyễn Thị Lan',
      password: 'dieu-duong-1',
      role: 'clinician',
    });
    const nurse = memoryBinding();
    await t.ok('auth.login', { username: 'dieuduong', password: 'dieu-duong-1' }, nurse);
    const r = await t.call('backup.create', {}, nurse);
    expect(r.ok ? 'ok' : r.error.code).toBe('FORBIDDEN');
  });
});
