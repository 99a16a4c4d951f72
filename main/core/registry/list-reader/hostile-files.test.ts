/**
 * Hostile files through the import operation, as a user (or an attacker's list) would hand them to
 * the app (issue 12, point 7): zip bombs (an honest one and one whose directory lies), formula text
 * in an XLSX (flagged on import; neutralised when it leaves in the registry export and in the error
 * report, whatever character starts it), binary garbage and truncated workbooks. Each is refused, or
 * read, with a Vietnamese message — never INTERNAL, never the memory of the file inflated.
 *
 * The reader's own tests cover the same files below the operation: zip-bomb.test.ts (a directory
 * that lies), read-table.test.ts ("refuses a workbook that would unpack far beyond the byte limit",
 * "empty, encrypted, OpenDocument, PDF, Word, damaged workbooks", "never throws nor hangs, whatever
 * the bytes"), formula-text.test.ts (CSV formula text flagged, `=` neutralised in the export),
 * long-cell.test.ts (a 12 MiB cell).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRowView } from '#contract/ops/import.ts';
import { makeSignedInCore, type TestCore } from '../../../../test/helpers/core.ts';
import { bombSheet, handZip, zipPart, type ZipPart } from '../../../../test/helpers/hand-zip.ts';
import { personInput } from '../../../../test/helpers/persons.ts';

let t: TestCore;
beforeAll(async () => {
  t = await makeSignedInCore();
});
afterAll(() => t?.close());

const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
const open = (fileName: string, bytes: Buffer) =>
  t.call('imports.open', { fileName, dataBase64: bytes.toString('base64') });

/** Refused with a Vietnamese message, not INTERNAL. */
async function refused(fileName: string, bytes: Buffer, message?: RegExp): Promise<void> {
  const r = await open(fileName, bytes);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).not.toBe('INTERNAL');
  expect(r.error.message).toMatch(VIETNAMESE);
  if (message) expect(r.error.message).toMatch(message);
}

function workbookAround(sheet: ZipPart): Buffer {
  return handZip([
    zipPart(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    zipPart(
      '_rels/.rels',
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    zipPart(
      'xl/workbook.xml',
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    zipPart(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    sheet,
  ]);
}

describe('zip bombs through imports.open', () => {
  // An honest one (its directory declares 1.5 GB) is refused from the directory alone: read-table.test.ts,
  // "refuses a workbook that would unpack far beyond the byte limit (a zip bomb)".
  it('a workbook whose directory says its sheet is 1 kB, which inflates to 16 MB, is refused as it inflates', async () => {
    const sheet = await bombSheet(16);
    const file = workbookAround({ name: 'xl/worksheets/sheet1.xml', ...sheet, size: 1024 });
    const heap = process.memoryUsage().heapUsed;
    await refused('ds.xlsx', file);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(60 * 1024 * 1024);
    // The app still serves.
    expect((await t.ok('system.status', {})).setupDone).toBe(true);
  });
});

const FORMULAS = ['=HYPERLINK("http://x.example","Bấm")', '+SUM(1+1)*cmd', '@SUM(1)', '-2+3', '\t=1+1'];

describe('formula text', () => {
  it('in an XLSX list is flagged on every cell that holds it, and kept as text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['Họ và tên', 'Ngày sinh', 'Giới tính', 'Địa chỉ', 'Nghề nghiệp']);
    ws.addRow(['Hà Văn Tuấn', '04/04/1974', 'Nam', FORMULAS[0], FORMULAS[1]]);
    ws.addRow(['Hà Thị Lan', '05/05/1975', 'Nữ', FORMULAS[2], FORMULAS[3]]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const opened = await open('ds.xlsx', bytes);
    if (!opened.ok) throw new Error(opened.error.message);
    await t.ok('imports.dryRun', {
      importId: opened.value.importId,
      mapping: opened.value.detection.mapping,
    });
    const rows: ImportRowView[] = [];
    for (const view of ['attention', 'new'] as const)
      rows.push(...(await t.ok('imports.rows', { importId: opened.value.importId, view, limit: 500 })).rows);
    // Each of the four cells is named (a row may be listed in both views).
    const notes = new Set(
      rows.flatMap((r) => (r.notes ?? []).map((n) => n.text)).filter((n) => /công thức Excel/.test(n)),
    );
    expect(notes.size).toBe(4);
    for (const f of FORMULAS.slice(0, 4)) expect([...notes].some((n) => n.includes(`«${f}»`))).toBe(true);
  });

  it('leaves the registry export neutralised whatever character starts it (= + - @ tab)', async () => {
    for (const [i, f] of FORMULAS.entries())
      await t.ok('persons.create', {
        person: personInput({
          fullName: `Người Thử ${'ABCDE'[i]}`,
          occupation: f,
          currentAddress: { text: f },
        }),
        confirmSimilar: true,
      });
    const out = await t.ok('persons.export', {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.contentBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = ws.getRow(1).values as unknown[];
    const cells: ExcelJS.Cell[] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      for (const label of ['Nghề nghiệp', 'Địa chỉ']) cells.push(row.getCell(header.indexOf(label)));
    });
    const hostile = cells.filter((c) => FORMULAS.some((f) => String(c.value).endsWith(f.trim())));
    expect(hostile.length).toBeGreaterThanOrEqual(FORMULAS.length * 2 - 2);
    for (const c of hostile) {
      expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
      expect(String(c.value)).toMatch(/^'/);
    }
  });

  it('goes back neutralised in the import’s error report', async () => {
    const csv = `Họ và tên,Ngày sinh,Giới tính,Nghề nghiệp\r\n${FORMULAS.map((f) => `"${f.replaceAll('"', '""')}",99/99/1999,X,"${f.replaceAll('"', '""')}"`).join('\r\n')}\r\n`;
    const opened = await open('loi.csv', Buffer.from(csv, 'utf8'));
    if (!opened.ok) throw new Error(opened.error.message);
    await t.ok('imports.dryRun', {
      importId: opened.value.importId,
      mapping: opened.value.detection.mapping,
    });
    const report = await t.ok('imports.errorReport', { importId: opened.value.importId });
    expect(report.rows).toBe(FORMULAS.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(report.dataBase64, 'base64') as unknown as ArrayBuffer);
    const values: ExcelJS.Cell[] = [];
    wb.worksheets[0].eachRow((row, n) => {
      if (n > 1) row.eachCell((c) => values.push(c));
    });
    const hostile = values.filter((c) =>
      FORMULAS.some((f) => String(c.value).includes(f.trim().slice(0, 6))),
    );
    expect(hostile.length).toBeGreaterThanOrEqual(FORMULAS.length);
    for (const c of hostile) {
      expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
      expect(String(c.value)).toMatch(/^'|^Họ|«/);
    }
  });
});

describe('garbage through imports.open', () => {
  // Each open starts the import worker (about a second on a busy CI machine): a few files here; the
  // reader's own fuzz (read-table.test.ts, "never throws nor hangs, whatever the bytes") runs many more.
  it(
    'binary garbage, a zip header then garbage, a truncated and a corrupted workbook: a Vietnamese refusal, never INTERNAL',
    { timeout: 60_000 },
    async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('DS');
      ws.addRow(['Họ và tên', 'Ngày sinh']);
      for (let i = 0; i < 50; i++) ws.addRow([`Người ${i}`, '01/01/1990']);
      const good = Buffer.from(await wb.xlsx.writeBuffer());
      const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
      const corrupted = Buffer.from(good);
      for (let at = 600; at < corrupted.length; at += 97) corrupted[at] ^= 0x5a;
      const files: [string, Buffer][] = [
        ['ds.xlsx', garbage],
        ['ds.csv', Buffer.concat([Buffer.from('PK\x03\x04'), garbage])],
        ['ds.xlsx', good.subarray(0, Math.floor(good.length / 2))],
        ['ds.xlsx', corrupted],
      ];
      for (const [fileName, bytes] of files) await refused(fileName, bytes);
    },
  );
});
