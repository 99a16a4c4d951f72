import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { EXAM_FIELDS, EXAM_ITEM_NAMES, type VisitRecord } from '#contract/ops/record.ts';
import { withPresetLabs } from '#contract/clinical/labs.ts';
import { blankRows, field, fieldRow, formatDate, grid, itemHeading, writingLines } from './layout.ts';

const GENERAL = ['skin', 'generalOther'] as const;
const num = (v: number | null | undefined, digits = 0): string =>
  v === null || v === undefined ? '' : v.toLocaleString('vi-VN', { maximumFractionDigits: digits });

/** D.2.1 as the 8-column grid. */
export function vitalsGrid(v: VisitRecord | null): Content {
  const s = v?.vitals;
  const bp = s && s.systolic !== null && s.diastolic !== null ? `${num(s.systolic)}/${num(s.diastolic)}` : '';
  const row: TableCell[] = v
    ? [
        num(s?.pulse),
        num(s?.temperatureC, 1),
        bp,
        num(s?.respiratoryRate),
        num(s?.weightKg, 1),
        num(s?.heightCm, 1),
        num(v.derived.bmi, 1),
        num(s?.waistCm, 1),
      ].map((t) => ({
        text: t || ' ',
        alignment: 'center' as const,
        margin: [0, 3, 0, 3] as [number, number, number, number],
      }))
    : blankRows(1, 8)[0];
  return grid(
    [
      'Mạch (lần/phút)',
      'Nhiệt độ (°C)',
      'Huyết áp (mmHg)',
      'Nhịp thở (lần/phút)',
      'Cân nặng (kg)',
      'Chiều cao (cm)',
      'BMI',
      'Vòng bụng (cm)',
    ],
    [row],
    ['*', '*', '*', '*', '*', '*', '*', '*'],
    9,
  );
}

/**
 * D. one visit. `compact` (the full record's list of visits) leaves out exam items with nothing
 * written; the visit form prints every item, with writing lines where nothing was written.
 */
export function visitBlock(v: VisitRecord | null, options: { compact: boolean; index?: number }): Content[] {
  const exam = v?.exam ?? {};
  const compact = options.compact && v !== null;
  const item = (k: (typeof EXAM_FIELDS)[number]): Content | null => {
    const text = exam[k]?.trim() ?? '';
    if (compact && !text) return null;
    return field(EXAM_ITEM_NAMES[k], text);
  };
  const organs = EXAM_FIELDS.filter((k) => !(GENERAL as readonly string[]).includes(k));
  // The form's four preset D.3 rows always print, then the visit's other tests.
  const labs = withPresetLabs(v?.labs ?? []);
  const diagnoses = v?.diagnoses ?? [];
  const vision = v?.vision;
  const out: Content[] = [
    {
      text: [
        { text: `${options.index ? `Lần khám ${options.index} — ` : ''}Ngày khám: `, bold: true },
        { text: v ? formatDate(v.visitOn) : '....../....../..........', bold: true },
        ...(v && v.status === 'draft' ? [{ text: '  (bản nháp, chưa ký)', italics: true }] : []),
      ],
      margin: [0, 8, 0, 2],
    },
    field('Lý do khám', v?.reason),
    itemHeading('1. Bệnh sử'),
    v?.history.trim() ? { text: v.history } : writingLines(compact ? 1 : 2),
    itemHeading('2. Thăm khám lâm sàng'),
    { text: '2.1. Dấu hiệu sinh tồn, chỉ số nhân trắc học', italics: true },
    vitalsGrid(v),
    { text: '2.2. Thị lực', italics: true },
    fieldRow([
      ['Không kính: mắt phải', vision?.rightPlain],
      ['mắt trái', vision?.leftPlain],
    ]),
    fieldRow([
      ['Có kính: mắt phải', vision?.rightGlasses],
      ['mắt trái', vision?.leftGlasses],
    ]),
    { text: '2.3. Khám lâm sàng', italics: true },
    { text: '2.3.1. Toàn thân', italics: true },
    ...GENERAL.map(item).filter((c): c is Content => c !== null),
    { text: '2.3.2. Cơ quan', italics: true },
    ...organs.map(item).filter((c): c is Content => c !== null),
    itemHeading('3. Kết quả cận lâm sàng'),
    grid(
      ['STT', 'Tên xét nghiệm', 'Kết quả'],
      [
        ...labs.map((l, i) => [
          { text: String(i + 1), alignment: 'center' as const },
          l.name,
          l.result || ' ',
        ]),
        // Room to write another test by hand on a blank or unfilled form.
        ...(compact ? [] : blankRows(v ? 0 : 2, 3)),
      ],
      [28, 170, '*'],
    ),
    itemHeading('4. Chẩn đoán / Kết luận (tên bệnh, mã ICD-10)'),
    ...(diagnoses.length
      ? diagnoses.map((d) => ({
          text: `${d.code ? `${d.code} — ` : ''}${d.name}${d.main ? ' (bệnh chính)' : ''}${d.note ? `; ${d.note}` : ''}`,
          margin: [12, 0, 0, 0] as [number, number, number, number],
        }))
      : []),
    v?.conclusion.trim() ? { text: v.conclusion } : diagnoses.length ? { text: '' } : writingLines(2),
    itemHeading('5. Tư vấn'),
    v?.counselling.trim() ? { text: v.counselling } : writingLines(compact ? 1 : 2),
    fieldRow([
      ['Hẹn tái khám', formatDate(v?.followUpOn)],
      ['6. Bác sĩ khám', v?.examiner.name],
    ]),
  ];
  return out;
}
