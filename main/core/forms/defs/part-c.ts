import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { DoseRecord, VaccineItem } from '#contract/ops/record.ts';
import { blankRows, box, field, formatDate, grid, itemHeading, partHeading } from './layout.ts';

const cell = (text: string): TableCell => ({ text: text || ' ' });

function rowsFor(
  vaccines: VaccineItem[],
  given: DoseRecord[] | null,
  group: 1 | 2 | 3,
  tetanus: boolean,
): TableCell[][] {
  // The blank form leaves every box empty; a record ticks "not vaccinated" for a dose not given.
  const blank = given === null;
  const doses = given ?? [];
  const byCode = new Map<string, DoseRecord[]>();
  for (const d of doses) byCode.set(d.vaccineCode, [...(byCode.get(d.vaccineCode) ?? []), d]);
  const inGroup = vaccines.filter((v) => v.group === group && (v.active || byCode.has(v.code)));
  // Outside the programme (group 2) the catalogue is a menu: only what was given is printed.
  const listed = group === 2 ? inGroup.filter((v) => byCode.has(v.code)) : inGroup;
  const known = new Set(vaccines.map((v) => v.code));
  const rows = listed.map((v) => {
    const taken = byCode.get(v.code) ?? [];
    const dates = taken.map((d) => formatDate(d.givenOn)).join(', ');
    const reaction = taken
      .map((d) => d.reaction)
      .filter(Boolean)
      .join('; ');
    const next = taken
      .map((d) => formatDate(d.nextOn))
      .filter(Boolean)
      .join(', ');
    const months = taken
      .map((d) => (d.pregnancyMonth ? String(d.pregnancyMonth) : ''))
      .filter(Boolean)
      .join(', ');
    const base: TableCell[] = [
      cell(v.name),
      { text: box(!blank && taken.length === 0), alignment: 'center' },
      cell(dates),
    ];
    return tetanus
      ? [...base, cell(months), cell(reaction), cell(next)]
      : [...base, cell(reaction), cell(next)];
  });
  // A dose of a vaccine the catalogue no longer lists still prints (group 1 keeps it; it was given).
  if (group === 1)
    for (const d of doses.filter((x) => !known.has(x.vaccineCode)))
      rows.push([
        cell(d.vaccineName),
        { text: box(false), alignment: 'center' },
        cell(formatDate(d.givenOn)),
        cell(d.reaction),
        cell(formatDate(d.nextOn)),
      ]);
  return rows;
}

/** C. TIÊM CHỦNG: C.1 children (5 columns), C.2 outside the programme, C.3 tetanus in pregnancy (6). */
export function partC(
  vaccines: VaccineItem[],
  doses: DoseRecord[] | null,
  motherTetanusDoses: number | null,
  options: { children?: boolean; tetanus?: boolean } = {},
): Content[] {
  const blank = doses === null;
  const five = [
    'Loại vắc xin',
    'Chưa chủng ngừa',
    'Đã chủng ngừa, ghi rõ ngày',
    'Phản ứng sau tiêm',
    'Ngày hẹn tiêm',
  ];
  const fiveW = ['*', 48, 90, 90, 66];
  const out: Content[] = [partHeading('C. Tiêm chủng')];
  if (options.children !== false) {
    out.push(
      itemHeading('1. Tiêm chủng cơ bản cho trẻ em'),
      grid(five, rowsFor(vaccines, doses, 1, false), fiveW),
      field('Số mũi vắc xin uốn ván mẹ đã tiêm', motherTetanusDoses, 320),
    );
  }
  const extra = rowsFor(vaccines, doses, 2, false);
  out.push(
    itemHeading('2. Tiêm chủng ngoài chương trình TCMR'),
    grid(five, [...extra, ...blankRows(blank ? 4 : extra.length ? 1 : 2, 5)], fiveW),
  );
  if (options.tetanus !== false) {
    out.push(
      itemHeading('3. Tiêm chủng vắc xin uốn ván (phụ nữ có thai)'),
      grid(
        [
          'Loại vắc xin',
          'Chưa tiêm',
          'Đã tiêm, ghi rõ ngày',
          'Tháng thai',
          'Phản ứng sau tiêm',
          'Ngày hẹn tiêm',
        ],
        rowsFor(vaccines, doses, 3, true),
        ['*', 40, 84, 40, 80, 62],
      ),
    );
  }
  return out;
}
