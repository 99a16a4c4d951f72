/**
 * `audit.export`: the admin's audit viewer saved as an XLSX workbook with the filters on screen
 * (user, resident, action, dates), read back with exceljs: Vietnamese column titles, each entry
 * in words, nothing but the filtered entries, formula text neutralised, and the export itself on
 * the trail.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, memoryBinding, TEST_ADMIN, type TestCore } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';

let t: TestCore;
afterEach(() => t?.close());

async function sheetOf(base64: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Nhật ký truy cập');
  if (!ws) throw new Error('no sheet named Nhật ký truy cập');
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('audit.export', () => {
  it('writes exactly the filtered entries, in words, under Vietnamese column titles, and audits itself', async () => {
    t = await makeSignedInCore();
    const hong = await t.ok('persons.create', {
      person: personInput({ fullName: 'Phạm Thị Hồng', sex: 'F', birthDate: '1958-03-02' }),
    });
    const an = await t.ok('persons.create', { person: personInput({ fullName: 'Lê Văn An' }) });
    await t.ok('record.get', { personId: hong.id });
    await t.ok('record.get', { personId: an.id });
    await t.ok('record.get', { personId: hong.id });

    // Hồng's record views only.
    const out = await t.ok('audit.export', { entityId: hong.id, action: 'record.read' });
    expect(out).toMatchObject({ rows: 2, truncated: false });
    expect(out.fileName).toMatch(/^nhat-ky-truy-cap-\d{4}-\d\d-\d\d\.xlsx$/);
    const rows = await sheetOf(out.contentBase64);
    expect(rows[0]).toEqual([
      'STT',
      'Thời điểm',
      'Người thực hiện',
      'Vai trò',
      'Thao tác',
      'Đối tượng',
      'Chi tiết',
      'Mã thao tác',
      'Số thứ tự trong nhật ký',
    ]);
    expect(rows).toHaveLength(3);
    for (const r of rows.slice(1)) {
      expect(r.slice(2, 6)).toEqual([
        TEST_ADMIN.fullName,
        'Quản trị',
        'Xem hồ sơ sức khỏe',
        'Phạm Thị Hồng (1958)',
      ]);
      expect(r[1]).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
      expect(r[7]).toBe('record.read');
    }
    // Newest first, like the screen.
    expect(Number(rows[1][8])).toBeGreaterThan(Number(rows[2][8]));

    // The export is on the trail, on Hồng's own trail too, with the filters it used.
    const [last] = await t.ok('audit.list', { limit: 1 });
    expect(last).toMatchObject({ action: 'audit.export', entityId: hong.id });
    expect(last.details).toMatchObject({ rows: 2, filters: { action: 'record.read' } });
    expect(last.view.what).toBe('Xuất nhật ký truy cập ra tệp Excel');

    // By user and by days: the admin's whole day, and nothing on a day without work.
    const all = await t.ok('audit.export', { userId: last.userId ?? '' });
    expect(all.rows).toBeGreaterThan(5);
    expect((await t.ok('audit.export', { from: '2001-01-01', to: '2001-01-31' })).rows).toBe(0);
  });

  it('neutralises text a spreadsheet would run as a formula', async () => {
    t = await makeSignedInCore();
    await t.ok('users.create', {
      username: 'congthuc',
      fullName: '=HYPERLINK("x")',
      role: 'viewer',
      password: 'chi-xem-1234',
    });
    await t.ok('auth.login', { username: 'congthuc', password: 'chi-xem-1234' }, memoryBinding());
    const out = await t.ok('audit.export', { action: 'auth.login' });
    const rows = await sheetOf(out.contentBase64);
    // Newest first: the formula-named account's sign-in, in the "who" column.
    expect(rows[1][2]).toBe(`'=HYPERLINK("x")`);
  });

  it('is the admin’s: a clinician is refused', async () => {
    t = await makeSignedInCore();
    await t.ok('users.create', {
      username: 'bacsi',
      fullName: 'Trần Bác Sĩ',
      role: 'clinician',
      password: 'bac-si-12345',
    });
    const other = memoryBinding();
    await t.ok('auth.login', { username: 'bacsi', password: 'bac-si-12345' }, other);
    expect(await t.call('audit.export', {}, other)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
