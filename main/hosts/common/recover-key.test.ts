/**
 * The blocked screen of a database whose key file is gone: the recovery key typed there opens the
 * database, writes a new key file and restarts into the real core. Public before sign-in, so the
 * tries are counted: ten per quarter of an hour, and a burst of parallel tries gets no more than
 * the same tries one after another.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryBinding } from '../../../test/helpers/core.ts';
import { onRestartRequested } from '../../core/backup/restart.ts';
import { createCore, type Core } from '../../core/app.ts';
import { plainProtector, readKeyFile } from '../../core/db/keystore.ts';
import { encodeRecoveryKey } from '../../core/db/recovery-key.ts';
import { silentLogger } from '../../core/log.ts';
import { dataPaths, keyFileFor } from '../../core/paths.ts';
import { createCoreOrBlocked } from './blocked-core.ts';

let dir = '';
const opened: Core[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let now = Date.parse('2026-12-07T02:00:00Z');
const clock = () => new Date(now);

/** A station whose key file was lost: its recovery key (from the sheet) and the blocked core. */
function lostKey(): { dbFile: string; recoveryKey: string; core: Core; restarts: () => number } {
  dir = mkdtempSync(join(tmpdir(), 'hssk-lostkey-'));
  createCore({ host: 'cli', dataDir: dir, log: silentLogger }).close();
  const { dbFile } = dataPaths(dir);
  const recoveryKey = encodeRecoveryKey(readKeyFile(keyFileFor(dbFile), plainProtector));
  unlinkSync(keyFileFor(dbFile));
  const { core, blocked } = createCoreOrBlocked(
    { host: 'loopback', dataDir: dir, dbFile, log: silentLogger, clock },
    () => undefined,
  );
  expect(blocked?.id).toBe('key');
  opened.push(core);
  let restarts = 0;
  onRestartRequested(core.ctx.store, () => (restarts += 1));
  return { dbFile, recoveryKey, core, restarts: () => restarts };
}

const wrongKey = () => encodeRecoveryKey(randomBytes(32));
const codes = (rs: { ok: boolean; error?: { code: string } }[]) =>
  rs
    .map((r) => (r.ok ? 'OK' : r.error?.code))
    .reduce<Record<string, number>>((m, c = '?') => ({ ...m, [c]: (m[c] ?? 0) + 1 }), {});

describe('opening the database with its recovery key on the blocked screen', () => {
  it('opens it with the right key, writes a new key file and restarts into the real core', async () => {
    const { dbFile, recoveryKey, core, restarts } = lostKey();
    const typo = await core.call(memoryBinding(), 'backup.recoverKey', {
      recoveryKey: recoveryKey.slice(0, -1) + (recoveryKey.endsWith('0') ? '1' : '0'),
    });
    expect(typo).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Mã khôi phục không đúng: kiểm tra lại từng ký tự trên tờ mã khôi phục.',
      },
    });
    const other = await core.call(memoryBinding(), 'backup.recoverKey', { recoveryKey: wrongKey() });
    expect(other).toMatchObject({
      ok: false,
      error: {
        code: 'DB_KEY_INVALID',
        message: 'Mã khôi phục này không mở được cơ sở dữ liệu này (có thể là mã của trạm khác).',
      },
    });
    const flood = await core.call(memoryBinding(), 'backup.recoverKey', { recoveryKey: 'A'.repeat(121) });
    expect(flood).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!flood.ok) expect(flood.error.message).toContain('Mã khôi phục');
    // Spaces instead of dashes, lower case: as people type it.
    const right = await core.call(memoryBinding(), 'backup.recoverKey', {
      recoveryKey: recoveryKey.toLowerCase().replaceAll('-', ' '),
    });
    expect(right).toEqual({ ok: true, value: { restarting: true } });
    await new Promise((r) => setTimeout(r, 150));
    expect(restarts()).toBe(1);
    // What the restart opens: the real database, from the new key file.
    const real = createCore({ host: 'loopback', dataDir: dir, dbFile, log: silentLogger });
    opened.push(real);
    expect(real.database.encrypted).toBe(true);
  });

  it('gives a burst of 30 parallel tries exactly the 10 tries that 30 serial ones get, then refuses even the right key until the quarter hour is over', async () => {
    const serial = lostKey();
    const serialResults = [];
    for (let i = 0; i < 30; i++)
      serialResults.push(
        await serial.core.call(memoryBinding(), 'backup.recoverKey', { recoveryKey: wrongKey() }),
      );
    expect(codes(serialResults)).toEqual({ DB_KEY_INVALID: 10, BUSY: 20 });
    opened.splice(0).forEach((c) => c.close());
    rmSync(dir, { recursive: true, force: true });

    const { recoveryKey, core } = lostKey();
    const burst = await Promise.all(
      Array.from({ length: 30 }, () =>
        core.call(memoryBinding(), 'backup.recoverKey', { recoveryKey: wrongKey() }),
      ),
    );
    expect(codes(burst)).toEqual({ DB_KEY_INVALID: 10, BUSY: 20 });
    const refused = await core.call(memoryBinding(), 'backup.recoverKey', { recoveryKey });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'BUSY',
        message: 'Đã nhập sai mã khôi phục quá nhiều lần. Vui lòng thử lại sau 15 phút.',
      },
    });
    now += 15 * 60_000 + 1000;
    expect(await core.call(memoryBinding(), 'backup.recoverKey', { recoveryKey })).toMatchObject({
      ok: true,
    });
  });

  it('is not offered by a core whose database opened', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hssk-lostkey-'));
    const core = createCore({ host: 'cli', dataDir: dir, log: silentLogger });
    opened.push(core);
    expect(await core.call(memoryBinding(), 'backup.recoverKey', { recoveryKey: wrongKey() })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Cơ sở dữ liệu đang mở bình thường: không cần nhập mã khôi phục.' },
    });
  });
});
