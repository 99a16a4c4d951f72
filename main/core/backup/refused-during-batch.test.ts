/**
 * A restore would swap the database under a batch print's worker (and its audit entries); a rekey
 * would re-encrypt the file the worker reads with the old key. Both are refused, in words, while a
 * batch runs, and go through once it has finished.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { vnDay } from '../clock.ts';
import { batchFinished } from '../forms/batch/service.ts';
import { makeSampleResident } from '../forms/testing.ts';

let t: TestCore | null = null;
let folder = '';
afterEach(() => {
  t?.close();
  t = null;
  if (folder) rmSync(folder, { recursive: true, force: true });
});

it('refuses a restore and a rekey while a batch print runs, with a message that says so', async () => {
  t = await makeSignedInCore();
  folder = mkdtempSync(join(tmpdir(), 'hssk-batch-bk-'));
  const ids = [await makeSampleResident(t.ok, [vnDay(new Date())], { fullName: 'Phan Văn Một' })];
  const backup = await t.ok('backup.create', { folder });
  const { jobId } = await t.ok('forms.batchStart', {
    selection: { kind: 'ids', ids },
    form: 'record',
    output: 'one-pdf',
  });
  const restore = await t.call('backup.restore', { file: join(folder, backup.file), confirm: true });
  expect(restore).toEqual({
    ok: false,
    error: {
      code: 'BUSY',
      message: 'Đang in hàng loạt hồ sơ. Chờ lô in xong (hoặc hủy lô in ở màn hình In ấn) rồi phục hồi.',
    },
  });
  expect(await t.call('backup.rekey', { confirm: true })).toEqual({
    ok: false,
    error: {
      code: 'BUSY',
      message: 'Đang in hàng loạt hồ sơ. Chờ lô in xong (hoặc hủy lô in ở màn hình In ấn) rồi đổi khóa.',
    },
  });
  await batchFinished(t.core.ctx, jobId);
  expect((await t.ok('forms.jobs', {})).jobs.find((j) => j.id === jobId)?.status).toBe('done');
  // Once it is over, the rekey goes through.
  expect((await t.ok('backup.rekey', { confirm: true })).recoveryKey).toMatch(
    /^([0-9A-Z]{5}-){10}[0-9A-Z]{5}$/,
  );
});
