/**
 * The six forms, each a pure function from gathered data to a pdfmake definition. A missing part
 * (no part B yet, no visit) prints writing lines, as the blank forms do.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { FORM_TITLES } from '#contract/ops/forms.ts';
import type { VaccineItem } from '#contract/ops/record.ts';
import type {
  AppointmentFormData,
  FormCommon,
  ImmunizationFormData,
  RecordFormData,
  VisitFormData,
} from '../model.ts';
import { field, fieldRow, formatDate, grid, page, partHeading, titleBlock, writingLines } from './layout.ts';
import { partA } from './part-a.ts';
import { partB } from './part-b.ts';
import { partC } from './part-c.ts';
import { visitBlock } from './part-d.ts';

const dHeading = partHeading('D. Khám lâm sàng và cận lâm sàng');

/** Hồ sơ quản lý sức khỏe cá nhân: parts A–D, D holding the visits the setting picks. */
export function recordForm(d: RecordFormData): TDocumentDefinitions {
  const p = d.person.person;
  const visits: Content[] = d.visits.length
    ? d.visits.flatMap((v, i) => [
        ...(i > 0
          ? [{ canvas: [{ type: 'line' as const, x1: 0, y1: 4, x2: 453, y2: 4, lineWidth: 0.4 }] }]
          : []),
        ...visitBlock(v, { compact: true, index: d.visits.length - i }),
      ])
    : [
        { text: 'Chưa có lượt khám trong thời gian này.', italics: true },
        ...visitBlock(null, { compact: false }),
      ];
  return page(
    d,
    FORM_TITLES.record,
    [
      ...titleBlock(d, FORM_TITLES.record, p.id),
      ...partA(d.person),
      ...partB(d.history, p.sex),
      ...partC(d.vaccines, d.doses, d.history?.motherTetanusDoses ?? null),
      dHeading,
      { text: d.visitsNote, italics: true },
      ...visits,
    ],
    { recordId: p.id },
  );
}

/** Phiếu khám sức khỏe: the resident's identification and one visit (part D) in full. */
export function visitForm(d: VisitFormData): TDocumentDefinitions {
  const p = d.person.person;
  return page(
    d,
    FORM_TITLES.visit,
    [
      ...titleBlock(d, FORM_TITLES.visit, p.id),
      ...identification(d),
      dHeading,
      ...visitBlock(d.visit, { compact: false }),
    ],
    { recordId: p.id },
  );
}

function identification(d: { person: RecordFormData['person'] }): Content[] {
  const p = d.person.person;
  const bhyt = p.identifiers.find((i) => i.kind === 'bhyt')?.value ?? '';
  const id = p.identifiers.find((i) => i.kind === 'cccd' || i.kind === 'cmnd')?.value ?? '';
  return [
    field('Họ và tên', p.fullName),
    fieldRow([
      ['Ngày sinh', formatDate(p.birthDate)],
      ['Giới tính', p.sex === 'M' ? 'Nam' : 'Nữ'],
      ['Mã hộ GĐ', p.household?.code],
    ]),
    fieldRow([
      ['Số CCCD', id],
      ['Số thẻ BHYT', bhyt],
    ]),
    field('Nơi ở hiện tại', p.addressLines.current || p.addressLines.permanent),
  ];
}

/** The blank record, to fill by hand during outreach: every line dotted, every box empty. */
export function blankRecordForm(common: FormCommon, vaccines: VaccineItem[]): TDocumentDefinitions {
  return page(
    common,
    FORM_TITLES.record,
    [
      ...titleBlock(common, FORM_TITLES.record, null),
      ...partA(null),
      ...partB(null, null),
      ...partC(vaccines, null, null),
      dHeading,
      ...visitBlock(null, { compact: false }),
    ],
    { recordId: null },
  );
}

/** The blank visit form. */
export function blankVisitForm(common: FormCommon): TDocumentDefinitions {
  return page(
    common,
    FORM_TITLES.visit,
    [
      ...titleBlock(common, FORM_TITLES.visit, null),
      field('Họ và tên', ''),
      fieldRow([
        ['Ngày sinh', ''],
        ['Giới tính', ''],
        ['Mã hộ GĐ', ''],
      ]),
      fieldRow([
        ['Số CCCD', ''],
        ['Số thẻ BHYT', ''],
      ]),
      field('Nơi ở hiện tại', ''),
      dHeading,
      ...visitBlock(null, { compact: false }),
    ],
    { recordId: null },
  );
}

/** Phiếu tiêm chủng: part A's identification, part C, and the doses due next. */
export function immunizationForm(d: ImmunizationFormData): TDocumentDefinitions {
  const p = d.person.person;
  const due = d.schedule.filter(
    (s) => s.status === 'due' || s.status === 'overdue' || s.status === 'not-yet-due',
  );
  return page(
    d,
    FORM_TITLES.immunization,
    [
      ...titleBlock(d, FORM_TITLES.immunization, p.id),
      ...identification(d),
      field('Họ tên mẹ / người chăm sóc', p.mother.name || p.caregiver.name),
      ...partC(d.vaccines, d.doses, d.motherTetanusDoses, { tetanus: p.sex === 'F' && p.age >= 13 }),
      partHeading('Các mũi tiêm sắp tới'),
      d.next
        ? {
            text: [
              { text: 'Lần hẹn tiêm tới: ' },
              { text: `${formatDate(d.next.date)} — ${d.next.names.join(', ')}`, bold: true },
            ],
          }
        : { text: 'Không có mũi tiêm nào đến hạn trong lịch.', italics: true },
      due.length
        ? grid(
            ['Mũi tiêm', 'Hạn tiêm', 'Tình trạng'],
            due.map((s) => [s.name, formatDate(s.dueDate), s.statusLabel]),
            ['*', 90, 150],
          )
        : { text: '' },
    ],
    { recordId: p.id },
  );
}

const A5_MARGINS: [number, number, number, number] = [42, 36, 36, 40];
const A6_MARGINS: [number, number, number, number] = [28, 24, 24, 36];

/** Giấy hẹn: a small slip (A5 or A6) with the date and what to come for. */
export function appointmentForm(d: AppointmentFormData): TDocumentDefinitions {
  const p = d.person.person;
  const small = d.paper === 'A6';
  const width = small ? 297.64 - 52 : 419.53 - 78;
  return page(
    d,
    FORM_TITLES.appointment,
    [
      { text: (d.station.name || 'TRẠM Y TẾ').toUpperCase(), bold: true, fontSize: small ? 9 : 10 },
      { text: [d.station.commune, d.station.province].filter(Boolean).join(', '), fontSize: small ? 8 : 9 },
      { text: 'GIẤY HẸN', bold: true, fontSize: small ? 14 : 16, alignment: 'center', margin: [0, 8, 0, 6] },
      field('Họ và tên', p.fullName, width),
      field('Ngày sinh', formatDate(p.birthDate), width),
      field('Địa chỉ', p.addressLines.current || p.addressLines.permanent, width),
      {
        text: [
          { text: 'Mời đến trạm ngày: ' },
          { text: formatDate(d.date), bold: true, fontSize: small ? 13 : 15 },
        ],
        margin: [0, 6, 0, 4],
      },
      d.purposes.length
        ? field('Để', d.purposes.join('; '), width)
        : { stack: [{ text: 'Để:' }, writingLines(2, width)] },
      ...(d.fromVisitOn ? [field('Theo lượt khám ngày', formatDate(d.fromVisitOn), width)] : []),
      {
        text: 'Xin mang theo giấy hẹn, thẻ BHYT và sổ tiêm chủng (nếu có).',
        italics: true,
        fontSize: small ? 8 : 9,
        margin: [0, 6, 0, 0],
      },
      { qr: p.id, fit: small ? 48 : 56, alignment: 'right', margin: [0, 4, 0, 0] },
    ],
    { recordId: p.id, pageSize: d.paper, margins: small ? A6_MARGINS : A5_MARGINS },
  );
}
