/**
 * A database the app cannot open is a screen that says why and what to do, not a crash: a newer
 * app's schema, a missing or unreadable key, a damaged file. The stand-in core answers the first
 * screen's questions with the one fatal check and refuses everything else, and the station's file
 * is left exactly as it was.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StartupReport } from '#contract/ops/system.ts';
import { memoryBinding } from '../../../test/helpers/core.ts';
import { createCore, type Core } from '../../core/app.ts';
import { openSqlite } from '../../core/db/sqlite.ts';
import { plainProtector, readKeyFile } from '../../core/db/keystore.ts';
import { silentLogger } from '../../core/log.ts';
import { dataPaths, keyFileFor } from '../../core/paths.ts';
import { createCoreOrBlocked } from './blocked-core.ts';

let dir = '';
const opened: Core[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A station's data folder with an encrypted database, closed again. */
function stationFolder(): { dbFile: string; key: Buffer } {
  dir = mkdtempSync(join(tmpdir(), 'hssk-blocked-'));
  createCore({ host: 'cli', dataDir: dir, log: silentLogger }).close();
  const { dbFile } = dataPaths(dir);
  return { dbFile, key: readKeyFile(keyFileFor(dbFile), plainProtector) };
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function open(dbFile: string) {
  const problems: unknown[] = [];
  const r = createCoreOrBlocked({ host: 'loopback', dataDir: dir, dbFile, log: silentLogger }, (p) =>
    problems.push(p),
  );
  opened.push(r.core);
  return { ...r, problems };
}

async function screen(core: Core) {
  const r = await core.call(memoryBinding(), 'system.startupChecks', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value as StartupReport;
}

describe('a database the app cannot open', () => {
  it('newer than the app: a clear screen naming the update to install, the file untouched', async () => {
    const { dbFile, key } = stationFolder();
    const db = openSqlite({ file: dbFile, key });
    db.prepare(
      "INSERT INTO schema_migrations (name, applied_at) VALUES ('0099_from_the_future', '2030-01-01')",
    ).run();
    db.close();
    const before = sha(dbFile);

    const { core, blocked } = open(dbFile);
    expect(blocked).toMatchObject({ id: 'dbTooNew', level: 'fatal', path: dbFile });
    const report = await screen(core);
    expect(report.blocked).toBe(true);
    expect(report.checks).toHaveLength(1);
    expect(report.checks[0].title).toBe('Cơ sở dữ liệu được tạo bởi phiên bản mới hơn của phần mềm');
    expect(report.checks[0].action).toContain('Cài phiên bản HSSK Trạm mới nhất');
    expect(report.checks[0].message).toMatch(/phiên bản này chỉ biết đến bậc \d+/);

    // The first screen still gets its status; anything else is refused with the reason.
    expect((await core.call(memoryBinding(), 'system.status', {})).ok).toBe(true);
    const refused = await core.call(memoryBinding(), 'station.setup', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'DB_TOO_NEW' } });
    core.close();
    opened.length = 0;
    expect(sha(dbFile)).toBe(before);
  });

  it('its key file missing: points to the recovery key and the key file’s path', async () => {
    const { dbFile } = stationFolder();
    unlinkSync(keyFileFor(dbFile));
    const { core, blocked } = open(dbFile);
    expect(blocked).toMatchObject({
      id: 'key',
      level: 'fatal',
      title: 'Không tìm thấy khóa mã hóa của cơ sở dữ liệu',
      path: keyFileFor(dbFile),
    });
    expect(blocked?.action).toContain('khóa khôi phục');
    expect((await screen(core)).blocked).toBe(true);
    expect(await core.call(memoryBinding(), 'persons.search', { query: 'An' })).toMatchObject({
      ok: false,
      error: { code: 'DB_KEY_INVALID' },
    });
  });

  it('its key file unreadable or another database’s key: the same screen, "cannot read"', () => {
    const { dbFile } = stationFolder();
    const keyFile = keyFileFor(dbFile);
    const good = readFileSync(keyFile);
    writeFileSync(keyFile, '{"version":1,"protector":"plain","key":"');
    expect(open(dbFile).blocked).toMatchObject({
      id: 'key',
      title: 'Không đọc được khóa mã hóa của cơ sở dữ liệu',
    });
    // A valid key file, but for another database.
    writeFileSync(
      keyFile,
      JSON.stringify({ version: 1, protector: 'plain', key: Buffer.alloc(32, 7).toString('base64') }),
    );
    expect(open(dbFile).blocked).toMatchObject({
      id: 'key',
      title: 'Không đọc được khóa mã hóa của cơ sở dữ liệu',
    });
    writeFileSync(keyFile, good);
    expect(open(dbFile).blocked).toBeNull();
  });

  it('its first page damaged: "damaged, restore from a backup"', () => {
    dir = mkdtempSync(join(tmpdir(), 'hssk-blocked-'));
    const { dbFile } = dataPaths(dir);
    createCore({ host: 'cli', dataDir: dir, encryptNew: false, log: silentLogger }).close();
    const bytes = readFileSync(dbFile);
    bytes.fill(0x5a, 100, 4096); // the schema page's b-tree, after the header
    writeFileSync(dbFile, bytes);
    const { blocked, problems } = open(dbFile);
    expect(blocked).toMatchObject({
      id: 'database',
      level: 'fatal',
      title: 'Cơ sở dữ liệu bị hỏng, không mở được',
    });
    expect(problems).toHaveLength(1);
  });
});
