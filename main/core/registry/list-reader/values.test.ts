import { describe, expect, it } from 'vitest';
import { CodeLists } from '../../codes/code-lists.ts';
import { defaultResourcesDir } from '../../paths.ts';
import {
  createEthnicityMatcher,
  parseBhyt,
  parseEmail,
  parseIdNumber,
  parseName,
  parseNationality,
  parsePhone,
  parsePhoneCell,
  parseRelation,
  parseSex,
  properCase,
} from './values.ts';

const ethnicities = new CodeLists(defaultResourcesDir).ethnicities();
const today = '2026-11-22';

describe('sex', () => {
  it.each([
    ['Nam', 'M'],
    ['nam', 'M'],
    ['NAM', 'M'],
    ['Male', 'M'],
    ['M', 'M'],
    ['1', 'M'],
    ['Trai', 'M'],
    ['Nữ', 'F'],
    ['nữ', 'F'],
    ['NỮ', 'F'],
    ['nu', 'F'],
    ['Nu', 'F'],
    ['female', 'F'],
    ['F', 'F'],
    ['2', 'F'],
    ['Gái', 'F'],
  ])('%s → %s', (raw, sex) => {
    expect(parseSex(raw)).toEqual({ ok: true, value: sex });
  });
  it('refuses the unclear', () => {
    expect(parseSex('0')).toMatchObject({ ok: false, error: expect.stringMatching(/Nam hoặc Nữ/) });
    expect(parseSex('')).toBeNull();
  });
});

describe('names', () => {
  it('fixes all-capitals and all-lower-case names, keeps mixed case, tidies spaces and NFC', () => {
    expect(parseName('  NGUYỄN   VĂN AN ')).toEqual({ ok: true, value: 'Nguyễn Văn An' });
    expect(parseName('đặng thị hương')).toEqual({ ok: true, value: 'Đặng Thị Hương' });
    expect(parseName('Nguyễn Văn AN')).toEqual({ ok: true, value: 'Nguyễn Văn AN' });
    expect(parseName('Nguye\u0302\u0303n Va\u0306n An')).toEqual({ ok: true, value: 'Nguyễn Văn An' });
    expect(properCase('H’HEN NIÊ')).toBe('H’Hen Niê');
    expect(parseName('KSOR H’LAN')).toEqual({ ok: true, value: "Ksor H'Lan" });
  });
  it('reports digits as an error and odd names as warnings', () => {
    expect(parseName('Nguyễn Văn A2')).toMatchObject({ ok: false });
    expect(parseName('An')).toMatchObject({ ok: true, warning: expect.stringMatching(/một chữ/) });
    expect(parseName('Lê Văn A (con)')).toMatchObject({
      ok: true,
      warning: expect.stringMatching(/ký tự lạ/),
    });
  });
});

describe('phone numbers', () => {
  it.each([
    ['0912345678', '0912345678', 'mobile'],
    ['0912.345.678', '0912345678', 'mobile'],
    ['+84 912 345 678', '0912345678', 'mobile'],
    ['84912345678', '0912345678', 'mobile'],
    ['912345678', '0912345678', 'mobile'],
    ['(024) 3825 1234', '02438251234', 'landline'],
    ['0243.825.1234', '02438251234', 'landline'],
  ])('%s → %s', (raw, number, kind) => {
    expect(parsePhone(raw)).toEqual({ ok: true, value: { number, kind } });
  });
  it('restores the zero a numeric cell dropped, converts old 11-digit mobiles, takes the first of several', () => {
    expect(parsePhone('', { type: 'number', value: 912345678 })).toMatchObject({
      ok: true,
      value: { number: '0912345678' },
    });
    expect(parsePhone('01662345678')).toMatchObject({
      ok: true,
      value: { number: '0362345678' },
      warning: expect.stringMatching(/số mới/),
    });
  });
  it('a cell keeps one mobile and one landline, and names every other part as not stored', () => {
    expect(parsePhoneCell('0912345678 - 0987654321')).toEqual({
      mobile: '0912345678',
      landline: '',
      notStored: [
        {
          message:
            'Số di động thứ hai 0987654321 trong ô điện thoại (mỗi người lưu một số di động và một số cố định; đã lưu 0912345678)',
          what: 'số này',
        },
      ],
      warnings: [],
    });
    expect(parsePhoneCell('0912345678 (con trai); 024 3825 1234; 12345')).toEqual({
      mobile: '0912345678',
      landline: '02438251234',
      notStored: [
        { message: expect.stringMatching(/^Phần chữ «con trai» bên số 0912345678/), what: 'phần chữ này' },
        { message: expect.stringMatching(/^Số điện thoại «12345» không đúng/), what: 'số này' },
      ],
      warnings: [],
    });
  });
  it('refuses what is not a Vietnamese number', () => {
    expect(parsePhone('12345')).toMatchObject({ ok: false, error: expect.stringMatching(/10 chữ số/) });
  });
});

describe('ethnicity', () => {
  const match = createEthnicityMatcher(ethnicities);
  it('maps every official name to its own code, and no two names collide', () => {
    for (const e of ethnicities) expect(match(e.name)).toEqual({ ok: true, value: e.code });
  });
  it.each([
    ['Kinh', '01'],
    ['kinh', '01'],
    ['KINH', '01'],
    ['Dân tộc Kinh', '01'],
    ['1', '01'],
    ['01', '01'],
    ["H'Mông", '08'],
    ['Mông', '08'],
    ['HMông', '08'],
    ['Hmong', '08'],
    ['Mèo', '08'],
    ['Khmer', '05'],
    ['Khơ Me', '05'],
    ['Ê Đê', '12'],
    ['Ede', '12'],
    ['Ba Na', '13'],
    ['Gia Rai', '10'],
    ['Jrai', '10'],
    ["K'Ho", '16'],
    ['Cơ Ho', '16'],
    ["M'Nông", '20'],
    ['Tày', '02'],
    ['Thái', '03'],
    ['Người Hoa', '04'],
    ['Vân Kiều', '23'],
  ])('%s → %s', (raw, code) => {
    expect(match(raw)).toEqual({ ok: true, value: code });
  });
  it('reports unknown names and codes, and leaves "not stated" blank', () => {
    expect(match('Kinhh')).toMatchObject({ ok: false });
    expect(match('99')).toMatchObject({ ok: false });
    expect(match('Không rõ')).toMatchObject({ ok: true, value: '' });
  });
});

describe('identity numbers', () => {
  it('tells CCCD from CMND by length, whatever the column', () => {
    expect(parseIdNumber('001 062 012 345')).toEqual({
      ok: true,
      value: { kind: 'cccd', value: '001062012345' },
    });
    expect(parseIdNumber('012345678')).toEqual({ ok: true, value: { kind: 'cmnd', value: '012345678' } });
  });
  it('restores the leading zeros a numeric cell dropped when the province code proves them', () => {
    expect(parseIdNumber('1062012345', { type: 'number', value: 1062012345 })).toMatchObject({
      ok: true,
      value: { kind: 'cccd', value: '001062012345' },
      warning: expect.stringMatching(/mất số 0/),
    });
    expect(parseIdNumber('79095012345')).toMatchObject({ ok: true, value: { value: '079095012345' } });
    expect(parseIdNumber('12345678', { type: 'number', value: 12345678 })).toMatchObject({
      ok: true,
      value: { kind: 'cmnd', value: '012345678' },
    });
  });
  it('explains numbers Excel turned into exponent form', () => {
    expect(parseIdNumber('1.06201E+11')).toMatchObject({ ok: false, error: expect.stringMatching(/số mũ/) });
  });
  it('reads "none" as no number and other shapes as errors', () => {
    expect(parseIdNumber('Chưa có')).toBeNull();
    expect(parseIdNumber('-')).toBeNull();
    expect(parseIdNumber('00106201234')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/12 chữ số/),
    });
    expect(parseIdNumber('0010620123AB')).toMatchObject({ ok: false });
  });
  it('reads BHYT cards and BHXH codes, padding codes a numeric cell shortened', () => {
    expect(parseBhyt('hs4 01 0120878837', { today })).toEqual({ ok: true, value: 'HS4010120878837' });
    expect(parseBhyt('0111077012', { today })).toEqual({ ok: true, value: '0111077012' });
    expect(parseBhyt('111077012', { today })).toMatchObject({
      ok: true,
      value: '0111077012',
      warning: expect.stringMatching(/mất số 0/),
    });
    expect(parseBhyt('TE1401100000559', { today, birthYear: 1990 })).toMatchObject({
      ok: true,
      warning: expect.stringMatching(/TE/),
    });
    expect(parseBhyt('12345', { today })).toMatchObject({ ok: false });
  });
});

describe('other fields', () => {
  it('email, nationality, relation', () => {
    expect(parseEmail('mailto:An@Example.VN')).toEqual({ ok: true, value: 'an@example.vn' });
    expect(parseEmail('an@')).toMatchObject({ ok: false });
    expect(parseNationality('Việt Nam')).toEqual({ ok: true, value: 'VN' });
    expect(parseNationality('vn')).toEqual({ ok: true, value: 'VN' });
    expect(parseNationality('Lào')).toMatchObject({ ok: false });
    expect(parseRelation('CH')).toEqual({ relation: 'Chủ hộ', isHead: true });
    expect(parseRelation('con trai')).toEqual({ relation: 'Con trai', isHead: false });
    expect(parseRelation('VỢ')).toEqual({ relation: 'Vợ', isHead: false });
  });
});
