import { describe, expect, it } from 'vitest';
import { detectDelimiter, explicitDelimiter, parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields holding delimiters, doubled quotes and line breaks, with any line ending', () => {
    const text = 'a,"b, c","say ""hi"""\r\n"line\nbreak",2,3\rlast,,\n';
    expect(parseCsv(text, ',').rows).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['line\nbreak', '2', '3'],
      ['last', '', ''],
    ]);
  });

  it('keeps quotes inside unquoted fields as they are', () => {
    expect(parseCsv('Nguyễn "Bé" An,1990', ',').rows).toEqual([['Nguyễn "Bé" An', '1990']]);
  });

  it('reads an opening quote that is never closed as a literal character instead of swallowing the file', () => {
    const r = parseCsv('a,b\n"Thôn 3,1990\nc,d\n', ',');
    expect(r.rows).toEqual([
      ['a', 'b'],
      ['"Thôn 3', '1990'],
      ['c', 'd'],
    ]);
    expect(r.unterminatedQuotes).toEqual([2]);
  });

  it('stops at maxRows', () => {
    const r = parseCsv('1\n2\n3\n4\n', ',', 2);
    expect(r.rows).toEqual([['1'], ['2']]);
    expect(r.truncated).toBe(true);
  });
});

describe('delimiters', () => {
  it('finds comma, semicolon and tab, ignoring single-field title lines above the header', () => {
    expect(detectDelimiter('Họ tên,Ngày sinh,Giới tính\nAn,01/02/1990,Nam\n')).toBe(',');
    expect(detectDelimiter('DANH SÁCH\n\nHọ tên;Ngày sinh;Giới tính\n"Lê, Văn";1,5;Nam\nB;2;Nữ\n')).toBe(';');
    expect(detectDelimiter('TT\tHọ tên\tĐịa chỉ\n1\tAn\tThôn 1, xã A\n2\tBình\tThôn 2, xã A\n')).toBe('\t');
  });

  it('honours Excel\'s "sep=" first line', () => {
    expect(explicitDelimiter('sep=;\r\na;b')).toEqual({ delimiter: ';', skip: 7 });
    expect(explicitDelimiter('Họ tên;x')).toBeNull();
  });
});
