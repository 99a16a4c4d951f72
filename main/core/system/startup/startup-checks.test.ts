/**
 * The start-up checks as the window asks for them (`system.startupChecks`), on real station
 * databases: the integrity checks run by the worker (quick at every start, full weekly, remembered
 * beside the database), a page damaged on disk, free space against the thresholds, a PC clock set
 * back or reset.
 */
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { StartupReport } from '#contract/ops/system.ts';
import {
  makeSignedInCore,
  makeTestCore,
  memoryBinding,
  type TestCore,
} from '../../../../test/helpers/core.ts';
import { personInput } from '../../../../test/helpers/persons.ts';
import type { Clock } from '../../clock.ts';
import { configureStartupChecks } from './checks.ts';
import { checkClock } from './clock-check.ts';
import { lastFullFileFor } from './integrity.ts';

let t: TestCore | null = null;
const opened: TestCore[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
  t?.close();
  t = null;
});

/** The same data folder opened again, as the next start of the app, with its own clock. */
function reopen(dir: string, clock?: Clock): TestCore['core'] {
  // The helper's own (empty) temporary folder is the one it removes; the station's stays.
  const next = makeTestCore({ dataDir: dir, ...(clock ? { clock } : {}) });
  opened.push(next);
  return next.core;
}

async function report(core: TestCore['core'], input: { wait?: boolean; full?: boolean } = { wait: true }) {
  const r = await core.call(memoryBinding(), 'system.startupChecks', input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as StartupReport;
}

const check = (r: StartupReport, id: string) => r.checks.find((c) => c.id === id);

describe('integrity', () => {
  it('runs the quick check at every start and the full one when a week has passed, remembering when', async () => {
    t = await makeSignedInCore();
    const first = await report(t.core);
    expect(first.blocked).toBe(false);
    expect(check(first, 'integrity')).toMatchObject({ level: 'ok' });
    // Never checked in full before: the first start does it, and it is written down.
    expect(first.lastFullIntegrityAt).not.toBeNull();
    const record = JSON.parse(readFileSync(lastFullFileFor(t.core.database.file), 'utf8')) as { at: string };
    expect(record.at).toBe(first.lastFullIntegrityAt);

    // The next start, a day later: the full check is not due, the record stays.
    t.core.close();
    const dayLater = new Date(Date.parse(record.at) + 24 * 3_600_000);
    const next = await report(reopen(t.dir, () => dayLater));
    expect(next.lastFullIntegrityAt).toBe(record.at);
    expect(check(next, 'integrity')?.level).toBe('ok');

    // Eight days later it is due again and runs.
    const weekLater = new Date(Date.parse(record.at) + 8 * 24 * 3_600_000);
    const later = await report(reopen(t.dir, () => weekLater));
    expect(later.lastFullIntegrityAt).toBe(weekLater.toISOString());
  });

  it('says "running" while the check is still going, without waiting for it', async () => {
    t = await makeSignedInCore();
    const r = await report(t.core, {});
    expect(check(r, 'integrity')?.level).toBe('running');
    expect((await report(t.core)).checks.find((c) => c.id === 'integrity')?.level).toBe('ok');
  });

  it('finds a damaged page in an encrypted database and tells the user to call for a restore', async () => {
    t = await makeSignedInCore();
    for (let i = 0; i < 60; i++)
      await t.ok('persons.create', {
        person: personInput({
          fullName: `Trần Văn Hỏng ${'ABCDEFGHIJ'[i % 10]}${i}`,
          birthDate: '1970-01-01',
        }),
        confirmSimilar: true,
      });
    const raw = t.core.database.store.raw;
    const root = raw
      .prepare("SELECT rootpage FROM sqlite_master WHERE name = 'persons'")
      .pluck()
      .get() as number;
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.pragma('wal_checkpoint(TRUNCATE)');
    const file = t.core.database.file;
    t.core.close();
    // What a failing disk does: bytes of one page of the residents' table overwritten.
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, (root - 1) * pageSize + 200);
    closeSync(fd);

    const r = await report(reopen(t.dir));
    expect(check(r, 'integrity')).toMatchObject({
      level: 'warning',
      title: 'Phát hiện lỗi trong cơ sở dữ liệu',
      path: file,
    });
    expect(check(r, 'integrity')?.action).toContain('bản sao lưu');
    // The damage is not recorded as a passed full check: the next start checks in full again.
    expect(JSON.parse(readFileSync(lastFullFileFor(file), 'utf8'))).toMatchObject({ ok: false });
  });

  it('has nothing to check on an in-memory database', async () => {
    const memory = makeTestCore({ dbFile: ':memory:', key: null });
    opened.push(memory);
    const r = await report(memory.core);
    expect(check(r, 'integrity')).toBeUndefined();
    expect(existsSync(lastFullFileFor(':memory:'))).toBe(false);
  });
});

describe('free disk space', () => {
  it('warns below the threshold, more strongly below the critical one, with the space left', async () => {
    t = await makeSignedInCore();
    const store = t.core.database.store;
    expect(check(await report(t.core), 'disk')).toMatchObject({ level: 'ok', path: t.dir });

    // Real free space of this volume, against thresholds above it.
    configureStartupChecks(store, { disk: { warnBytes: Number.MAX_SAFE_INTEGER, criticalBytes: 1 } });
    const low = check(await report(t.core), 'disk');
    expect(low).toMatchObject({ level: 'warning', title: 'Ổ đĩa chứa dữ liệu sắp đầy', path: t.dir });
    expect(low?.message).toMatch(/chỉ còn trống [\d,]+ (GB|MB)\./);

    configureStartupChecks(store, { measureDisk: () => 150 * 1024 * 1024 });
    expect(check(await report(t.core), 'disk')).toMatchObject({
      level: 'warning',
      title: 'Ổ đĩa chứa dữ liệu gần như đã đầy',
      message: 'Ổ đĩa chứa thư mục dữ liệu chỉ còn trống 150 MB.',
    });
  });
});

describe('the PC clock', () => {
  it('warns when the clock is behind the newest entry the station wrote, or reset to years ago', async () => {
    t = await makeSignedInCore();
    expect(check(await report(t.core), 'clock')?.level).toBe('ok');
    const newest = (await t.ok('audit.list', { limit: 1 }))[0].at;
    t.core.close();

    // Set back by an hour: entries written now would sort before the ones already there.
    const hourBack = new Date(Date.parse(newest) - 3_600_000);
    const behind = check(await report(reopen(t.dir, () => hourBack)), 'clock');
    expect(behind).toMatchObject({
      level: 'warning',
      title: 'Đồng hồ máy tính đang chậm hơn dữ liệu đã ghi',
    });
    expect(behind?.action).toContain('Đặt giờ tự động');

    // The same rule without reopening: a minute of drift is fine, a dead clock battery (the PC
    // wakes up in 2000) and years ahead of everything the station wrote are not.
    expect(checkClock(new Date(Date.parse(newest) - 60_000), newest).level).toBe('ok');
    expect(checkClock(new Date('2000-01-01T00:00:00Z'), newest)).toMatchObject({
      level: 'warning',
      title: 'Ngày giờ của máy tính không đúng',
    });
    expect(checkClock(new Date('2000-01-01T00:00:00Z'), null).title).toBe('Ngày giờ của máy tính không đúng');
    expect(checkClock(new Date(Date.parse(newest) + 5 * 366 * 24 * 3_600_000), newest)).toMatchObject({
      level: 'warning',
      title: 'Đồng hồ máy tính có thể đang chạy nhanh',
    });
  });
});
