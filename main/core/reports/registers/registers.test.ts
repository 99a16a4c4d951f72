/**
 * The A1 register and the monthly summary on a station whose June 2026 is known line by line
 * (testing.ts). Every expected value below is worked out by hand from that list.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { A1Row } from '#contract/ops/registers.ts';
import { makeSignedInCore, TEST_ADMIN, type TestCore } from '../../../../test/helpers/core.ts';
import { makeRegisterStation, REGISTERS_TODAY, type RegisterStation } from './testing.ts';
import { A1_COUNT_SQL, A1_PAGE_SQL, A1_ROWS_SQL } from './a1.ts';
import {
  COVERAGE_LATER_SQL,
  COVERAGE_SQL,
  MONTH_DOSE_PEOPLE_SQL,
  MONTH_DOSES_SQL,
  MONTH_NCD_SQL,
  MONTH_VISITS_SQL,
} from './monthly.ts';

let t: TestCore;
let s: RegisterStation;
const june = { from: '2026-06-01', to: '2026-06-30' };

beforeAll(async () => {
  t = await makeSignedInCore({ clock: () => REGISTERS_TODAY });
  s = await makeRegisterStation(t.ok);
});
afterAll(() => t?.close());

const pick = (r: A1Row) => {
  const { visitId: _v, personId: _p, ...rest } = r;
  return rest;
};

describe('A1 consultation register (sổ khám bệnh)', () => {
  it('lists June’s signed visits, oldest first, with part A and the visit’s symptoms, diagnosis, treatment, examiner and note', async () => {
    const page = await t.ok('registers.a1', june);
    expect(page.total).toBe(4);
    expect(page.rows.map(pick)).toEqual([
      {
        stt: 1,
        visitOn: '2026-06-03',
        fullName: 'Trần Văn Bình',
        sex: 'M',
        birthDate: '1950-05-10',
        identity: 'CCCD 001050012345',
        bhyt: 'GD4010120878837',
        address: 'Số 5, thôn Đông',
        ethnicity: 'Kinh',
        occupation: 'Nông dân',
        symptoms: 'Đau đầu, chóng mặt',
        diagnosis: 'I10 Tăng huyết áp',
        treatment: 'Điều trị ngoại trú bằng thuốc. Amlodipin 5 mg — 1 viên/ngày — 30 ngày',
        examiner: TEST_ADMIN.fullName,
        note: 'Hẹn tái khám 03/07/2026',
      },
      {
        stt: 2,
        visitOn: '2026-06-10',
        fullName: 'Lê Thị Cúc',
        sex: 'F',
        birthDate: '2022-03-01',
        identity: '',
        bhyt: '',
        address: 'Thôn Tây',
        ethnicity: 'Tày',
        occupation: '',
        symptoms: 'Sốt, ho',
        diagnosis: 'J06.9 Nhiễm trùng hô hấp trên cấp',
        treatment: 'Điều trị ngoại trú bằng thuốc. Paracetamol 250 mg — 1 gói × 3 lần/ngày — 3 ngày',
        examiner: TEST_ADMIN.fullName,
        note: '',
      },
      {
        stt: 3,
        visitOn: '2026-06-15',
        fullName: 'Phạm Thị Dung',
        sex: 'F',
        birthDate: '1990',
        identity: '',
        bhyt: '',
        address: '',
        ethnicity: '',
        occupation: 'Giáo viên',
        // No reason typed: the history stands for the symptoms.
        symptoms: 'Đau ngực khi gắng sức',
        diagnosis: 'I20.9 Cơn đau thắt ngực',
        treatment: 'Sơ cứu, cấp cứu ban đầu: Ngậm nitroglycerin',
        examiner: TEST_ADMIN.fullName,
        note: 'Chuyển tuyến: BVĐK huyện (Nghi cơn đau thắt ngực không ổn định)',
      },
      {
        stt: 4,
        visitOn: '2026-06-20',
        fullName: 'Phạm Thị Dung',
        sex: 'F',
        birthDate: '1990',
        identity: '',
        bhyt: '',
        address: '',
        ethnicity: '',
        occupation: 'Giáo viên',
        symptoms: 'Mệt mỏi',
        diagnosis: 'Mệt mỏi',
        treatment: '',
        examiner: TEST_ADMIN.fullName,
        note: '',
      },
    ]);
  });

  it('pages keep the running number; the read is on the audit trail', async () => {
    const page = await t.ok('registers.a1', { ...june, offset: 2, limit: 1 });
    expect(page.rows.map((r) => [r.stt, r.fullName, r.visitOn])).toEqual([
      [3, 'Phạm Thị Dung', '2026-06-15'],
    ]);
    const [last] = await t.ok('audit.list', { limit: 1 });
    expect(last.action).toBe('register.a1.read');
    expect(last.view.what).toBe('Xem sổ khám bệnh (A1)');
  });

  it('refuses a range that ends before it starts, or spans more than a year, naming the field', async () => {
    const back = await t.call('registers.a1', { from: '2026-06-30', to: '2026-06-01' });
    expect(back.ok).toBe(false);
    if (!back.ok) expect(back.error.message).toBe('Đến ngày 01/06/2026 ở trước Từ ngày 30/06/2026.');
    const long = await t.call('registers.a1', { from: '2025-01-01', to: '2026-06-30' });
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error.message).toMatch(/^Khoảng ngày dài 546 ngày/);
    const bad = await t.call('registers.monthly', { month: '2026-13' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/Tháng báo cáo/);
  });

  it('exports an XLSX a district officer prints: title, merged two-level header, frozen header, A4 landscape', async () => {
    const r = await t.ok('registers.a1Export', june);
    expect(r.rows).toBe(4);
    expect(r.fileName).toBe('so-kham-benh-A1-2026-06-01-2026-06-30.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.contentBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Sổ khám bệnh');
    expect(ws.getCell('A2').value).toBe('SỔ KHÁM BỆNH');
    expect(ws.getCell('A3').value).toBe('Từ ngày 01/06/2026 đến ngày 30/06/2026');
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    // Birth date over Nam | Nữ; single columns span both header rows; the title spans all 15 columns.
    expect(merges).toEqual(expect.arrayContaining(['D5:E5', 'A5:A6', 'C5:C6', 'O5:O6', 'A2:O2']));
    expect(ws.getCell('D5').value).toBe('Ngày sinh');
    expect([ws.getCell('D6').value, ws.getCell('E6').value]).toEqual(['Nam', 'Nữ']);
    expect(ws.getCell('M5').value).toBe('Phương pháp điều trị');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 7 });
    // The header is printed again at the top of every page.
    expect(ws.pageSetup.printTitlesRow).toBe('5:7');
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
    });
    // Line 1: Bình's birth date under Nam; line 2: Cúc's under Nữ (an empty cell reads back as '').
    const row = (n: number) => Array.from({ length: 15 }, (_, i) => ws.getRow(n).getCell(i + 1).value ?? '');
    expect(row(8)).toEqual([
      1,
      '03/06/2026',
      'Trần Văn Bình',
      '10/05/1950',
      '',
      'CCCD 001050012345',
      'GD4010120878837',
      'Số 5, thôn Đông',
      'Kinh',
      'Nông dân',
      'Đau đầu, chóng mặt',
      'I10 Tăng huyết áp',
      'Điều trị ngoại trú bằng thuốc. Amlodipin 5 mg — 1 viên/ngày — 30 ngày',
      TEST_ADMIN.fullName,
      'Hẹn tái khám 03/07/2026',
    ]);
    expect(row(9).slice(2, 5)).toEqual(['Lê Thị Cúc', '', '01/03/2022']);
    expect(ws.getCell('A11').value).toBe(4);
    expect(ws.getCell('A12').value ?? null).toBeNull();
  });
});

describe('monthly summary', () => {
  it('counts June’s visits by sex and age band on the visit day, the BHYT holders and the referrals', async () => {
    const m = await t.ok('registers.monthly', { month: '2026-06' });
    expect(m.from).toBe('2026-06-01');
    expect(m.to).toBe('2026-06-30');
    // Bình 76 (M), Cúc 4 (F), Dung 36 twice (F); the unsigned draft of 25/06 is not a visit.
    expect(m.visits.total).toEqual({ total: 4, male: 1, female: 3 });
    expect(m.visits.bands).toEqual([
      { label: 'Dưới 6 tuổi', total: 1, male: 0, female: 1 },
      { label: 'Từ 6 đến dưới 15 tuổi', total: 0, male: 0, female: 0 },
      { label: 'Từ 15 đến dưới 60 tuổi', total: 2, male: 0, female: 2 },
      { label: 'Từ 60 tuổi trở lên', total: 1, male: 1, female: 0 },
    ]);
    expect(m.visits.withBhyt).toBe(1);
    expect(m.visits.referred).toBe(1);
  });

  it('groups the main diagnoses by ICD-10 chapter (I10 and I20.9 in IX, J06.9 in X), the uncoded apart', async () => {
    const m = await t.ok('registers.monthly', { month: '2026-06' });
    expect(m.chapters).toEqual([
      { chapter: 'IX', range: 'I00–I99', title: 'Bệnh của hệ tuần hoàn', count: 2 },
      { chapter: 'X', range: 'J00–J99', title: 'Bệnh của hệ hô hấp', count: 1 },
    ]);
    expect(m.uncoded).toBe(1);
  });

  it('counts NCD management, the month’s doses and record coverage', async () => {
    const m = await t.ok('registers.monthly', { month: '2026-06' });
    // Bình entered the hypertension register on 28/05 and was seen on 03/06.
    expect(m.ncd).toEqual([
      { register: 'hypertension', label: 'Quản lý tăng huyết áp', managed: 1, newInMonth: 0, seenInMonth: 1 },
      { register: 'diabetes', label: 'Quản lý đái tháo đường', managed: 0, newInMonth: 0, seenInMonth: 0 },
    ]);
    // Dung's UV1 on 12/06; her UV2 on 14/07 is July's.
    expect(m.immunization).toEqual({
      doses: 1,
      people: 1,
      byVaccine: [{ vaccine: 'UV-1', name: 'Uốn ván mũi 1 (UV1)', doses: 1 }],
    });
    // Five residents; Em's first exam is in July; Phúc was examined in 03/2025 (before the 12 months
    // from 01/07/2025) and in July 2026.
    expect(m.coverage).toEqual({ residents: 5, withExam: 4, examinedIn12Months: 3 });
    const may = await t.ok('registers.monthly', { month: '2026-05' });
    expect(may.ncd[0]).toMatchObject({ managed: 1, newInMonth: 1, seenInMonth: 1 });
    expect(may.coverage).toEqual({ residents: 5, withExam: 2, examinedIn12Months: 1 });
  });

  it('exports a printable XLSX: titles, merged header cells, frozen title block, A4 landscape, the figures', async () => {
    const r = await t.ok('registers.monthlyExport', { month: '2026-06' });
    expect(r.fileName).toBe('bao-cao-thang-2026-06.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.contentBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A2').value).toBe('BÁO CÁO TỔNG HỢP KHÁM CHỮA BỆNH, TIÊM CHỦNG THÁNG 06/2026');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
    });
    expect(ws.columns.map((c) => c.width)).toEqual([8, 58, 15, 15, 15, 15]);
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    // Section 1's header: "Số lượt khám" over Tổng số | Nam | Nữ (row 7), STT and Nhóm tuổi over both rows.
    expect(merges).toEqual(expect.arrayContaining(['A2:F2', 'C7:E7', 'A7:A8', 'B7:B8', 'F7:F8']));
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(row(6)[0]).toBe('1. Số lượt khám bệnh theo giới và nhóm tuổi');
    expect(row(7).slice(0, 3)).toEqual(['STT', 'Nhóm tuổi', 'Số lượt khám']);
    expect(row(8).slice(2, 5)).toEqual(['Tổng số', 'Nam', 'Nữ']);
    expect(row(9)).toEqual([1, 'Dưới 6 tuổi', 1, 0, 1, '100,0']);
    expect(row(12)).toEqual([4, 'Từ 60 tuổi trở lên', 1, 1, 0, '0,0']);
    expect(row(13)).toEqual(['', 'Tổng số', 4, 1, 3, '75,0']);
    expect(row(14).slice(0, 3)).toEqual(['', 'Trong đó: người bệnh có thẻ BHYT', 1]);
    // Section 2 after a blank row 16: its title, header, IX, X, uncoded, total.
    expect(row(16)[0]).toBeUndefined();
    expect(row(17)[0]).toBe('2. Bệnh tật theo chương ICD-10 (chẩn đoán chính)');
    expect(row(18).slice(0, 4)).toEqual(['Chương', 'Tên chương (mã ICD-10)', 'Số lượt', 'Tỷ lệ (%)']);
    expect(row(19).slice(0, 4)).toEqual(['IX', 'Bệnh của hệ tuần hoàn (I00–I99)', 2, '50,0']);
    expect(row(20).slice(0, 4)).toEqual(['X', 'Bệnh của hệ hô hấp (J00–J99)', 1, '25,0']);
    expect(row(21).slice(0, 4)).toEqual(['', 'Không có mã ICD-10', 1, '25,0']);
  });

  it('reads every month’s visits, doses and coverage through indexes, never by scanning visits', () => {
    const db = t.core.ctx.store.raw;
    const plan = (sql: string, params: unknown) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params as never) as { detail: string }[])
        .map((p) => p.detail)
        .join(' | ');
    const m = { from: '2026-06-01', to: '2026-06-30' };
    const plans = {
      a1Count: plan(A1_COUNT_SQL, ['2026-06-01', '2026-06-30']),
      a1Page: plan(A1_PAGE_SQL, ['2026-06-01', '2026-06-30', 200, 0]),
      a1Rows: plan(A1_ROWS_SQL, ['["x"]']),
      visits: plan(MONTH_VISITS_SQL, m),
      ncd: plan(MONTH_NCD_SQL, m),
      doses: plan(MONTH_DOSES_SQL, m),
      dosePeople: plan(MONTH_DOSE_PEOPLE_SQL, m),
      coverage: plan(COVERAGE_SQL, { to: '2026-06-30', from12: '2025-07-01' }),
      coverageLater: plan(COVERAGE_LATER_SQL, { to: '2026-06-30', from12: '2025-07-01' }),
    };
    for (const [name, p] of Object.entries(plans)) {
      expect(p, name).not.toMatch(/SCAN (v|visits)\b(?! USING)/);
      expect(p, name).not.toMatch(/SCAN (i|immunizations)\b(?! USING)/);
    }
    // A page walks the index in the register's order: no sort, no table row.
    expect(plans.a1Page).toMatch(/COVERING INDEX visits_signed_day/);
    expect(plans.a1Page).not.toMatch(/TEMP B-TREE/);
    expect(plans.a1Rows).toMatch(/SEARCH v USING INDEX sqlite_autoindex_visits_1 \(id=\?\)/);
    // A count is covered by either partial index of signed visits (0018's visits_signed_on is narrower).
    expect(plans.a1Count).toMatch(/COVERING INDEX visits_signed_(day|on)/);
    // The month's visits: every column from indexes.
    expect(plans.visits).toMatch(/SEARCH v USING COVERING INDEX visits_signed_day/);
    expect(plans.visits).toMatch(/SEARCH p USING COVERING INDEX persons_id_sex_birth/);
    expect(plans.visits).toMatch(/SEARCH d USING COVERING INDEX visit_diagnoses_main/);
    expect(plans.ncd).not.toMatch(/\bv\b/);
    expect(plans.doses).toMatch(/SEARCH i USING COVERING INDEX immunizations_given_day/);
    expect(plans.coverage).toMatch(/COVERING INDEX persons_active_last_visit/);
    expect(plans.coverageLater).toMatch(/SEARCH p USING INDEX persons_active_last_visit/);
    void s;
  });
});
