/** `hssk sync export-xml`: one resident's 831 XML, for checking by hand what the province receives. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.ts';
import { runCli } from './main.ts';

function capture(cwd: string): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), env: {}, cwd };
}

describe('hssk sync export-xml', () => {
  it('writes the XML of a resident found by CCCD or by id; says it is unsigned without a certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hssk-xml-'));
    const db = join(dir, 'tram.db');
    expect(await runCli(['seed', '--persons', '1', '--years', '0', '--out', db], capture(dir))).toBe(0);
    const list = join(dir, 'ds.csv');
    writeFileSync(
      list,
      '\uFEFFHọ và tên,Ngày sinh,Giới tính,Số CCCD\r\nHà Văn Tuấn,04/04/1974,Nam,038074001122\r\n',
    );
    expect(await runCli(['import', 'persons', list, '--db', db], capture(dir))).toBe(0);

    const byCccd = capture(dir);
    expect(
      await runCli(
        ['sync', 'export-xml', '--person', '038 074 001 122', '--out', 'a.xml', '--db', db, '--json'],
        byCccd,
      ),
    ).toBe(0);
    const summary = JSON.parse(byCccd.stdout[0] ?? '{}') as {
      person_id: string;
      request_id: string;
      signed: boolean;
    };
    expect(summary).toMatchObject({ signed: false, request_id: expect.stringMatching(/^HSSK-/) });
    const xml = readFileSync(join(dir, 'a.xml'));
    expect(xml.subarray(0, 5).toString()).toBe('<?xml');
    const text = xml.toString('utf8');
    expect(text).toContain('<HOTEN>Hà Văn Tuấn</HOTEN>');
    expect(text).toContain('<MADINHDANH>038074001122</MADINHDANH>');
    expect(text).toContain('<NGAYSINH>04/04/1974</NGAYSINH>');

    const byId = capture(dir);
    expect(
      await runCli(['sync', 'export-xml', '--person', summary.person_id, '--out', 'b.xml', '--db', db], byId),
    ).toBe(0);
    expect(byId.stdout.join('\n')).toContain('Hà Văn Tuấn');
    expect(byId.stderr.join('\n')).toMatch(/Not signed: Trạm chưa lưu chứng thư số/);
    // The same record, the same REQUEST_ID (only the header's time and transaction differ).
    expect(readFileSync(join(dir, 'b.xml'), 'utf8')).toContain(
      `<REQUEST_ID>${summary.request_id}</REQUEST_ID>`,
    );

    const unknown = capture(dir);
    expect(
      await runCli(['sync', 'export-xml', '--person', '999999999999', '--out', 'c.xml', '--db', db], unknown),
    ).not.toBe(0);
    expect(unknown.stderr.join('\n')).toMatch(/Không tìm thấy người dân/);
    const usage = capture(dir);
    expect(await runCli(['sync', 'export-xml', '--out', 'c.xml', '--db', db], usage)).toBe(2);
  });
});
