import { describe, expect, it } from 'vitest';
import { cardSamples } from '../test-support/card-samples.ts';
import { parseCccdQr } from './cccd.ts';

const S = cardSamples();
const NOW = new Date('2026-11-22T01:00:00Z');

describe('CCCD QR', () => {
  it('decodes the real samples: Lê Văn Lương (with old CMND)', () => {
    const r = parseCccdQr(S['cccd-le-van-luong'], { now: NOW });
    expect(r).toEqual({
      ok: true,
      warnings: [],
      errors: [],
      card: {
        source: 'cccd',
        fullName: 'Lê Văn Lương',
        sex: 'M',
        birthDate: '2002-05-23',
        cccd: '089202017098',
        cmnd: '352576714',
        address: 'Tổ 10 Ấp An Thái, Hòa Bình, Chợ Mới, An Giang',
        issueDate: '2021-12-31',
        bhyt: null,
        extraFields: [],
      },
    });
  });

  it('decodes the samples without a CMND, and a woman’s card', () => {
    expect(parseCccdQr(S['cccd-khuat-luu-huy-nhat'], { now: NOW }).card).toMatchObject({
      fullName: 'Khuất Lưu Huy Nhật',
      cmnd: null,
      birthDate: '2002-02-24',
      sex: 'M',
    });
    const hoa = parseCccdQr(S['cccd-nguyen-thi-hoa'], { now: NOW });
    expect(hoa.ok).toBe(true);
    expect(hoa.card).toMatchObject({
      fullName: 'Nguyễn Thị Hoa',
      sex: 'F',
      birthDate: '2003-03-21',
      address: 'Thôn Lai Ổn, An Quý, Quỳnh Phụ, Thái Bình',
    });
  });

  it('normalises a decomposed (NFD) payload and strips NULs and the scanner suffix', () => {
    const nfd = `${S['cccd-nguyen-thi-hoa'].normalize('NFD')}\0\r\n`;
    const r = parseCccdQr(nfd, { now: NOW });
    expect(r.card?.fullName).toBe('Nguyễn Thị Hoa');
    expect(r.card?.fullName?.normalize('NFC')).toBe(r.card?.fullName);
  });

  it('reads the 6-field variant without the CMND field', () => {
    const r = parseCccdQr('034303011829|Nguyễn Thị Hoa|21032003|Nữ|Thôn Lai Ổn, An Quý|14082021', {
      now: NOW,
    });
    expect(r.ok).toBe(true);
    expect(r.card).toMatchObject({
      cccd: '034303011829',
      fullName: 'Nguyễn Thị Hoa',
      cmnd: null,
      issueDate: '2021-08-14',
    });
    expect(r.warnings.join(' ')).toMatch(/6 trường/);
  });

  it('keeps the extra fields of newer cards raw', () => {
    const r = parseCccdQr(`${S['cccd-le-van-luong']}|Kinh|Không|01012040`, { now: NOW });
    expect(r.ok).toBe(true);
    expect(r.card?.extraFields).toEqual(['Kinh', 'Không', '01012040']);
    expect(r.warnings.join(' ')).toMatch(/3 trường/);
  });

  it('checks the number against the birth year and sex (identity.ts)', () => {
    const wrongSex = parseCccdQr(S['cccd-nguyen-thi-hoa'].replace('|Nữ|', '|Nam|'), { now: NOW });
    expect(wrongSex.ok).toBe(false);
    expect(wrongSex.errors.join(' ')).toMatch(/giới tính/);
    const wrongYear = parseCccdQr(S['cccd-le-van-luong'].replace('23052002', '23051999'), { now: NOW });
    expect(wrongYear.errors.join(' ')).toMatch(/năm sinh 2002/);
    expect(wrongYear.card?.birthDate).toBe('1999-05-23'); // the data stays visible for the nurse
  });

  it('refuses impossible dates and a short id', () => {
    expect(
      parseCccdQr('089202017098|352576714|Lê Văn Lương|31022002|Nam|X|31122021', { now: NOW }).errors.join(
        ' ',
      ),
    ).toMatch(/không phải ngày có thật/);
    expect(
      parseCccdQr('08920201709|352576714|Lê Văn Lương|23052002|Nam|X|31122021', { now: NOW }).errors.join(
        ' ',
      ),
    ).toMatch(/12 chữ số/);
    expect(
      parseCccdQr('089202017098|352576714|Lê Văn Lương|23052002|Nam|X|31122001', { now: NOW }).errors.join(
        ' ',
      ),
    ).toMatch(/trước ngày sinh/);
  });

  it('flags a name garbled by a keyboard-wedge scan (mojibake, question marks)', () => {
    const mojibake = parseCccdQr('089202017098|352576714|LÃª VÄƒn LÆ°Æ¡ng|23052002|Nam|X|31122021', {
      now: NOW,
    });
    expect(mojibake.ok).toBe(false);
    expect(mojibake.errors.join(' ')).toMatch(/HID POS/);
    expect(parseCccdQr('089202017098|352576714|L? V?n L??ng|23052002|Nam|X|31122021', { now: NOW }).ok).toBe(
      false,
    );
  });

  it('says what is wrong with something that is not a CCCD, and never throws', () => {
    expect(parseCccdQr('hello').errors[0]).toMatch(/Không phải mã QR/);
    expect(parseCccdQr(42 as unknown).ok).toBe(false);
    expect(parseCccdQr('|'.repeat(3000)).ok).toBe(false);
    expect(parseCccdQr('').ok).toBe(false);
  });

  it('accepts a 12-digit CMND with a warning and ignores a malformed one', () => {
    expect(
      parseCccdQr(S['cccd-le-van-luong'].replace('352576714', '001090123456'), { now: NOW }).card?.cmnd,
    ).toBe('001090123456');
    const odd = parseCccdQr(S['cccd-le-van-luong'].replace('352576714', '35257'), { now: NOW });
    expect(odd.card?.cmnd).toBeNull();
    expect(odd.warnings.join(' ')).toMatch(/CMND/);
  });
});
