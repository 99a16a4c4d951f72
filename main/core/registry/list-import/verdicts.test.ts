/**
 * Issue 8, point 4 on a real station database: impossible birth dates are errors and never
 * imported, every value left out is named in the row's verdict and in the report, and every count
 * equals the length of its list.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { IMPORT_VIEWS, type ImportRowView, type ImportView } from '#contract/ops/import.ts';
import { makeSignedInCore, type TestCore } from '../../../../test/helpers/core.ts';
import { personInput } from '../../../../test/helpers/persons.ts';
import { plainProtector, readKeyFile } from '../../db/keystore.ts';
import { keyFileFor } from '../../paths.ts';
import { allowImportWorker } from './worker-source.ts';

let t: TestCore;
afterEach(() => t?.close());

/** A station whose imports are read and planned in the import worker, as in the app. */
async function signedIn(): Promise<TestCore> {
  const core = await makeSignedInCore();
  const file = core.core.database.file;
  allowImportWorker(core.core.ctx.store, { file, key: readKeyFile(keyFileFor(file), plainProtector) });
  return core;
}

const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');

async function dryRun(lines: string[]) {
  const opened = await t.ok('imports.open', {
    fileName: 'ds.csv',
    dataBase64: csv(lines).toString('base64'),
  });
  const dry = await t.ok('imports.dryRun', { importId: opened.importId, mapping: opened.detection.mapping });
  return { opened, dry, importId: opened.importId, mapping: opened.detection.mapping };
}
async function listRows(importId: string, view: ImportView, limit = 500): Promise<ImportRowView[]> {
  const rows: ImportRowView[] = [];
  for (;;) {
    const page = await t.ok('imports.rows', { importId, view, offset: rows.length, limit });
    rows.push(...page.rows);
    if (rows.length >= page.total || page.rows.length === 0) return rows;
  }
}
const said = (r: ImportRowView | undefined) => (r?.notes ?? []).map((n) => n.text);
const persons = () =>
  t.core.ctx.store.raw
    .prepare(`SELECT full_name, birth_date, phone_mobile, ethnicity_code FROM persons ORDER BY full_name`)
    .all() as { full_name: string; birth_date: string; phone_mobile: string; ethnicity_code: string }[];
const ids = () =>
  t.core.ctx.store.raw.prepare(`SELECT kind, value FROM person_identifiers ORDER BY value`).all();

const HEADER = 'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Điện thoại,Dân tộc';

describe('what the clerk reported', () => {
  it('15/06/2030 with a CCCD of "2030" is an error naming the date, and is never imported', async () => {
    t = await signedIn();
    const { dry, importId, mapping } = await dryRun([
      HEADER,
      'Tương Lai,15/06/2030,Nam,038230001234,,Kinh',
      'Hiện Tại,15/06/1990,Nam,038090001234,,Kinh',
    ]);
    expect(dry.counts).toMatchObject({ rows: 2, error: 1, new: 1 });
    const [row] = await listRows(importId, 'error');
    expect(row).toMatchObject({ line: 2, verdict: 'error', fullName: 'Tương Lai', birthDate: '' });
    expect(said(row)).toContain('Ngày sinh 15/06/2030 ở sau ngày hôm nay.');

    await t.ok('imports.commit', { importId, mapping });
    expect(persons().map((p) => p.full_name)).toEqual(['Hiện Tại']);
    expect(ids()).toEqual([{ kind: 'cccd', value: '038090001234' }]);
  });

  it('a CCCD that contradicts the sex is an error naming the number: the row is not imported', async () => {
    t = await signedIn();
    const { dry, importId, mapping } = await dryRun([HEADER, 'Sai Giới,01/01/1990,Nữ,038090001234,,Kinh']);
    expect(dry.counts).toMatchObject({ error: 1, new: 0 });
    const [row] = await listRows(importId, 'error');
    expect(said(row)).toEqual([
      'Số CCCD 038090001234: chữ số giới tính/thế kỷ (chữ số thứ 4 là 0) ứng với Nam, không khớp với giới tính Nữ trên dòng.',
    ]);
    const done = await t.ok('imports.commit', { importId, mapping });
    expect(done.created).toBe(0);
    expect(persons()).toEqual([]);
  });

  it('"N dòng có lưu ý" equals the rows listed: a row with a value not stored counts, a row with two notes counts once', async () => {
    t = await signedIn();
    const { dry, importId } = await dryRun([
      HEADER,
      'Một Hai,01/01/96,Nam,,,Kinh', // two-digit year: a warning
      'Ba Bốn,01/01/97,Nam,,,Kinh',
      'Năm Sáu,01/01/98,Nam,,,Kinhh', // a warning and an ethnicity not stored: counted once
      'Bảy Tám,01/01/1999,Nam,,12345,Kinh', // only a phone not stored: was missing from the count
      'Chín Mười,01/01/1999,Nữ,,,Kinh', // clean
    ]);
    const noted = await listRows(importId, 'noted');
    expect(noted.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    expect(dry.counts).toMatchObject({ rows: 5, new: 5, noted: 4, dropped: 2, attention: 4 });
    expect((await listRows(importId, 'dropped')).map((r) => r.line)).toEqual([4, 5]);
    expect(said(noted[3])).toEqual([
      'Số điện thoại «12345» không đúng: số di động có 10 chữ số (bắt đầu bằng 03, 05, 07, 08, 09), số cố định có 11 chữ số (bắt đầu bằng 02) — không lưu số này.',
    ]);
  });
});

describe('every count is the length of its list', () => {
  it('for every list, over a file with every verdict, paged', async () => {
    t = await signedIn();
    const known = await t.ok('persons.create', {
      person: personInput({
        fullName: 'Phạm Văn Đức',
        birthDate: '1970-06-01',
        identifiers: [{ kind: 'cccd', value: '001070123456' }],
      }),
    });
    const { dry, importId } = await dryRun([
      HEADER,
      'Phạm Văn Đức,01/06/1970,Nam,001070123456,0912000111,Kinh', // update
      'Phạm Văn Đức,01/06/1970,Nam,001070123456,,Kinhh', // duplicate in the file
      'Tương Lai,15/06/2030,Nam,,,Kinh', // error
      ...Array.from(
        { length: 130 },
        (_, i) => `Người Số ${'ABCDEFGHIJ'[i % 10]},01/01/19${50 + (i % 40)},Nam,,,Kinh`,
      ),
      'Có Lưu Ý,01/01/85,Nữ,,abc,Kinh', // new with a warning and a phone not stored
    ]);
    expect(known.id).toBeTruthy();
    for (const view of IMPORT_VIEWS) {
      const rows = await listRows(importId, view, 37);
      expect(rows.length, view).toBe(dry.counts[view]);
    }
    expect(dry.counts).toMatchObject({ update: 1, duplicate: 1, error: 1, new: 131, noted: 1, attention: 3 });
    const attention = await listRows(importId, 'attention');
    expect(attention.map((r) => r.verdict)).toEqual(['error', 'duplicate', 'new']);
  });
});

describe('after the commit the registry holds what the dry run said', () => {
  it('the values named as not stored are not stored; the rest is', async () => {
    t = await signedIn();
    const { importId, mapping } = await dryRun([
      HEADER,
      'Lê Văn Cường,05/03/1990,Nam,001090000001,"0912345678 (con trai), 0987654321",Xyz',
    ]);
    const [row] = await listRows(importId, 'dropped');
    expect(row.verdict).toBe('new');
    expect(said(row)).toEqual([
      'Phần chữ «con trai» bên số 0912345678 trong ô điện thoại (chỉ lưu số) — không lưu phần chữ này.',
      'Số di động thứ hai 0987654321 trong ô điện thoại (mỗi người lưu một số di động và một số cố định; đã lưu 0912345678) — không lưu số này.',
      'Dân tộc «Xyz» không có trong danh mục 54 dân tộc — không lưu giá trị này.',
    ]);
    await t.ok('imports.commit', { importId, mapping });
    expect(persons()).toEqual([
      { full_name: 'Lê Văn Cường', birth_date: '1990-03-05', phone_mobile: '0912345678', ethnicity_code: '' },
    ]);
    expect(ids()).toEqual([{ kind: 'cccd', value: '001090000001' }]);
  });

  it('a resident who already has a household keeps it, and the list’s other code is named', async () => {
    t = await signedIn();
    const head = await t.ok('persons.create', {
      person: personInput({ fullName: 'Đỗ Văn Hộ', identifiers: [{ kind: 'cccd', value: '001062000111' }] }),
      newHousehold: { code: 'HGD001' },
    });
    const code = (await t.ok('persons.get', { id: head.id })).household?.code;
    expect(code).toBe('HGD001');
    const { importId } = await dryRun([
      'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Mã hộ',
      `Đỗ Văn Hộ,14/05/1962,Nam,001062000111,HGD777`,
    ]);
    const [row] = await listRows(importId, 'noted');
    expect(row.verdict).toBe('unchanged');
    expect(said(row)).toEqual([
      `Mã hộ HGD777 trong tệp khác với hộ đang ghi trong sổ (${code}): giữ hộ trong sổ — không lưu mã hộ này.`,
    ]);
  });
});

describe('a registered resident', () => {
  it('a nationality written in the list is taken even when it is Việt Nam; a blank one changes nothing', async () => {
    t = await signedIn();
    const known = await t.ok('persons.create', {
      person: personInput({ nationality: 'LA', identifiers: [{ kind: 'cccd', value: '001062000222' }] }),
    });
    const { importId } = await dryRun([
      'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Quốc tịch',
      'Nguyễn Văn An,14/05/1962,Nam,001062000222,Việt Nam',
    ]);
    const [row] = await listRows(importId, 'update');
    expect(row).toMatchObject({ personId: known.id });
    expect(said(row)).toEqual(['Cập nhật: Quốc tịch.']);
    const blank = await dryRun([
      'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Quốc tịch',
      'Nguyễn Văn An,14/05/1962,Nam,001062000222,',
    ]);
    expect(blank.dry.counts).toMatchObject({ unchanged: 1, update: 0 });
  });
});

describe('the error report', () => {
  it('lists the attention rows with their verdict and the very lines of the dry run', async () => {
    t = await signedIn();
    const { dry, importId } = await dryRun([
      HEADER,
      'Tương Lai,15/06/2030,Nam,,,Kinh',
      'Bảy Tám,01/01/1999,Nam,,12345,Kinh',
      'Sạch Sẽ,01/01/1999,Nam,,,Kinh',
    ]);
    const report = await t.ok('imports.errorReport', { importId });
    expect(report.rows).toBe(dry.counts.attention);
    expect(report.fileName).toBe('ds - dong loi va luu y.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(report.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header.slice(-3)).toEqual(['Kết quả', 'Lỗi', 'Dòng gốc']);
    const body = [2, 3].map((r) => (ws.getRow(r).values as unknown[]).slice(1).slice(-3).map(String));
    const listed = await listRows(importId, 'attention');
    expect(body).toEqual([
      ['Lỗi, bỏ qua', said(listed[0]).join('\n'), '2'],
      ['Mới', said(listed[1]).join('\n'), '3'],
    ]);
    expect(body[1][1]).toMatch(/«12345».*— không lưu số này\./);
    // The phone cell is shaded red: not stored.
    expect(ws.getCell('E3').fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
  });
});
