/** The desktop app restarts into a restored database (Electron mocked: its runtime is not installed here). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { makeSignedInCore, openCoreAt, TEST_STATION } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';
import { backupBeforeQuit, relaunchOnRestore } from './restart.ts';

const h = vi.hoisted(() => ({
  calls: [] as string[],
  listeners: new Map<string, (event: { preventDefault(): void }) => void>(),
}));
vi.mock('electron', () => ({
  app: {
    relaunch: () => h.calls.push('relaunch'),
    exit: (code: number) => h.calls.push(`exit ${code}`),
    quit: () => h.calls.push('quit'),
    on: (event: string, l: (event: { preventDefault(): void }) => void) => h.listeners.set(event, l),
  },
}));

it('closes the database, relaunches and exits once a restore has answered; the new start swaps it in', async () => {
  const t = await makeSignedInCore();
  try {
    const b = await t.ok('backup.create', { folder: join(t.dir, 'usb') });
    await t.ok('persons.create', {
      person: personInput({ fullName: 'Phạm Thị Sau Sao Lưu' }),
      confirmSimilar: true,
    });
    relaunchOnRestore(t.core, t.core.ctx.log);
    const r = await t.ok('backup.restore', { file: join(b.folder, b.file), confirm: true });
    expect(r.restarting).toBe(true);
    await vi.waitFor(() => expect(h.calls).toEqual(['relaunch', 'exit 0']), { timeout: 5000 });
    expect(t.core.ctx.store.raw.open).toBe(false);
    // What the relaunched app opens: the backup, without the resident added after it.
    const next = openCoreAt(t.dir);
    try {
      expect(next.ctx.store.raw.prepare('SELECT count(*) FROM persons').pluck().get()).toBe(0);
      expect(next.ctx.store.raw.prepare('SELECT code FROM station').pluck().get()).toBe(TEST_STATION.code);
    } finally {
      next.close();
    }
  } finally {
    t.close();
  }
});

it('holds quitting for the exit backup once, then quits', async () => {
  const t = await makeSignedInCore();
  try {
    h.calls.length = 0;
    backupBeforeQuit(() => t.core, 30_000);
    const quit = h.listeners.get('before-quit');
    let prevented = 0;
    quit?.({ preventDefault: () => (prevented += 1) });
    await vi.waitFor(() => expect(h.calls).toContain('quit'), { timeout: 20_000 });
    expect(prevented).toBe(1);
    expect(readdirSync(join(t.dir, 'backups')).some((f) => f.endsWith('-exit.db'))).toBe(true);
    // The second before-quit (from that quit) goes through.
    quit?.({ preventDefault: () => (prevented += 1) });
    expect(prevented).toBe(1);
  } finally {
    t.close();
  }
});
