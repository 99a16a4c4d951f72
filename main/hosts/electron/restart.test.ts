/** The desktop app restarts into a restored database (Electron mocked: its runtime is not installed here). */
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { makeSignedInCore, openCoreAt, TEST_STATION } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';
import { relaunchOnRestore } from './restart.ts';

const h = vi.hoisted(() => ({ calls: [] as string[] }));
vi.mock('electron', () => ({
  app: {
    relaunch: () => h.calls.push('relaunch'),
    exit: (code: number) => h.calls.push(`exit ${code}`),
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
    await vi.waitFor(() => expect(h.calls).toEqual(['relaunch', 'exit 0']));
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
