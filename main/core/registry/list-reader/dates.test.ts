import { describe, expect, it } from 'vitest';
import { parseDate, type DateOptions } from './dates.ts';

const today = '2026-11-22';
const opts: DateOptions = { today };
const value = (input: Parameters<typeof parseDate>[0], o: DateOptions = opts): string | null => {
  const r = parseDate(input, o);
  if (!r) return null;
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const error = (input: string, o: DateOptions = opts): string => {
  const r = parseDate(input, o);
  if (!r || r.ok) throw new Error(`expected an error for ${input}`);
  return r.error;
};

describe('parseDate', () => {
  it.each([
    ['05/03/1962', '1962-03-05'],
    ['5/3/1962', '1962-03-05'],
    ['05-03-1962', '1962-03-05'],
    ['05.03.1962', '1962-03-05'],
    [' 05 / 03 / 1962 ', '1962-03-05'],
    ['1962-03-05', '1962-03-05'],
    ['1962/3/5', '1962-03-05'],
    ['1962-03-05 00:00:00', '1962-03-05'],
    ['05031962', '1962-03-05'],
    ['19620305', '1962-03-05'],
    ['ngày 5 tháng 3 năm 1962', '1962-03-05'],
    ['1962', '1962'],
    ['Năm 1962', '1962'],
    ['00/00/1962', '1962'],
    ['0/0/1962', '1962'],
    ['xx/xx/1962', '1962'],
    ['../../1962', '1962'],
    ['01/01/1962', '1962-01-01'],
    ['29/02/2024', '2024-02-29'],
  ])('%s → %s', (input, expected) => {
    expect(value(input)).toBe(expected);
  });

  it('reads Excel dates, serial numbers, numbers holding a year or ddmmyyyy, and JS Dates', () => {
    expect(value({ type: 'date', iso: '1962-03-05', serial: 22710 })).toBe('1962-03-05');
    expect(value({ type: 'number', value: 22710 })).toBe('1962-03-05');
    expect(value(1962)).toBe('1962');
    expect(value(5031962)).toBe('1962-03-05');
    expect(value(new Date(Date.UTC(1962, 2, 5)))).toBe('1962-03-05');
    const serialText = parseDate('22710', opts);
    expect(serialText).toMatchObject({ ok: true, value: '1962-03-05' });
    expect(serialText?.ok && serialText.warning).toMatch(/số ngày kiểu Excel/);
  });

  it('expands two-digit years with a warning: up to this year is 20yy, above is 19yy', () => {
    expect(parseDate('2/9/85', opts)).toEqual({
      ok: true,
      value: '1985-09-02',
      warning: expect.stringMatching(/1985/),
    });
    expect(value('2/9/15')).toBe('2015-09-02');
    expect(value('2/9/26')).toBe('2026-09-02');
    expect(value('2/9/27')).toBe('1927-09-02');
  });

  it('keeps the year of a month/year or a date with an unknown day, with a warning', () => {
    expect(parseDate('03/1962', opts)).toMatchObject({
      ok: true,
      value: '1962',
      warning: expect.stringMatching(/tháng và năm/),
    });
    expect(parseDate('00/05/1962', opts)).toMatchObject({
      ok: true,
      value: '1962',
      warning: expect.stringMatching(/thiếu ngày/),
    });
  });

  it('can read 01/01/yyyy as the year only, for lists that use it as a placeholder', () => {
    expect(value('01/01/1962', { today, janFirstIsYearOnly: true })).toBe('1962');
  });

  it('reads month-first dates when the list was exported under US settings', () => {
    expect(value('12/31/1962', { today, order: 'mdy' })).toBe('1962-12-31');
    expect(value('3/5/1962', { today, order: 'mdy' })).toBe('1962-03-05');
  });

  it('refuses impossible, future and implausibly old dates, and unreadable text, in Vietnamese', () => {
    expect(error('31/02/1962')).toMatch(/không tồn tại/);
    expect(error('12/31/1962')).toMatch(/đảo/);
    expect(error('01/01/2027')).toMatch(/sau ngày hôm nay/);
    expect(error('2030')).toMatch(/sau ngày hôm nay/);
    expect(error('23/11/2026')).toMatch(/sau ngày hôm nay/);
    expect(error('1850')).toMatch(/quá xa/);
    expect(error('không rõ')).toMatch(/Không đọc được ngày sinh «không rõ»/);
    expect(value('22/11/2026')).toBe('2026-11-22');
  });

  it('requires a full date when asked (issue dates)', () => {
    expect(error('2015', { today, allowYearOnly: false, label: 'ngày cấp' })).toMatch(
      /^Ngày cấp «2015» thiếu ngày và tháng/,
    );
  });

  it('returns null for blanks', () => {
    expect(parseDate('  ', opts)).toBeNull();
    expect(parseDate(null, opts)).toBeNull();
  });
});
