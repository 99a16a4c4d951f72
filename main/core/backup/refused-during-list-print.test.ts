/**
 * A printed list is read by its own worker from the database file (reports/list-print/run.ts): a
 * restore or a rekey while it reads is refused in words, as during a batch, and goes through after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';
import { vnDay } from '../clock.ts';
import { listPrinting } from '../reports/list-print/run.ts';

let t: TestCore | null = null;
let folder = '';
afterEach(() => {
  t?.close();
  t = null;
  if (folder) rmSync(folder, { recursive: true, force: true });
});

it('refuses a restore while a list is being printed, and lets it through once the list is kept', async () => {
  const core = await makeSignedInCore();
  t = core;
  folder = mkdtempSync(join(tmpdir(), 'hssk-list-bk-'));
  await core.ok('persons.create', {
    person: personInput({ fullName: 'Phan Văn Một', sex: 'M', birthDate: '1970-01-01' }),
  });
  const backup = await core.ok('backup.create', { folder });
  const today = vnDay(new Date());
  const printing = core.ok('reports.worklistPrint', {
    from: `${today.slice(0, 4)}-01-01`,
    to: today,
    kind: 'not-examined',
  });
  await expect.poll(() => listPrinting(core.core.ctx), { interval: 1 }).toBe(true);
  expect(await core.call('backup.restore', { file: join(folder, backup.file), confirm: true })).toEqual({
    ok: false,
    error: {
      code: 'BUSY',
      message:
        'Đang tạo tệp in của một danh sách. Chờ danh sách in xong (vài giây, đến nửa phút với danh sách rất dài) rồi phục hồi.',
    },
  });
  expect((await printing).rows).toBe(1);
  expect(listPrinting(core.core.ctx)).toBe(false);
  expect((await core.call('backup.restore', { file: join(folder, backup.file), confirm: true })).ok).toBe(
    true,
  );
});
