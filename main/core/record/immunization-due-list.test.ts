import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';
import { ensureVaccineCatalogue } from './catalogue.ts';

let t: TestCore;
afterEach(() => t?.close());

/** 10 Mar 2026, 09:00 in Vietnam. */
const clock = () => new Date('2026-03-10T02:00:00.000Z');

async function commune(): Promise<{ lan: string; minh: string }> {
  t = await makeSignedInCore({ clock });
  const village = (v: string) => ({
    village: v,
    provinceCode: '01',
    communeCode: '00004',
    text: `${v}, Phường Ba Đình, Thành phố Hà Nội`,
  });
  // Born 31 Dec 2025: the 2-month doses fell due on 28 Feb 2026 (February's last day).
  const lan = await t.ok('persons.create', {
    person: personInput({
      fullName: 'Trần Bảo Lan',
      sex: 'F',
      birthDate: '2025-12-31',
      currentAddress: village('Thôn Đông'),
      mother: { name: 'Trần Thị Mai', phone: '0912345678' },
    }),
  });
  await t.ok('immunizations.record', {
    personId: lan.id,
    doses: [
      { vaccineCode: 'VGB-SS', givenOn: '2025-12-31' },
      { vaccineCode: 'BCG', givenOn: '2026-01-05' },
    ],
  });
  // Born 20 Jan 2026, nothing given: the birth dose of hepatitis B is too late, BCG was missed
  // (overdue since 20 Feb), the 2-month doses fall due on 20 Mar.
  const minh = await t.ok('persons.create', {
    person: personInput({
      fullName: 'Lê Văn Minh',
      sex: 'M',
      birthDate: '2026-01-20',
      currentAddress: village('Thôn Tây'),
      caregiver: { name: 'Lê Thị Hoa', phone: '0987654321', relation: 'bà nội' },
    }),
    confirmSimilar: true,
  });
  return { lan: lan.id, minh: minh.id };
}

const codes = (list: { rows: { personId: string; doses: { code: string }[] }[] }, id: string) =>
  list.rows.find((r) => r.personId === id)?.doses.map((d) => d.code) ?? [];

describe('the commune due list for a session day', () => {
  it('lists missed doses (not only those falling on the day), by village and vaccine, with who to invite', async () => {
    const { lan, minh } = await commune();
    const on25 = await t.ok('immunizations.dueList', { sessionDate: '2026-03-25' });
    expect(on25.total).toBe(2);
    const lanRow = on25.rows.find((r) => r.personId === lan);
    expect(lanRow).toMatchObject({
      fullName: 'Trần Bảo Lan',
      birthDate: '2025-12-31',
      village: 'Thôn Đông',
      caregiver: 'Trần Thị Mai (mẹ)',
      phone: '0912345678',
    });
    // Due on 28 Feb, overdue from 28 Mar: still "due" at a session on 25 Mar. Dose 2 (31 Mar)
    // waits for dose 1 and is not listed.
    expect(lanRow?.doses.filter((d) => d.code.endsWith('-1'))).toEqual([
      { code: 'DPT-VGB-HIB-1', name: expect.any(String), due: '2026-02-28', status: 'due' },
      { code: 'OPV-1', name: expect.any(String), due: '2026-02-28', status: 'due' },
    ]);
    expect(codes(on25, lan)).not.toContain('DPT-VGB-HIB-2');
    const minhRow = on25.rows.find((r) => r.personId === minh);
    expect(minhRow?.caregiver).toBe('Lê Thị Hoa (bà nội)');
    // BCG missed a month ago stays on the list, overdue; the hepatitis B birth dose is too late.
    expect(minhRow?.doses.find((d) => d.code === 'BCG')).toMatchObject({
      due: '2026-01-20',
      status: 'overdue',
    });
    expect(codes(on25, minh)).toEqual(expect.arrayContaining(['BCG', 'DPT-VGB-HIB-1', 'OPV-1']));
    expect(codes(on25, minh)).not.toContain('VGB-SS');

    // A session on 15 Mar: Minh's 2-month doses (20 Mar) are not due yet; on 31 Mar Lan's are overdue.
    expect(codes(await t.ok('immunizations.dueList', { sessionDate: '2026-03-15' }), minh)).toEqual(['BCG']);
    const on31 = await t.ok('immunizations.dueList', { sessionDate: '2026-03-31' });
    expect(on31.rows.find((r) => r.personId === lan)?.doses[0].status).toBe('overdue');

    // By village, by vaccine; the village counts cover every village whatever the filter.
    const west = await t.ok('immunizations.dueList', { sessionDate: '2026-03-25', village: 'Thôn Tây' });
    expect(west.rows.map((r) => r.personId)).toEqual([minh]);
    expect(west.villages).toEqual([
      { village: 'Thôn Đông', count: 1 },
      { village: 'Thôn Tây', count: 1 },
    ]);
    const bcg = await t.ok('immunizations.dueList', { sessionDate: '2026-03-25', vaccine: 'BCG' });
    expect(bcg.rows.map((r) => [r.personId, r.doses.map((d) => d.code)])).toEqual([[minh, ['BCG']]]);
    expect(on25.vaccines.find((v) => v.vaccine === 'DPT-VGB-HIB')?.count).toBe(2);
  });

  it('a roadmap vaccine switched on enters every schedule and the due list; a retired one leaves them, its doses kept', async () => {
    const { lan, minh } = await commune();
    const before = await t.ok('immunizations.dueList', { sessionDate: '2026-03-25' });
    expect(codes(before, lan)).not.toContain('ROTA-1');

    const catalogue = await t.ok('vaccines.setRegional', { vaccine: 'ROTA', enabled: true });
    expect(catalogue.filter((v) => v.vaccine === 'ROTA').map((v) => [v.regional, v.roadmap])).toEqual([
      [true, true],
      [true, true],
    ]);
    const record = await t.ok('record.get', { personId: lan });
    expect(record.schedule.find((s) => s.code === 'ROTA-1')).toMatchObject({
      dueDate: '2026-02-28',
      status: 'due',
    });
    const after = await t.ok('immunizations.dueList', { sessionDate: '2026-03-25' });
    expect(after.pending).toBe(0);
    expect(codes(after, lan)).toContain('ROTA-1');
    expect(codes(after, minh)).toContain('ROTA-1');
    expect(after.vaccines.find((v) => v.vaccine === 'ROTA')).toMatchObject({ count: 2 });
    // Only roadmap vaccines have the switch.
    const refused = await t.call('vaccines.setRegional', { vaccine: 'BCG', enabled: true });
    expect(refused.ok).toBe(false);

    await t.ok('vaccines.retire', { vaccine: 'BCG', retired: true });
    expect(codes(await t.ok('immunizations.dueList', { sessionDate: '2026-03-25' }), minh)).not.toContain(
      'BCG',
    );
    const lanAfter = await t.ok('record.get', { personId: lan });
    expect(lanAfter.schedule.find((s) => s.code === 'BCG')).toMatchObject({
      status: 'given',
      givenOn: '2026-01-05',
    });
    expect((await t.ok('record.get', { personId: minh })).schedule.some((s) => s.code === 'BCG')).toBe(false);
    const audit = t.core.ctx.store.raw
      .prepare(`SELECT action FROM audit_log WHERE action LIKE 'vaccine.%' ORDER BY seq`)
      .pluck()
      .all();
    expect(audit).toEqual(['vaccine.regional.on', 'vaccine.retire']);
  });

  it('invites a child of 5 with nothing on record for polio and measles, not for the infant 5-in-1; an updated rule reaches the stored answers', async () => {
    await commune();
    // A record started late (the doses are in a paper book): born 1 Jun 2020, 5 years 9 months old.
    const an = await t.ok('persons.create', {
      person: personInput({ fullName: 'Phạm Văn An', sex: 'M', birthDate: '2020-06-01' }),
      confirmSimilar: true,
    });
    const list = await t.ok('immunizations.dueList', { sessionDate: '2026-03-25' });
    expect(codes(list, an.id)).toEqual(expect.arrayContaining(['OPV-1', 'IPV-1', 'SOI', 'VNNB-1']));
    expect(codes(list, an.id).filter((c) => c.startsWith('DPT'))).toEqual([]);
    const record = await t.ok('record.get', { personId: an.id });
    expect(record.schedule.find((s) => s.code === 'DPT-VGB-HIB-1')).toMatchObject({
      status: 'too-late',
      statusLabel: 'Quá tuổi tiêm',
    });

    // A database whose catalogue came from a version without the upper age, its answers stored so.
    const store = t.core.ctx.store.raw;
    const old = (JSON.parse(
      store.prepare(`SELECT data FROM vaccines WHERE code = 'DPT-VGB-HIB-1'`).pluck().get() as string,
    ) ?? {}) as Record<string, unknown>;
    delete old.tooLateFromAge;
    store.prepare(`UPDATE vaccines SET data = ? WHERE code = 'DPT-VGB-HIB-1'`).run(JSON.stringify(old));
    store.prepare(`DELETE FROM immunization_due`).run();
    const stale = await t.ok('immunizations.dueList', { sessionDate: '2026-03-25' });
    expect(codes(stale, an.id)).toContain('DPT-VGB-HIB-1');
    // The new version starts: its catalogue is written, and the answers follow it.
    ensureVaccineCatalogue(t.core.ctx);
    const updated = await t.ok('immunizations.dueList', { sessionDate: '2026-03-25' });
    expect(codes(updated, an.id)).not.toContain('DPT-VGB-HIB-1');
    expect(codes(updated, an.id)).toContain('OPV-1');
  });

  it('proposes tetanus to a woman the record shows pregnant, before any dose is recorded', async () => {
    await commune();
    const hang = await t.ok('persons.create', {
      person: personInput({ fullName: 'Phạm Thị Hằng', sex: 'F', birthDate: '1995-06-15' }),
      confirmSimilar: true,
    });
    expect((await t.ok('record.get', { personId: hang.id })).schedule).toEqual([]);
    const { version } = await t
      .ok('record.get', { personId: hang.id })
      .then((r) => ({ version: r.historyVersion }));
    await t.ok('record.saveHistory', {
      personId: hang.id,
      version,
      history: { reproductive: { lastPregnancy: '02/2026' } },
    });
    const record = await t.ok('record.get', { personId: hang.id });
    // Pregnant since February: UV1 was due on 1 Feb and is overdue; UV2 waits for it.
    expect(record.schedule.map((s) => [s.code, s.status])).toEqual([
      ['UV-1', 'overdue'],
      ['UV-2', 'waiting'],
      ['UV-3', 'not-yet-due'],
      ['UV-4', 'not-yet-due'],
      ['UV-5', 'not-yet-due'],
    ]);
    const list = await t.ok('immunizations.dueList', { sessionDate: '2026-03-25' });
    expect(codes(list, hang.id)).toEqual(['UV-1']);
    // UV1 given on 10 Mar: UV2 at least 4 weeks (28 days) later, 7 Apr.
    await t.ok('immunizations.record', {
      personId: hang.id,
      doses: [{ vaccineCode: 'UV-1', givenOn: '2026-03-10', pregnancyMonth: 2 }],
    });
    const next = await t.ok('record.get', { personId: hang.id });
    expect(next.schedule.find((s) => s.code === 'UV-2')).toMatchObject({
      dueDate: '2026-04-07',
      status: 'not-yet-due',
    });
  });

  it('exports the invitation list as XLSX: name, birth date, caregiver, village, dose, session day and place', async () => {
    const { lan } = await commune();
    const out = await t.ok('immunizations.dueListExport', {
      sessionDate: '2026-03-25',
      village: 'Thôn Đông',
      place: 'Nhà văn hóa thôn Đông',
    });
    expect(out).toMatchObject({ fileName: 'moi-tiem-2026-03-25-thon-dong.xlsx', rows: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'STT',
      'Họ và tên',
      'Ngày sinh',
      'Giới tính',
      'Cha/mẹ/người chăm sóc',
      'Điện thoại',
      'Thôn/xóm',
      'Mũi tiêm',
      'Hạn tiêm',
      'Tình trạng',
      'Ngày tiêm chủng',
      'Nơi tiêm',
    ]);
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(row.slice(0, 7)).toEqual([
      1,
      'Trần Bảo Lan',
      '31/12/2025',
      'Nữ',
      'Trần Thị Mai (mẹ)',
      '0912345678',
      'Thôn Đông',
    ]);
    expect(String(row[7])).toContain('mũi 1');
    expect(row.slice(8)).toEqual(['28/02/2026', 'Đến hạn', '25/03/2026', 'Nhà văn hóa thôn Đông']);
    expect(sheet.rowCount).toBe(2);
    const audit = t.core.ctx.store.raw
      .prepare(`SELECT details FROM audit_log WHERE action = 'immunization.dueList.export'`)
      .pluck()
      .all() as string[];
    expect(audit.map((d) => JSON.parse(d))).toEqual([
      { rows: 1, sessionDate: '2026-03-25', village: 'Thôn Đông', vaccine: null },
    ]);
    expect(lan).toBeTruthy();
  });
});
