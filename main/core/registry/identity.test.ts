import { describe, expect, it } from 'vitest';
import {
  decodeBhyt,
  decodeCccd,
  genderCenturyDigit,
  validateBhyt,
  validateCccd,
  validateCmnd,
  validatePassport,
} from './identity.ts';

describe('CCCD / personal identification number', () => {
  it('encodes sex and century in the 4th digit', () => {
    expect(genderCenturyDigit('M', 1962)).toBe(0);
    expect(genderCenturyDigit('F', 1962)).toBe(1);
    expect(genderCenturyDigit('M', 2005)).toBe(2);
    expect(genderCenturyDigit('F', 2099)).toBe(3);
    expect(genderCenturyDigit('F', 2100)).toBe(5);
    expect(decodeCccd('034303011829')).toEqual({
      provinceCode: '034',
      provinceName: 'Thái Bình',
      sex: 'F',
      birthYear: 2003,
    });
  });

  it('accepts the real samples and refuses a gender digit that contradicts the sex', () => {
    expect(validateCccd('089202017098', { sex: 'M', birthYear: 2002 })).toMatchObject({
      ok: true,
      errors: [],
    });
    expect(validateCccd('034303011829', { sex: 'F', birthYear: 2003 }).ok).toBe(true);
    const wrongSex = validateCccd('034303011829', { sex: 'M', birthYear: 2003 });
    expect(wrongSex.ok).toBe(false);
    expect(wrongSex.errors[0]).toMatch(/Chữ số thứ 4 \(3\).*Nữ/);
    const wrongYear = validateCccd('089202017098', { sex: 'M', birthYear: 1902 });
    expect(wrongYear.errors.join()).toMatch(/năm sinh 2002/);
  });

  it('has no check digit: any 6 trailing digits pass', () => {
    for (const tail of ['000000', '999999', '123456', '654321'])
      expect(validateCccd(`001062${tail}`, { sex: 'M', birthYear: 1962 }).ok).toBe(true);
  });

  it('explains wrong lengths and letters, and only warns about an unknown province code', () => {
    expect(validateCccd('00106201234').errors[0]).toMatch(/12 chữ số \(đang có 11\)/);
    expect(validateCccd('00106201234X').errors[0]).toMatch(/chỉ gồm chữ số/);
    const unknown = validateCccd('003062012345', { sex: 'M', birthYear: 1962 });
    expect(unknown.ok).toBe(true);
    expect(unknown.warnings[0]).toMatch(/«003»/);
    expect(validateCccd('001 062 012 345', { sex: 'M', birthYear: 1962 }).ok).toBe(true);
  });
});

describe('other numbers', () => {
  it('old CMND has 9 digits', () => {
    expect(validateCmnd('352576714').ok).toBe(true);
    expect(validateCmnd('35257671').ok).toBe(false);
  });

  it('BHYT is the 10-digit BHXH number or the legacy 15-character code', () => {
    expect(decodeBhyt('0111077012')).toMatchObject({ form: 'bhxh10', bhxhNumber: '0111077012' });
    expect(decodeBhyt('HS4010120878837')).toMatchObject({
      form: 'legacy15',
      category: 'HS',
      benefitLevel: 4,
      provinceCode: '01',
      bhxhNumber: '0120878837',
    });
    // Pre-2018 cards had letters in the serial: still a valid legacy code.
    expect(validateBhyt('DN401AA31900313').ok).toBe(true);
    expect(validateBhyt('12345').ok).toBe(false);
    expect(
      validateBhyt('TE1401100000559', { birthYear: 1980, onDate: new Date('2026-01-01') }).warnings[0],
    ).toMatch(/TE/);
  });

  it('passport numbers are letters and digits', () => {
    expect(validatePassport('C1234567').ok).toBe(true);
    expect(validatePassport('C12-345!').ok).toBe(false);
  });
});
