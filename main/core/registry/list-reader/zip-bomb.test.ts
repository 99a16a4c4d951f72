/**
 * An XLSX whose zip directory declares small entries that inflate to hundreds of megabytes is
 * refused without inflating it all (issue 12, defect 6: a 1.9 MB file took the server to 2.9 GB).
 */
import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readTable } from './read-table.ts';

interface Part {
  name: string;
  data: Buffer;
  /** What the directory claims it inflates to. */
  declared: number;
}

/** A zip built by hand, so its directory can lie. */
function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.data.length, 20);
    central.writeUInt32LE(p.declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    centrals.push(central, name);
    offset += 30 + name.length + p.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const small = (name: string, text: string): Part => {
  const data = Buffer.from(text);
  return { name, data: deflateRawSync(data), declared: data.length };
};

/** `megabytes` of XML whitespace inside a sheet, deflated chunk by chunk (never held whole). */
async function deflatedSheet(megabytes: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  deflate.write('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
  const blank = Buffer.alloc(1024 * 1024, ' ');
  for (let i = 0; i < megabytes; i++) {
    if (!deflate.write(blank)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end(
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row></sheetData></worksheet>',
  );
  await done;
  return Buffer.concat(out);
}

describe('an XLSX whose zip directory lies about sizes', () => {
  it('is refused with a Vietnamese message, without inflating it all', async () => {
    const sheet = await deflatedSheet(400);
    const file = zip([
      small(
        '[Content_Types].xml',
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
      ),
      small(
        'xl/workbook.xml',
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      small(
        'xl/_rels/workbook.xml.rels',
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      // Declares 2 KB; inflates to 400 MB.
      { name: 'xl/worksheets/sheet1.xml', data: sheet, declared: 2048 },
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
