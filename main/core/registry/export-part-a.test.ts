/**
 * The residents XLSX carries every field of 831 part A (issue 14; A.0–A.23 in
 * /work/shared/reference/form-831-and-standards.md §1.4), read back with exceljs.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { cccdFor, personInput } from '../../../test/helpers/persons.ts';

let t: TestCore;
afterEach(() => t?.close());

async function readBack(base64: string): Promise<Record<string, string>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) =>
    rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))),
  );
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

describe('the residents export', () => {
  it('has a column for every part-A field, filled from the record', async () => {
    t = await makeSignedInCore();
    await t.ok('persons.create', {
      person: personInput({
        fullName: 'Lê Thị Mai',
        sex: 'F',
        birthDate: '2019-03-08',
        relationToHead: 'Con',
        bloodAbo: 'B',
        bloodRh: '-',
        birthProvinceCode: '01',
        ethnicityCode: '01',
        religion: 'Phật giáo',
        occupation: 'Học sinh',
        identifiers: [
          {
            kind: 'cccd',
            value: cccdFor('F', 2019, '246801'),
            issuedOn: '2024-01-15',
            issuedBy: 'Cục Cảnh sát QLHC về TTXH',
          },
          { kind: 'bhyt', value: 'TE1010123456789', validFrom: '2026-01-01', validTo: '2026-12-31' },
        ],
        permanentAddress: {
          village: 'Xóm Chùa',
          street: 'Số 5 ngõ 12',
          provinceCode: '01',
          communeCode: '00004',
          text: 'Số 5 ngõ 12, Xóm Chùa, Phường Ba Đình, Thành phố Hà Nội',
        },
        currentAddress: {
          village: 'Thôn Đông',
          street: 'Số 7',
          provinceCode: '01',
          communeCode: '00004',
          text: 'Số 7, Thôn Đông, Phường Ba Đình, Thành phố Hà Nội',
        },
        phoneMobile: '0912345678',
        phoneLandline: '02437654321',
        email: 'mai@example.vn',
        mother: { name: 'Nguyễn Thị Hoa', phone: '0987654321', landline: '02431112222' },
        father: { name: 'Lê Văn Nam', phone: '0911222333' },
        caregiver: { name: 'Lê Thị Bà', phone: '0933444555', relation: 'Bà nội', landline: '02433334444' },
      }),
      confirmSimilar: true,
    });
    const out = await t.ok('persons.export', {});
    const [row] = await readBack(out.contentBase64);
    expect(row).toMatchObject({
      'Họ và tên': 'Lê Thị Mai',
      'Quan hệ với chủ hộ': 'Con',
      'Giới tính': 'Nữ',
      'Nhóm máu ABO': 'B',
      'Nhóm máu Rh': 'Rh−',
      'Ngày sinh': '08/03/2019',
      'Nơi đăng ký khai sinh': 'Thành phố Hà Nội',
      'Dân tộc': 'Kinh',
      'Quốc tịch': 'VN',
      'Tôn giáo': 'Phật giáo',
      'Nghề nghiệp': 'Học sinh',
      'Số CCCD': cccdFor('F', 2019, '246801'),
      'Ngày cấp CCCD': '15/01/2024',
      'Nơi cấp CCCD': 'Cục Cảnh sát QLHC về TTXH',
      'Số thẻ BHYT': 'TE1010123456789',
      'Thẻ BHYT có giá trị từ': '01/01/2026',
      'Hạn thẻ BHYT': '31/12/2026',
      'Thường trú: thôn/xóm': 'Xóm Chùa',
      'Thường trú: số nhà, đường phố': 'Số 5 ngõ 12',
      'Thường trú: xã/phường': 'Phường Ba Đình',
      'Thường trú: tỉnh/thành phố': 'Thành phố Hà Nội',
      'Địa chỉ thường trú': 'Số 5 ngõ 12, Xóm Chùa, Phường Ba Đình, Thành phố Hà Nội',
      'Thôn/xóm': 'Thôn Đông',
      'Hiện tại: số nhà, đường phố': 'Số 7',
      'Hiện tại: xã/phường': 'Phường Ba Đình',
      'Hiện tại: tỉnh/thành phố': 'Thành phố Hà Nội',
      'Địa chỉ': 'Số 7, Thôn Đông, Phường Ba Đình, Thành phố Hà Nội',
      'Điện thoại': '0912345678',
      'Điện thoại cố định': '02437654321',
      Email: 'mai@example.vn',
      'Họ tên mẹ': 'Nguyễn Thị Hoa',
      'Điện thoại di động mẹ': '0987654321',
      'Điện thoại cố định mẹ': '02431112222',
      'Họ tên bố': 'Lê Văn Nam',
      'Điện thoại di động bố': '0911222333',
      'Người chăm sóc chính': 'Lê Thị Bà',
      'Quan hệ của người chăm sóc': 'Bà nội',
      'Điện thoại di động người chăm sóc': '0933444555',
      'Điện thoại cố định người chăm sóc': '02433334444',
    });
    // A.0 household code: the column is there (this resident has no household).
    expect(Object.keys(row)).toContain('Mã hộ');
  });
});
