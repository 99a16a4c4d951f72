import type { Content } from 'pdfmake/interfaces.js';
import type { PersonForm } from '../model.ts';
import { BODY_WIDTH, field, fieldRow, formatDate, partHeading } from './layout.ts';

const idOf = (p: PersonForm['person'], ...kinds: string[]) =>
  p.identifiers.find((i) => kinds.includes(i.kind) && i.value) ?? null;

const phones = (mobile: string, landline: string | undefined) =>
  [mobile && `di động ${mobile}`, landline && `cố định ${landline}`].filter(Boolean).join('; ');

/** A. THÔNG TIN HÀNH CHÍNH with the household code in a box beside the heading (A.0–A.23). */
export function partA(data: PersonForm | null): Content[] {
  const p = data?.person ?? null;
  const id = p ? idOf(p, 'cccd', 'cmnd', 'passport') : null;
  const bhyt = p ? idOf(p, 'bhyt') : null;
  const sex = p ? (p.sex === 'M' ? 'Nam' : 'Nữ') : null;
  const householdCode = p?.household?.code ?? '';
  const heading: Content = {
    columns: [
      { width: '*', stack: [partHeading('A. Thông tin hành chính')] },
      {
        width: 150,
        margin: [0, 8, 0, 0],
        table: { widths: [70, 70], body: [['Mã hộ GĐ', householdCode || ' ']] },
        layout: { hLineWidth: () => 0.8, vLineWidth: () => 0.8 },
        fontSize: 10,
      },
    ],
  };
  const half = BODY_WIDTH / 2 - 6;
  const third = BODY_WIDTH / 3 - 6;
  return [
    heading,
    field('1. Họ và tên', p?.fullName),
    fieldRow([
      ['2. Quan hệ với chủ hộ', p?.relationToHead],
      ['3. Giới tính', sex],
    ]),
    fieldRow(
      [
        ['4. Nhóm máu ABO', p?.bloodAbo],
        ['5. Rh', p?.bloodRh ? `Rh${p.bloodRh}` : ''],
        ['6. Ngày sinh', formatDate(p?.birthDate)],
      ],
      BODY_WIDTH,
    ),
    field('7. Nơi đăng ký khai sinh', data?.birthProvince),
    fieldRow([
      ['8. Dân tộc', data?.ethnicity],
      ['9. Quốc tịch', data?.nationality],
    ]),
    fieldRow([
      ['10. Tôn giáo', p?.religion],
      ['11. Nghề nghiệp', p?.occupation],
    ]),
    field('12. Số CMND/CCCD', id?.value, BODY_WIDTH),
    fieldRow([
      ['13. Ngày cấp', formatDate(id?.issuedOn)],
      ['14. Nơi cấp', id?.issuedBy],
    ]),
    field('15. Số thẻ BHYT', bhyt?.value),
    field('16. Nơi đăng ký thường trú', p?.addressLines.permanent),
    field('17. Nơi ở hiện tại', p?.addressLines.current),
    fieldRow(
      [
        ['18. Điện thoại di động', p?.phoneMobile],
        ['cố định', p?.phoneLandline],
      ],
      BODY_WIDTH,
    ),
    field('19. Email', p?.email, half * 2),
    fieldRow([
      ['20. Họ tên mẹ', p?.mother.name],
      ['Điện thoại', p ? phones(p.mother.phone, p.mother.landline) : null],
    ]),
    fieldRow([
      ['21. Họ tên bố', p?.father.name],
      ['Điện thoại', p ? phones(p.father.phone, p.father.landline) : null],
    ]),
    fieldRow(
      [
        ['22. Người chăm sóc chính', p?.caregiver.name],
        ['Quan hệ', p?.caregiver.relation],
        ['23. Điện thoại', p ? phones(p.caregiver.phone, p.caregiver.landline) : null],
      ],
      third * 3,
    ),
  ];
}
