import { describe, expect, it } from 'vitest';
import { cardSamples } from '../test-support/card-samples.ts';
import { parseBhytQr } from './bhyt.ts';

const S = cardSamples();
const NOW = new Date('2026-11-22T01:00:00Z');

describe('BHYT QR', () => {
  it('decodes the 2023 card: Nguyễn Tiến Đạt, issue place, five-year date with its leading space', () => {
    const r = parseBhytQr(S['bhyt-2023-nguyen-tien-dat'], { now: NOW });
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.card).toMatchObject({
      source: 'bhyt',
      fullName: 'Nguyễn Tiến Đạt',
      sex: 'M',
      birthDate: '1988-03-29',
      address: null,
      cccd: null,
    });
    expect(r.card?.bhyt).toMatchObject({
      number: '0111077012',
      form: 'bhxh10',
      bhxhNumber: '0111077012',
      facility: '01C54',
      validFrom: '2023-07-01',
      validTo: null,
      issueDate: '2023-07-31',
      fiveYearFrom: '2027-10-01',
      issuePlace: 'Quận Cầu Giấy, Thành phố Hà Nội',
      managementCode: '01050111077012',
      checkCode: '4641c59ff02659c3-1202',
    });
    expect(r.card?.bhyt?.rawFields).toHaveLength(16);
  });

  it('decodes the 2017 card: Lê Việt Hưng, hex address, legacy 15-character number', () => {
    const r = parseBhytQr(S['bhyt-2017-le-viet-hung'], { now: NOW });
    expect(r.card).toMatchObject({
      fullName: 'Lê Việt Hưng',
      birthDate: '1985-09-04',
      address: 'Cty phần mềm VNPT- CN tổng Cty DV VT',
      sex: 'M',
    });
    expect(r.card?.bhyt).toMatchObject({
      number: 'DN401AA31900313',
      form: 'legacy15',
      category: 'DN',
      benefitLevel: 4,
      facility: '01043',
      validTo: '2017-12-31',
      fiveYearFrom: '2022-07-01',
    });
    expect(r.ok).toBe(true);
    expect(r.warnings.join(' ')).toMatch(/hết hạn từ ngày 31\/12\/2017/);
  });

  it('decodes upper-case hex, a child’s guardian field and a woman’s card (2013 layout)', () => {
    const r = parseBhytQr(S['bhyt-2013-rebuilt'], { now: NOW });
    expect(r.card).toMatchObject({
      fullName: 'Nguyễn Ngọc Phương Thanh',
      sex: 'F',
      birthDate: '2006-08-01',
      address: 'Trường Tiểu học Chí Linh',
    });
    expect(r.card?.bhyt).toMatchObject({
      guardianName: 'Lê Thị Ngọc Quyên Phạm Văn Dưỡng',
      facility: '79032',
    });
    // Pre-2015 numbers ("HS7…": benefit digit 7) predate QĐ 1351: kept, flagged, not decoded.
    expect(r.card?.bhyt).toMatchObject({ number: 'HS7790900400931', form: 'unknown', category: null });
    expect(r.warnings.join(' ')).toMatch(/không theo mẫu đã biết/);
  });

  it('strips NUL bytes and tolerates a missing terminator with a warning', () => {
    const r = parseBhytQr(`\0${S['bhyt-2023-nguyen-tien-dat'].replace(/\|\$$/, '')}\0\0`, { now: NOW });
    expect(r.card?.fullName).toBe('Nguyễn Tiến Đạt');
    expect(r.warnings.join(' ')).toMatch(/«\$»/);
  });

  it('accepts a year-only birth date and refuses too few fields', () => {
    const year = parseBhytQr(
      '0111077012|4e677579e1bb856e|1950|2|-|01 - 043|01/01/2026|31/12/2026|01/01/2026|x|$',
      { now: NOW },
    );
    expect(year.card).toMatchObject({ birthDate: '1950', sex: 'F', fullName: 'Nguyễn' });
    expect(parseBhytQr('0111077012|4e67|1950|$').errors[0]).toMatch(/ít nhất 10 trường/);
  });

  it('says when a Vietnamese input method rewrote the hex name (Telex: "ee" → "ê")', () => {
    const telex = S['bhyt-2023-nguyen-tien-dat'].replace(
      '4e677579e1bb856e205469e1babf6e20c490e1baa174',
      '4e677579e1bb856e205469e1babf6e20c490e1bâ174',
    );
    const r = parseBhytQr(telex, { now: NOW });
    expect(r.ok).toBe(false);
    expect(r.errors.join(' ')).toMatch(/bộ gõ tiếng Việt/);
  });

  it('warns on validity problems', () => {
    const future = parseBhytQr(
      '0111077012|4e677579e1bb856e|1950|1|-|01 - 043|01/01/2027|31/12/2027|01/01/2026|x|$',
      { now: NOW },
    );
    expect(future.warnings.join(' ')).toMatch(/chỉ có giá trị từ ngày 01\/01\/2027/);
    const inverted = parseBhytQr(
      '0111077012|4e677579e1bb856e|1950|1|-|01 - 043|01/01/2026|31/12/2025|01/01/2026|x|$',
      { now: NOW },
    );
    expect(inverted.errors.join(' ')).toMatch(/trước ngày bắt đầu/);
  });

  it('never throws on nonsense', () => {
    for (const junk of ['', '$', '|||||||||||$', 'A'.repeat(5000), 'ZZ|zz|zz|zz|zz|zz|zz|zz|zz|zz|$'])
      expect(() => parseBhytQr(junk)).not.toThrow();
    expect(parseBhytQr(null).ok).toBe(false);
  });
});
