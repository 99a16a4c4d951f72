/**
 * An XLSX whose zip directory declares small entries that inflate to hundreds of megabytes is
 * refused without inflating it all (issue 12, defect 6: a 1.9 MB file took the server to 2.9 GB).
 */
import { describe, expect, it } from 'vitest';
import { bombSheet, handZip, zipPart } from '../../../../test/helpers/hand-zip.ts';
import { readTable } from './read-table.ts';

describe('an XLSX whose zip directory lies about sizes', () => {
  it('is refused with a Vietnamese message, without inflating it all', async () => {
    const sheet = await bombSheet(400);
    const file = handZip([
      zipPart(
        '[Content_Types].xml',
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
      ),
      zipPart(
        'xl/workbook.xml',
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      zipPart(
        'xl/_rels/workbook.xml.rels',
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      // Declares 2 KB; inflates to 400 MB.
      { name: 'xl/worksheets/sheet1.xml', ...sheet, size: 2048 },
    ]);
    expect(file.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage();
    const r = await readTable('ds.xlsx', file);
    const after = process.memoryUsage();
    expect(r).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
    if (!r.ok) expect(r.error.message).toMatch(/lớn hơn nhiều so với khai báo/);
    // Nothing near the inflated size was ever held.
    expect(after.heapUsed - before.heapUsed).toBeLessThan(64 * 1024 * 1024);
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(64 * 1024 * 1024);
  });
});
