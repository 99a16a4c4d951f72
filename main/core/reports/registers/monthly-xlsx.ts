/**
 * The monthly summary as a one-sheet XLSX workbook a district officer can read and print: title
 * block, five numbered tables (visits by age band and sex, morbidity by ICD-10 chapter, NCD
 * management, immunisation, record coverage) with merged header cells, the title block frozen,
 * A4 landscape fitted to the page width, signature lines at the foot. A few dozen rows: built in
 * memory with exceljs's ordinary workbook.
 */
import ExcelJS from 'exceljs';
import { isoToVn } from '#contract/dates.ts';
import type { MonthlySummary } from '#contract/ops/registers.ts';
import { A4_LANDSCAPE, bodyCell, FONT, headerCell, signatureBlock, titleLine } from './sheet-layout.ts';

/** Columns A–F: number, label, then four figures. */
export const MONTHLY_WIDTHS = [8, 58, 15, 15, 15, 15] as const;
const COLS = MONTHLY_WIDTHS.length;
/** Rows 1–4 (station, title, period, unit) stay in view. */
export const MONTHLY_FROZEN_ROWS = 4;

/** "12,5" — one decimal, Vietnamese comma; '' when there is nothing to divide by. */
export function percent(part: number, whole: number): string {
  if (whole === 0) return '';
  return (Math.round((part / whole) * 1000) / 10).toFixed(1).replace('.', ',');
}

export async function monthlyWorkbook(s: MonthlySummary, stationName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(`Tháng ${s.month.slice(5)}-${s.month.slice(0, 4)}`, {
    views: [{ state: 'frozen', ySplit: MONTHLY_FROZEN_ROWS, xSplit: 0 }],
    pageSetup: { ...A4_LANDSCAPE },
  });
  sheet.columns = MONTHLY_WIDTHS.map((width) => ({ width }));
  const [year, month] = [s.month.slice(0, 4), s.month.slice(5)];

  titleLine(sheet, 1, 2, `TRẠM Y TẾ ${stationName.replace(/^Trạm y tế\s*/i, '').toUpperCase()}`, {
    bold: true,
    align: 'left',
  });
  titleLine(sheet, 1, 4, 'Báo cáo tháng (TT 23/2025/TT-BYT)', { italic: true, align: 'right' }, 3);
  titleLine(sheet, 2, COLS, `BÁO CÁO TỔNG HỢP KHÁM CHỮA BỆNH, TIÊM CHỦNG THÁNG ${month}/${year}`, {
    size: 15,
    bold: true,
  });
  titleLine(sheet, 3, COLS, `Từ ngày ${isoToVn(s.from)} đến ngày ${isoToVn(s.to)}`, { italic: true });
  titleLine(sheet, 4, COLS, 'Đơn vị tính: lượt, người, mũi', { italic: true, size: 10, align: 'right' });

  let row = 5;
  const section = (text: string): void => {
    row += 1;
    titleLine(sheet, row, COLS, text, { bold: true, align: 'left' });
    row += 1;
  };
  /** A header row of single cells. */
  const header = (labels: string[]): void => {
    labels.forEach((l, i) => headerCell(sheet.getCell(row, i + 1), l));
    row += 1;
  };
  const line = (values: (string | number)[], bold = false): void => {
    values.forEach((v, i) => bodyCell(sheet.getCell(row, i + 1), v, { bold }));
    row += 1;
  };

  // 1. Visits: "Số lượt khám" over Tổng số / Nam / Nữ, the first two columns span both header rows.
  section('1. Số lượt khám bệnh theo giới và nhóm tuổi');
  sheet.mergeCells(row, 1, row + 1, 1);
  sheet.mergeCells(row, 2, row + 1, 2);
  sheet.mergeCells(row, 3, row, 5);
  sheet.mergeCells(row, 6, row + 1, 6);
  headerCell(sheet.getCell(row, 1), 'STT');
  headerCell(sheet.getCell(row, 2), 'Nhóm tuổi');
  headerCell(sheet.getCell(row, 3), 'Số lượt khám');
  headerCell(sheet.getCell(row, 6), 'Tỷ lệ nữ (%)');
  row += 1;
  ['Tổng số', 'Nam', 'Nữ'].forEach((l, i) => headerCell(sheet.getCell(row, 3 + i), l));
  row += 1;
  s.visits.bands.forEach((b, i) =>
    line([i + 1, b.label, b.total, b.male, b.female, percent(b.female, b.total)]),
  );
  const t = s.visits.total;
  line(['', 'Tổng số', t.total, t.male, t.female, percent(t.female, t.total)], true);
  line(['', 'Trong đó: người bệnh có thẻ BHYT', s.visits.withBhyt, '', '', '']);
  line(['', 'Trong đó: chuyển tuyến', s.visits.referred, '', '', '']);

  section('2. Bệnh tật theo chương ICD-10 (chẩn đoán chính)');
  header(['Chương', 'Tên chương (mã ICD-10)', 'Số lượt', 'Tỷ lệ (%)', '', '']);
  for (const c of s.chapters)
    line([c.chapter, `${c.title} (${c.range})`, c.count, percent(c.count, t.total), '', '']);
  line(['', 'Không có mã ICD-10', s.uncoded, percent(s.uncoded, t.total), '', '']);
  line(['', 'Tổng số', t.total, '', '', ''], true);

  section('3. Quản lý bệnh không lây nhiễm');
  header([
    'STT',
    'Bệnh',
    'Đang quản lý',
    'Mới đưa vào quản lý',
    'Được khám trong tháng',
    'Tỷ lệ được khám (%)',
  ]);
  s.ncd.forEach((n, i) =>
    line([i + 1, n.label, n.managed, n.newInMonth, n.seenInMonth, percent(n.seenInMonth, n.managed)]),
  );

  section('4. Tiêm chủng');
  header(['STT', 'Vắc xin, mũi tiêm', 'Số mũi', '', '', '']);
  s.immunization.byVaccine.forEach((d, i) => line([i + 1, d.name, d.doses, '', '', '']));
  line(['', 'Tổng số mũi tiêm', s.immunization.doses, '', '', ''], true);
  line(['', 'Số người được tiêm', s.immunization.people, '', '', '']);

  section('5. Hồ sơ sức khỏe điện tử');
  header(['STT', 'Chỉ số', 'Số người', 'Tỷ lệ (%)', '', '']);
  const c = s.coverage;
  line([1, 'Dân số đang quản lý (còn cư trú)', c.residents, '', '', '']);
  line([
    2,
    `Có ít nhất một lần khám đến ${isoToVn(s.to)}`,
    c.withExam,
    percent(c.withExam, c.residents),
    '',
    '',
  ]);
  line([
    3,
    'Được khám trong 12 tháng gần nhất',
    c.examinedIn12Months,
    percent(c.examinedIn12Months, c.residents),
    '',
    '',
  ]);

  signatureBlock(sheet, row + 1, COLS);
  sheet.eachRow((r) => r.eachCell((cell) => (cell.font = { ...cell.font, name: FONT })));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
