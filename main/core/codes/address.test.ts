import { describe, expect, it } from 'vitest';
import { defaultResourcesDir } from '../paths.ts';
import { matchAddress, unitKey } from './address.ts';
import { CodeLists } from './code-lists.ts';

const codes = new CodeLists(defaultResourcesDir);

describe('reading addresses into the 2025 units', () => {
  it('normalises unit names', () => {
    expect(unitKey('Thành phố Hồ Chí Minh')).toBe('ho chi minh');
    expect(unitKey('TP. Hồ Chí Minh')).toBe('ho chi minh');
    expect(unitKey('Tỉnh Thanh Hoá')).toBe(unitKey('Thanh Hóa'));
    expect(unitKey('Phường 01')).toBe('1');
  });

  it('reads a 2025 two-level address as it is', () => {
    expect(matchAddress(codes, 'Thôn Đông, Xã Nông Cống, Tỉnh Thanh Hóa')).toMatchObject({
      kind: 'new',
      provinceCode: '38',
      communeCode: '16279',
      village: 'Thôn Đông',
    });
  });

  it('maps an old three-level card address to its new commune and says so', () => {
    const m = matchAddress(codes, 'Tổ 10 Ấp An Thái, Hòa Bình, Chợ Mới, An Giang');
    expect(m).toMatchObject({
      kind: 'mapped',
      provinceCode: '91',
      communeCode: '30673',
      village: 'Tổ 10 Ấp An Thái',
    });
    expect(m.note).toBe(
      'Địa chỉ cũ Xã Hòa Bình, Huyện Chợ Mới, Tỉnh An Giang nay là Xã Hội An, Tỉnh An Giang.',
    );
    expect(matchAddress(codes, 'xóm 3, Phường 1, Quận 3, TP Hồ Chí Minh')).toMatchObject({
      kind: 'mapped',
      communeCode: '27154',
    });
  });

  it('shows the choices when the old commune was split', () => {
    const m = matchAddress(codes, 'Số 1, Phường Điện Biên, Quận Ba Đình, Thành phố Hà Nội');
    expect(m.kind).toBe('ambiguous');
    expect(m.communeCode).toBe('');
    expect(m.candidates.map((c) => c.communeCode).sort()).toEqual(['00004', '00070', '00190', '00226']);
    expect(m.note).toMatch(/nay được chia cho 4 xã\/phường/);
  });

  it('falls back to the province, or nothing, without guessing', () => {
    expect(matchAddress(codes, 'Thôn Lai Ổn, Xã Không Có, Quỳnh Phụ, Thái Bình')).toMatchObject({
      kind: 'unknown',
      provinceCode: '33',
    });
    expect(matchAddress(codes, 'không rõ')).toMatchObject({ kind: 'unknown', provinceCode: '' });
  });
});
