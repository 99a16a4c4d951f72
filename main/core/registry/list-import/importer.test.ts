/**
 * Importing population lists into a real station database, through the contract operations:
 * verdicts, the commit's all-or-nothing transaction, idempotent re-import, households from the
 * list's codes, the error report and saved templates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../../test/helpers/core.ts';
import { personInput } from '../../../../test/helpers/persons.ts';
import { largeCsv, PERSON_HEADER } from '../../../../test/fixtures/import/workbooks.ts';
import type { ImportRowView, ImportView } from '#contract/ops/import.ts';
import { plainProtector, readKeyFile } from '../../db/keystore.ts';
import { keyFileFor, sourceRoot } from '../../paths.ts';
import { allowImportWorker } from './worker-source.ts';

let t: TestCore;
afterEach(() => t?.close());

const fixture = (name: string) => readFileSync(join(sourceRoot, 'test/fixtures/import', name));
const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
const b64 = (b: Buffer) => b.toString('base64');

async function open(fileName: string, bytes: Buffer) {
  return t.ok('imports.open', { fileName, dataBase64: b64(bytes) });
}
/** Every row of one list of the last dry run, page by page. */
async function listRows(importId: string, view: ImportView = 'attention') {
  const rows: ImportRowView[] = [];
  for (;;) {
    const page = await t.ok('imports.rows', { importId, view, offset: rows.length, limit: 500 });
    rows.push(...page.rows);
    if (rows.length >= page.total) return rows;
  }
}
const said = (r: ImportRowView | undefined) => (r?.notes ?? []).map((n) => n.text).join(' ');

/**
 * The same behaviour whether the file is read and planned in the import worker (the app: app.ts
 * names the database it may open) or on the calling thread (a database no worker can open).
 */
describe.each(['import worker', 'calling thread'] as const)('importing a population list (%s)', (where) => {
  const signedIn = async (): Promise<TestCore> => {
    const core = await makeSignedInCore();
    if (where === 'import worker') {
      const file = core.core.database.file;
      allowImportWorker(core.core.ctx.store, { file, key: readKeyFile(keyFileFor(file), plainProtector) });
    }
    return core;
  };

  it('reads the population database export, registers everyone with their households, and a second import changes nothing', async () => {
    t = await signedIn();
    const opened = await open('population-db.csv', fixture('population-db.csv'));
    expect(opened.detection.mapping.columns).toMatchObject({ fullName: 1, birthDate: 2, sex: 3, cccd: 4 });
    const dry = await t.ok('imports.dryRun', {
      importId: opened.importId,
      mapping: opened.detection.mapping,
    });
    expect(dry.counts.rows).toBeGreaterThan(3);
    expect(dry.counts.new).toBe(dry.counts.rows - dry.counts.error - dry.counts.duplicate);
    // The dry run wrote nothing.
    expect((await t.ok('persons.list', { offset: 0, limit: 10 })).total).toBe(0);
    // 31/02/2002 is not a date: the row still goes in, born in 2002 as the CCCD says, with both told.
    const noted = await listRows(opened.importId, 'noted');
    const fixedUp = noted.find((r) => r.fullName === 'Lê Văn Lương');
    expect(fixedUp).toMatchObject({ verdict: 'new', birthDate: '2002' });
    expect(said(fixedUp)).toMatch(
      /31\/02\/2002.*không tồn tại — không lưu ngày này.*Năm sinh 2002 lấy theo số CCCD/,
    );
    // The Thôn Đông family's commune is not in the 2025 list: their rows say the station's commune was assumed.
    expect(said(noted.find((r) => r.fullName === 'Nguyễn Văn An'))).toMatch(
      /Nơi thường trú và nơi ở hiện tại «Thôn Đông, xã Hòa Bình, tỉnh An Giang»: không tìm thấy xã\/phường/,
    );
    expect(dry.counts).toMatchObject({ noted: 4, dropped: 1, attention: 4 });
    expect(noted).toHaveLength(dry.counts.noted);
    expect(await listRows(opened.importId, 'dropped')).toEqual([fixedUp]);

    const progress: { finished: boolean; done: number; total: number }[] = [];
    t.core.events.subscribe((name, payload) => name === 'job.progress' && progress.push(payload as never));
    const done = await t.ok('imports.commit', {
      importId: opened.importId,
      mapping: opened.detection.mapping,
      saveTemplateAs: 'CSDL dân cư',
    });
    expect(done.created).toBe(dry.counts.new);
    expect(done.counts).toEqual(dry.counts);
    expect(progress.at(-1)).toMatchObject({ finished: true });
    const list = await t.ok('persons.list', { offset: 0, limit: 50 });
    expect(list.total).toBe(done.created);
    const an = list.rows.find((p) => p.cccd === '001062012345');
    expect(an).toMatchObject({ fullName: 'Nguyễn Văn An', sex: 'M', birthDate: '1962-03-05' });
    const record = await t.ok('persons.get', { id: an!.id });
    expect(record.permanentAddress.text).toContain('Thôn Đông');
    // One household for An, his wife and daughter (the list names him as their head); another for Lương.
    const members = t.core.ctx.store.raw
      .prepare(`SELECT p.full_name FROM persons p WHERE p.household_id = ? ORDER BY p.birth_date`)
      .pluck()
      .all(record.household?.id);
    expect(members).toEqual(['Nguyễn Văn An', 'Trần Thị Bình', 'Nguyễn Thị Hoa']);
    expect(record.household?.headPersonId).toBe(an!.id);
    expect(done.householdsCreated).toBe(2);
    // Every created resident is audited, and so is the import itself.
    const audit = await t.ok('audit.list', { limit: 100 });
    expect(audit.filter((a) => a.action === 'person.create')).toHaveLength(done.created);
    expect(audit.find((a) => a.action === 'import.commit')?.details).toMatchObject({
      file: 'population-db.csv',
      new: done.created,
    });

    // The same file again: nothing new, nothing changed, nothing written.
    const again = await open('population-db.csv', fixture('population-db.csv'));
    const templates = await t.ok('imports.templates', {});
    expect(templates.map((x) => x.name)).toEqual(['CSDL dân cư']);
    const viaTemplate = await t.ok('imports.detect', {
      importId: again.importId,
      sheetName: again.sheetName,
      templateId: templates[0].id,
    });
    const second = await t.ok('imports.commit', { importId: again.importId, mapping: viaTemplate.mapping });
    expect(second).toMatchObject({
      created: 0,
      updated: 0,
      counts: { new: 0, update: 0, unchanged: done.created },
    });
    expect((await t.ok('persons.list', { offset: 0, limit: 1 })).total).toBe(done.created);
  });

  it('updates a registered resident found by CCCD, and holds back duplicates and contradictions', async () => {
    t = await signedIn();
    const known = await t.ok('persons.create', {
      person: personInput({
        fullName: 'Phạm Văn Đức',
        birthDate: '1970-06-01',
        identifiers: [
          { kind: 'cccd', value: '001070123456' },
          { kind: 'bhyt', value: '0170123456' },
        ],
      }),
    });
    await t.ok('persons.create', {
      person: personInput({ fullName: 'Lý Thị Mai', sex: 'F', birthDate: '1985-02-02' }),
      confirmSimilar: true,
    });
    const bytes = csv([
      'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số thẻ BHYT,Điện thoại,Nghề nghiệp',
      'Phạm Văn Đức,01/06/1970,Nam,001070123456,,0912000111,Nông dân', // update: phone, occupation
      'Lý Thị Mai,02/02/1985,Nữ,,,,', // same name, birth date and sex, no shared number
      'Đinh Văn Toàn,03/03/1990,Nam,001090777888,,,', // new
      'Đinh Văn Toàn,03/03/1990,Nam,001090777888,,,', // the same person twice in the file
      'Phạm Văn Đức,01/06/1970,Nam,001070999999,0170123456,,', // BHYT is his, CCCD is not
    ]);
    const opened = await open('ds.csv', bytes);
    const dry = await t.ok('imports.dryRun', {
      importId: opened.importId,
      mapping: opened.detection.mapping,
    });
    const byLine = Object.fromEntries(
      [...(await listRows(opened.importId)), ...(await listRows(opened.importId, 'update'))].map((r) => [
        r.line,
        r,
      ]),
    );
    expect(dry.counts).toMatchObject({ rows: 5, update: 1, duplicate: 2, new: 1, error: 1 });
    expect(byLine[2]).toMatchObject({ verdict: 'update', personId: known.id });
    expect(said(byLine[2])).toMatch(/Điện thoại.*Nghề nghiệp/);
    expect(byLine[3]).toMatchObject({ verdict: 'duplicate' });
    expect(said(byLine[3])).toMatch(/Có thể đã có trong sổ: Lý Thị Mai/);
    expect(said(byLine[5])).toMatch(/dòng 4/);
    expect(byLine[6]).toMatchObject({ verdict: 'error' });

    const done = await t.ok('imports.commit', {
      importId: opened.importId,
      mapping: opened.detection.mapping,
    });
    expect(done).toMatchObject({ created: 1, updated: 1 });
    const after = await t.ok('persons.get', { id: known.id });
    expect(after).toMatchObject({ phoneMobile: '0912000111', occupation: 'Nông dân', version: 2 });
    expect(after.identifiers.find((i) => i.kind === 'cccd')?.value).toBe('001070123456');

    // The rows left out, with the reasons, as a workbook to correct and import again.
    const report = await t.ok('imports.errorReport', { importId: opened.importId });
    expect(report.rows).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(report.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const errorCol = header.indexOf('Lỗi');
    expect(errorCol).toBeGreaterThan(0);
    expect(header[errorCol - 1]).toBe('Kết quả');
    const reasons = [2, 3, 4].map((r) => String(ws.getRow(r).getCell(errorCol).value));
    expect(reasons.join('\n')).toMatch(/Có thể đã có trong sổ/);
    expect(reasons.join('\n')).toMatch(/khác với hồ sơ/);
  });

  it('writes all of the list or none of it', async () => {
    t = await signedIn();
    // A fault half-way through the commit (here a trigger refusing one row) must leave nothing behind.
    t.core.ctx.store.raw.exec(
      `CREATE TRIGGER fail_once BEFORE INSERT ON persons WHEN new.full_name = 'Bùi Văn An' BEGIN SELECT RAISE(ABORT, 'disk full'); END;`,
    );
    const opened = await open('big.csv', largeCsv(400));
    const r = await t.call('imports.commit', {
      importId: opened.importId,
      mapping: opened.detection.mapping,
    });
    expect(r.ok).toBe(false);
    expect((await t.ok('persons.list', { offset: 0, limit: 1 })).total).toBe(0);
    expect(
      t.core.ctx.store.raw
        .prepare(`SELECT count(*) FROM audit_log WHERE action = 'person.create'`)
        .pluck()
        .get(),
    ).toBe(0);
    // The station keeps working afterwards.
    t.core.ctx.store.raw.exec('DROP TRIGGER fail_once');
    const ok = await t.ok('imports.commit', { importId: opened.importId, mapping: opened.detection.mapping });
    expect(ok.created).toBe(400);
    // Households come from the list's codes (four people each), with the head marked.
    expect(ok.householdsCreated).toBe(100);
    const heads = t.core.ctx.store.raw
      .prepare(`SELECT count(*) FROM households h JOIN persons p ON p.id = h.head_person_id`)
      .pluck()
      .get();
    expect(heads).toBe(100);
    expect(PERSON_HEADER).toContain('Mã hộ');
  });

  it('explains a file it cannot read, in Vietnamese', async () => {
    t = await signedIn();
    const r = await t.call('imports.open', { fileName: 'cu.xls', dataBase64: b64(fixture('old-excel.xls')) });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/xlsx/i) },
    });
    const broken = await t.call('imports.open', { fileName: 'x.csv', dataBase64: '%%%' });
    expect(broken).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const gone = await t.call('imports.dryRun', {
      importId: 'nope',
      mapping: {
        version: 1,
        sheetName: 'x',
        headerLine: 1,
        headerLines: 1,
        firstDataLine: 2,
        columns: {},
        headings: [],
        dateOrder: 'dmy',
      },
    });
    expect(gone).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('chọn lại tệp') },
    });
  });

  it('is refused to a role without the import permission', async () => {
    t = await signedIn();
    await t.ok('users.create', {
      username: 'bacsi',
      fullName: 'Bác Sĩ',
      role: 'clinician',
      password: 'bac-si-1234',
    });
    await t.ok('auth.logout', {});
    await t.ok('auth.login', { username: 'bacsi', password: 'bac-si-1234' });
    const r = await t.call('imports.open', {
      fileName: 'a.csv',
      dataBase64: b64(csv(['Họ và tên,Năm sinh,Giới tính', 'A B,1990,Nam'])),
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
