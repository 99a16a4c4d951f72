import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { HISTORY_DISEASES, type PartB } from '#contract/ops/record.ts';
import { box, choices, field, fieldRow, freeText, grid, itemHeading, partHeading } from './layout.ts';

const ALLERGY_ROWS: [keyof PartB['allergies'], string][] = [
  ['drugs', 'Thuốc'],
  ['chemicals', 'Hóa chất, mỹ phẩm'],
  ['food', 'Thực phẩm'],
  ['other', 'Khác'],
];
const DISABILITY_ROWS: [keyof PartB['disabilities'], string][] = [
  ['hearing', 'Thính lực'],
  ['vision', 'Thị lực'],
  ['arms', 'Tay'],
  ['legs', 'Chân'],
  ['spine', 'Cong vẹo cột sống'],
  ['cleft', 'Khe hở môi, vòm miệng'],
  ['other', 'Khác'],
];
const FAMILY_ROWS: [keyof PartB['family']['diseases'], string][] = [
  ['cardio', 'Bệnh tim mạch'],
  ['hypertension', 'Tăng huyết áp'],
  ['mental', 'Tâm thần'],
  ['asthma', 'Hen suyễn'],
  ['diabetes', 'Đái tháo đường'],
  ['epilepsy', 'Động kinh'],
  ['cancer', 'Ung thư (loại, người mắc, quan hệ)'],
  ['tuberculosis', 'Lao (loại, người mắc, quan hệ)'],
  ['other', 'Khác (người mắc, quan hệ)'],
];

const cell = (v: string | null | undefined): TableCell => ({
  text: v?.trim() ? v : ' ',
  margin: [0, 2, 0, 2],
});
const n = (v: number | null | undefined) => (v === null || v === undefined ? null : v);

/** B.3.2: the 12 diseases as a 4-column tick-box grid. */
function diseaseGrid(codes: number[]): Content {
  const entries = Object.entries(HISTORY_DISEASES).map(
    ([code, name]) => `${box(codes.includes(Number(code)))} ${name}`,
  );
  const rows: TableCell[][] = [];
  for (let i = 0; i < entries.length; i += 4) rows.push(entries.slice(i, i + 4).map((t) => ({ text: t })));
  return {
    table: { widths: ['*', '*', '*', '*'], body: rows },
    layout: 'noBorders',
    fontSize: 10,
    margin: [0, 2, 0, 4],
  };
}

/** B. THÔNG TIN TIỀN SỬ VÀ CÁC YẾU TỐ LIÊN QUAN SỨC KHỎE (B.1–B.8); null prints the blank form. */
export function partB(h: PartB | null, sex: 'M' | 'F' | null): Content[] {
  const b = h?.birth;
  const r = h?.risks;
  const opt = (v: string | undefined, options: [string, string][]): [string, boolean][] =>
    options.map(([code, name]) => [name, v === code]);
  const family = h?.family;
  const rep = h?.reproductive;
  const out: Content[] = [
    partHeading('B. Thông tin tiền sử và các yếu tố liên quan sức khỏe'),
    itemHeading('1. Tình trạng lúc sinh'),
    choices('Đẻ', [
      ['Đẻ thường', b?.delivery === 'normal'],
      ['Đẻ mổ', b?.delivery === 'caesarean'],
      ['Đẻ thiếu tháng', !!b?.premature],
      ['Bị ngạt lúc đẻ', !!b?.asphyxia],
    ]),
    fieldRow([
      ['Cân nặng lúc đẻ (gram)', n(b?.birthWeightG)],
      ['Chiều dài lúc đẻ (cm)', n(b?.birthLengthCm)],
    ]),
    field('Dị tật bẩm sinh (ghi rõ nếu có)', b?.congenital),
    field('Vấn đề khác', b?.other),
    itemHeading('2. Yếu tố nguy cơ đối với sức khỏe cá nhân'),
    choices(
      'Hút thuốc lá, lào',
      opt(r?.smoking, [
        ['no', 'Không'],
        ['yes', 'Có'],
        ['regular', 'Hút thường xuyên'],
        ['quit', 'Đã bỏ'],
      ]),
    ),
    choices(
      'Uống rượu bia thường xuyên',
      opt(r?.alcohol, [
        ['no', 'Không'],
        ['yes', 'Có'],
        ['regular', 'Thường xuyên'],
        ['quit', 'Đã bỏ'],
      ]),
    ),
    field('Số ly cốc uống/ngày', n(r?.alcoholCupsPerDay), 200),
    choices(
      'Sử dụng ma túy',
      opt(r?.drugs, [
        ['no', 'Không'],
        ['yes', 'Có'],
        ['regular', 'Sử dụng thường xuyên'],
        ['quit', 'Đã bỏ'],
      ]),
    ),
    choices(
      'Hoạt động thể lực',
      opt(r?.physicalActivity, [
        ['no', 'Không'],
        ['yes', 'Có'],
        ['regular', 'Thường xuyên'],
      ]),
    ),
    freeText('Yếu tố tiếp xúc nghề nghiệp, môi trường sống (hóa chất, bụi, ồn, vi rút...)', r?.exposure, 1),
    field('Thời gian tiếp xúc', r?.exposureDuration),
    choices(
      'Loại hố xí của gia đình',
      opt(r?.latrine, [
        ['flush', 'Xả nước'],
        ['double-vault', 'Hai ngăn'],
        ['bucket', 'Hố xí thùng'],
        ['none', 'Không có hố xí'],
      ]),
    ),
    freeText('Nguy cơ khác', r?.other, 1),
    itemHeading('3. Tiền sử bệnh tật, dị ứng'),
    { text: '3.1. Dị ứng', italics: true },
    grid(
      ['Loại', 'Mô tả rõ'],
      ALLERGY_ROWS.map(([k, name]) => [name, cell(h?.allergies[k])]),
      [110, '*'],
    ),
    { text: '3.2. Bệnh tật', italics: true },
    diseaseGrid(h?.diseases.codes ?? []),
    field('Ung thư (ghi rõ loại ung thư)', h?.diseases.cancer),
    field('Lao (ghi rõ loại lao)', h?.diseases.tuberculosis),
    field('Khác (nêu rõ)', h?.diseases.other),
    itemHeading('4. Khuyết tật'),
    grid(
      ['Bộ phận/cơ quan', 'Mô tả'],
      DISABILITY_ROWS.map(([k, name]) => [name, cell(h?.disabilities[k])]),
      [130, '*'],
    ),
    itemHeading('5. Tiền sử phẫu thuật'),
    freeText('Bộ phận cơ thể đã phẫu thuật và năm phẫu thuật', h?.surgery, 2),
    itemHeading('6. Tiền sử gia đình'),
    { text: '6.1. Dị ứng', italics: true },
    grid(
      ['Loại', 'Mô tả rõ', 'Người mắc (quan hệ huyết thống)'],
      ALLERGY_ROWS.map(([k, name]) => [
        name,
        cell(family?.allergies[k].what),
        cell(family?.allergies[k].who),
      ]),
      [100, '*', 140],
    ),
    { text: '6.2. Bệnh tật', italics: true },
    grid(
      ['Tên bệnh', 'Người mắc (ghi rõ quan hệ: ông, bà, bố, mẹ, anh, chị, em...)'],
      FAMILY_ROWS.map(([k, name]) => [name, cell(family?.diseases[k])]),
      [170, '*'],
    ),
  ];
  // B.7 is for women; the blank form prints it for whoever it is handed to.
  if (sex !== 'M') {
    out.push(
      itemHeading('7. Sức khỏe sinh sản và kế hoạch hóa gia đình'),
      field('Biện pháp tránh thai đang dùng', rep?.contraception),
      field('Kỳ có thai cuối cùng', rep?.lastPregnancy),
      fieldRow([
        ['Số lần có thai', n(rep?.pregnancies)],
        ['Số lần sảy thai', n(rep?.miscarriages)],
        ['Số lần phá thai', n(rep?.abortions)],
      ]),
      fieldRow([
        ['Số lần sinh đẻ', n(rep?.births)],
        ['Đẻ thường', n(rep?.normalBirths)],
        ['Đẻ mổ', n(rep?.caesareans)],
        ['Đẻ khó', n(rep?.difficultBirths)],
      ]),
      fieldRow([
        ['Số lần đẻ đủ tháng', n(rep?.termBirths)],
        ['Số lần đẻ non', n(rep?.pretermBirths)],
        ['Số con hiện sống', n(rep?.livingChildren)],
      ]),
      field('Bệnh phụ khoa', rep?.gynecological),
    );
  } else
    out.push(itemHeading('7. Sức khỏe sinh sản và kế hoạch hóa gia đình'), {
      text: '(Không áp dụng)',
      italics: true,
    });
  out.push(itemHeading('8. Vấn đề khác'), freeText('Ghi rõ nếu có', h?.other, 2));
  return out;
}
