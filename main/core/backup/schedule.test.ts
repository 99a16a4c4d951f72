/**
 * The backup schedule: settings saved through the operation (folder checked), the daily time in
 * station time, a day missed while the PC was off made up at the next start (a fake clock), and
 * the bounded wait on exit.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { markDailyTaken } from './repo/settings.ts';
import { backupOnExit, dailyMissed, lastDueAt, startBackupScheduler } from './schedule.ts';

let t: TestCore;
afterEach(() => t?.close());

describe('backup schedule', () => {
  it('knows when the daily backup was last due, in Vietnam time', () => {
    // 17:30 in Vietnam is 10:30 UTC.
    expect(lastDueAt('17:30', new Date('2026-12-07T11:00:00Z')).toISOString()).toBe(
      '2026-12-07T10:30:00.000Z',
    );
    expect(lastDueAt('17:30', new Date('2026-12-07T10:00:00Z')).toISOString()).toBe(
      '2026-12-06T10:30:00.000Z',
    );
    // 06:00 on the 8th in Vietnam is still the 7th in UTC.
    expect(lastDueAt('06:00', new Date('2026-12-07T23:30:00Z')).toISOString()).toBe(
      '2026-12-07T23:00:00.000Z',
    );
    const s = { enabled: true, saved: true };
    expect(
      dailyMissed({ ...s, lastDailyAt: '2026-12-06T10:30:05Z' }, '17:30', new Date('2026-12-07T11:00:00Z')),
    ).toBe(true);
    expect(
      dailyMissed({ ...s, lastDailyAt: '2026-12-07T10:30:05Z' }, '17:30', new Date('2026-12-07T11:00:00Z')),
    ).toBe(false);
    expect(dailyMissed({ ...s, enabled: false, lastDailyAt: null }, '17:30', new Date())).toBe(false);
    // Never taken and never configured: the first one comes at the set time, not at first start.
    expect(dailyMissed({ enabled: true, saved: false, lastDailyAt: null }, '17:30', new Date())).toBe(false);
  });

  it('saves a checked folder and time, and refuses a folder inside the data folder or one that cannot be written', async () => {
    t = await makeSignedInCore();
    const usb = join(t.dir, '..', `${t.dir.split('/').pop()}-usb`);
    const saved = await t.ok('backup.saveSettings', { folder: usb, dailyTime: '06:45', enabled: true });
    expect(saved).toMatchObject({ folder: usb, effectiveFolder: usb, dailyTime: '06:45', enabled: true });
    expect(
      new Date(saved.nextDailyAt ?? '').getUTCHours() * 60 +
        new Date(saved.nextDailyAt ?? '').getUTCMinutes(),
    ).toBe(23 * 60 + 45);
    // A manual backup now goes there.
    const b = await t.ok('backup.create', {});
    expect(b.folder).toBe(usb);
    const inside = await t.call('backup.saveSettings', {
      folder: join(t.dir, 'sao-luu'),
      dailyTime: '06:45',
      enabled: true,
    });
    expect(inside.ok ? 'ok' : inside.error.message).toMatch(/ngoài thư mục dữ liệu/);
    const file = join(`${usb}`, 'a-file');
    writeFileSync(file, 'not a folder');
    const blocked = await t.call('backup.saveSettings', {
      folder: join(file, 'sao-luu'),
      dailyTime: '06:45',
      enabled: true,
    });
    expect(blocked.ok ? 'ok' : blocked.error.message).toMatch(/Không tạo được thư mục sao lưu/);
    const badTime = await t.call('backup.saveSettings', { folder: null, dailyTime: '25:00', enabled: true });
    expect(badTime.ok ? 'ok' : badTime.error.code).toBe('INVALID_INPUT');
    expect((await t.ok('backup.settings', {})).folder).toBe(usb);
  });

  it('makes up a daily backup missed while the PC was off, at the next start', async () => {
    let now = new Date('2026-12-07T12:00:00Z');
    t = await makeSignedInCore({ clock: () => now });
    await t.ok('backup.saveSettings', { folder: null, dailyTime: '17:30', enabled: true });
    markDailyTaken(t.core.ctx.store, '2026-12-05T10:30:02Z');
    const scheduler = startBackupScheduler(t.core.ctx);
    try {
      const taken = await scheduler.catchUp;
      expect(taken).toMatchObject({ reason: 'daily', counts: { persons: 0 } });
      expect((await t.ok('backup.settings', {})).lastDailyAt).toBe(now.toISOString());
      // Started again the same evening: nothing is missed any more.
      now = new Date('2026-12-07T13:00:00Z');
      const again = startBackupScheduler(t.core.ctx);
      expect(again.catchUp).toBeNull();
      again.stop();
    } finally {
      scheduler.stop();
    }
    expect(readdirSync(join(t.dir, 'backups')).filter((f) => f.endsWith('.db'))).toEqual([
      expect.stringMatching(/-daily\.db$/),
    ]);
  });

  it('takes a backup on exit, and gives up waiting after the allowed time with a log line', async () => {
    let now = new Date();
    t = await makeSignedInCore({ clock: () => now });
    expect(await backupOnExit(t.core.ctx, 30_000)).toBe('taken');
    // A minute later (a backup's name has the second it was taken in).
    now = new Date(now.getTime() + 60_000);
    expect(readdirSync(join(t.dir, 'backups')).some((f) => f.endsWith('-exit.db'))).toBe(true);
    mkdirSync(join(t.dir, 'backups'), { recursive: true });
    // A wait of 0 ms cannot hold any copy: the exit goes on, and the log says so.
    expect(await backupOnExit(t.core.ctx, 0)).toBe('timeout');
    expect(t.logs.some((l) => l.msg.includes('exit backup skipped'))).toBe(true);
  });
});
