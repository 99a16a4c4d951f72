/**
 * A CSV whose one cell is 12 MiB (a missing closing quote swallowing a file, or an attack) is
 * refused with a clear Vietnamese message, not an INTERNAL error from a regular expression's
 * stack (issue 12, defect 8).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../../test/helpers/core.ts';
import { readTable } from './read-table.ts';

let t: TestCore | undefined;
afterEach(() => t?.close());

const bigCell = () => Buffer.from(`Họ và tên,Ngày sinh\r\n${'A'.repeat(12 * 1024 * 1024)},1990\r\n`, 'utf8');

describe('a CSV with a 12 MiB cell', () => {
  it('is refused by the reader, naming the line and column', async () => {
    const r = await readTable('ds.csv', bigCell());
    expect(r).toMatchObject({ ok: false, error: { code: 'CELL_TOO_LONG' } });
    if (!r.ok) expect(r.error.message).toMatch(/dòng 2, cột 1 dài hơn 32\.767 ký tự/);
  });

  it('is refused through the import operation with that message, not INTERNAL', async () => {
    t = await makeSignedInCore();
    const r = await t.call('imports.open', { fileName: 'ds.csv', dataBase64: bigCell().toString('base64') });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).not.toBe('INTERNAL');
      expect(r.error.message).toMatch(/dài hơn 32\.767 ký tự/);
    }
  });
});
