import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultResourcesDir } from '../../paths.ts';
import { loadFonts } from './engine.ts';
import { CHUNK_ROWS, renderLongTable, type LongTable } from './long-table.ts';

const dir = mkdtempSync(join(tmpdir(), 'hssk-long-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pageText = (pdf: string, page: number) =>
  execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-'], {
    encoding: 'utf8',
  });
/** The row numbers on a page (the first column), in order. */
const rowNumbers = (text: string) => [...text.matchAll(/^ {0,3}(\d+) +Nguyễn/gm)].map((m) => Number(m[1]));

describe('a long list as one PDF', () => {
  it('repeats the header on every page, fills every page of a section, numbers "Trang x/y", keeps the accents', async () => {
    // More rows than one chunk, some wrapping: the chunk boundary must not leave a half-empty page.
    const n = CHUNK_ROWS + 60;
    const row = (i: number) => [
      String(i),
      `Nguyễn Thị Hồng Nhung ${i}`,
      '01/02/1990',
      'Nữ',
      i % 5 === 0
        ? 'Khám lần cuối 03/04/2025; ghi chú dài để ô này xuống dòng trong cột cuối của bảng danh sách'
        : 'Chưa khám lần nào',
    ];
    const table: LongTable = {
      title: 'Người dân chưa khám',
      head: [{ text: 'DANH SÁCH NGƯỜI DÂN CHƯA KHÁM', bold: true }],
      columns: [
        { header: 'STT', width: 30 },
        { header: 'Họ và tên', width: 160 },
        { header: 'Ngày sinh', width: 60 },
        { header: 'Giới', width: 30 },
        { header: 'Tình trạng', width: '*' },
      ],
      sections: [
        { heading: 'Thôn Đông', rows: Array.from({ length: n }, (_, i) => row(i + 1)) },
        { heading: 'Thôn Tây', rows: [row(1), row(2)] },
      ],
      footerNote: 'In ngày 10/03/2026 09:00',
    };
    const pdf = join(dir, 'list.pdf');
    const pages = await renderLongTable(loadFonts(defaultResourcesDir), table, createWriteStream(pdf));
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(new RegExp(`Pages:\\s+${pages}\\b`));

    const seen: number[] = [];
    const perPage: number[] = [];
    for (let p = 1; p <= pages - 1; p++) {
      const text = pageText(pdf, p);
      expect(text).toMatch(/STT\s+Họ và tên\s+Ngày sinh\s+Giới\s+Tình trạng/);
      expect(text).toContain(`Trang ${p}/${pages}`);
      expect(text).toContain('Người dân chưa khám — In ngày 10/03/2026 09:00');
      const nums = rowNumbers(text);
      perPage.push(nums.length);
      seen.push(...nums);
    }
    expect(pageText(pdf, 1)).toContain('DANH SÁCH NGƯỜI DÂN CHƯA KHÁM');
    expect(pageText(pdf, 2)).not.toContain('DANH SÁCH NGƯỜI DÂN CHƯA KHÁM');
    // Every row of the first village once, in order, across the chunk boundary.
    expect(seen).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    // Full pages until the village's last one (none cut short where a chunk ended).
    const full = Math.min(...perPage.slice(1, -1));
    expect(full).toBeGreaterThan(20);
    // The second village starts its own page, with its heading and the header row.
    const last = pageText(pdf, pages);
    expect(last).toContain('Thôn Tây');
    expect(last).toMatch(/STT\s+Họ và tên/);
    expect(rowNumbers(last)).toEqual([1, 2]);
    expect(last).toContain(`Trang ${pages}/${pages}`);
  }, 20_000);
});
