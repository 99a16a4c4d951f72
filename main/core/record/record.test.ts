import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';
import { vnDay } from '../clock.ts';

let t: TestCore;
afterEach(() => t?.close());

const today = () => vnDay(new Date());
const shift = (days: number) => vnDay(new Date(Date.now() + days * 86_400_000));

async function adult(over = {}) {
  return t.ok('persons.create', {
    person: personInput({ fullName: 'Trần Văn Huyết', birthDate: '1960-04-04', ...over }),
    confirmSimilar: true,
  });
}

describe('part B: history and risk factors', () => {
  it('saves every section, versions it, and a ticked hypertension box puts the person on the register', async () => {
    t = await makeSignedInCore();
    const p = await adult();
    const empty = await t.ok('record.get', { personId: p.id });
    expect(empty.historyVersion).toBe(0);
    expect(empty.ncd).toEqual([]);
    const saved = await t.ok('record.saveHistory', {
      personId: p.id,
      version: 0,
      history: {
        ...empty.history,
        risks: {
          ...empty.history.risks,
          smoking: 'quit',
          alcohol: 'regular',
          alcoholCupsPerDay: 3,
          latrine: 'double-vault',
        },
        allergies: { ...empty.history.allergies, drugs: 'Penicillin — nổi mẩn' },
        diseases: { ...empty.history.diseases, codes: [2, 4] },
        family: { ...empty.history.family, diseases: { ...empty.history.family.diseases, diabetes: 'Mẹ' } },
        surgery: 'Mổ ruột thừa năm 1998',
      },
    });
    expect(saved.version).toBe(1);
    const rec = await t.ok('record.get', { personId: p.id });
    expect(rec.history.risks).toMatchObject({
      smoking: 'quit',
      alcoholCupsPerDay: 3,
      latrine: 'double-vault',
    });
    expect(rec.history.family.diseases.diabetes).toBe('Mẹ');
    expect(rec.ncd).toMatchObject([
      { register: 'hypertension', label: 'Quản lý tăng huyết áp', lastFollowUpOn: null },
    ]);
    expect(
      await t.call('record.saveHistory', { personId: p.id, version: 0, history: rec.history }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VERSION_CONFLICT' },
    });
    const [entry] = await t
      .ok('audit.list', { entityId: p.id, limit: 2 })
      .then((a) => a.filter((x) => x.action === 'history.save'));
    expect(entry.details).toMatchObject({
      sections: ['risks', 'allergies', 'diseases', 'surgery', 'family'],
    });
  });

  it('refuses impossible values with a field message', async () => {
    t = await makeSignedInCore();
    const p = await adult();
    const r = await t.call('record.saveHistory', {
      personId: p.id,
      version: 0,
      history: { birth: { birthWeightG: 3.2 } },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!r.ok) expect(r.error.message).toBe('Cân nặng lúc đẻ phải từ 300 đến 7000 g, đã nhập 3,2.');
  });
});

describe('part C: immunisation', () => {
  it('computes a child’s due and overdue doses and records given ones', async () => {
    t = await makeSignedInCore();
    const birth = shift(-100); // about 3 months old
    const kid = await t.ok('persons.create', {
      person: personInput({ fullName: 'Bé Tí', birthDate: birth, sex: 'F' }),
    });
    const before = await t.ok('record.get', { personId: kid.id });
    const status = (code: string) => before.schedule.find((s) => s.code === code)?.status;
    expect(status('VGB-SS')).toBe('too-late');
    expect(status('BCG')).toBe('overdue');
    expect(['due', 'overdue']).toContain(status('DPT-VGB-HIB-1'));
    expect(status('SOI')).toBe('not-yet-due');

    await t.ok('immunizations.record', {
      personId: kid.id,
      doses: [
        { vaccineCode: 'BCG', givenOn: shift(-95), place: 'Trạm y tế', nextOn: shift(-40) },
        { vaccineCode: 'DPT-VGB-HIB-1', givenOn: shift(-35), reaction: 'Sốt nhẹ' },
      ],
    });
    const after = await t.ok('record.get', { personId: kid.id });
    expect(after.doses.map((d) => d.vaccineCode)).toEqual(['BCG', 'DPT-VGB-HIB-1']);
    expect(after.schedule.find((s) => s.code === 'BCG')?.status).toBe('given');
    expect(after.schedule.find((s) => s.code === 'DPT-VGB-HIB-2')?.dueDate).toBeTruthy();

    const bad = await t.call('immunizations.record', {
      personId: kid.id,
      doses: [{ vaccineCode: 'BCG', givenOn: shift(-200) }],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!bad.ok) expect(bad.error.message).toMatch(/trước ngày sinh/);
    expect(
      await t.call('immunizations.record', {
        personId: kid.id,
        doses: [{ vaccineCode: 'NOPE', givenOn: today() }],
      }),
    ).toMatchObject({ ok: false });
  });

  it('lets the station switch off a vaccine and switch on a roadmap one', async () => {
    t = await makeSignedInCore();
    const list = await t.ok('vaccines.list', {});
    expect(list.length).toBeGreaterThan(20);
    const rota = list.find((v) => v.vaccine.startsWith('ROTA'));
    expect(rota).toBeDefined();
    const on = await t.ok('vaccines.setRegional', { vaccine: rota?.vaccine ?? '', enabled: true });
    expect(on.filter((v) => v.vaccine === rota?.vaccine).every((v) => v.regional)).toBe(true);
    const off = await t.ok('vaccines.setActive', { code: 'BCG', active: false });
    expect(off.find((v) => v.code === 'BCG')?.active).toBe(false);
  });
});

describe('part D: visits', () => {
  it('starts a draft, autosaves it, signs it with derived values, and puts a hypertensive on the register', async () => {
    t = await makeSignedInCore();
    const p = await adult({ sex: 'M' });
    const draft = await t.ok('visits.start', { personId: p.id });
    expect(draft).toMatchObject({
      status: 'draft',
      version: 1,
      visitOn: today(),
      examiner: { name: 'Nguyễn Thị Quản Trị' },
    });
    expect((await t.ok('visits.start', { personId: p.id })).id).toBe(draft.id);

    const visit = {
      visitOn: today(),
      reason: 'Đau đầu',
      history: 'Đau đầu 3 ngày nay',
      vitals: {
        pulse: 82,
        temperatureC: 36.8,
        systolic: 165,
        diastolic: 95,
        respiratoryRate: 18,
        weightKg: 68,
        heightCm: 165,
        waistCm: 92,
      },
      vision: { rightPlain: '8/10', leftPlain: '7/10' },
      exam: { cardio: 'Tim đều', respiratory: 'Phổi không rale' },
      labs: [{ name: 'Đường huyết mao mạch', result: '6,1 mmol/L' }],
      diagnoses: [{ code: 'I10', name: 'Bệnh tăng huyết áp vô căn (nguyên phát)', main: true }],
      counselling: 'Giảm muối, tái khám sau 1 tháng',
      followUpOn: shift(30),
    };
    const saved = await t.ok('visits.saveDraft', { id: draft.id, version: 1, visit });
    expect(saved.version).toBe(2);
    expect(saved.derived).toMatchObject({
      bmi: 25,
      bmiClass: expect.stringMatching(/Béo phì độ I/),
      bp: { label: 'Tăng huyết áp độ 2', hypertension: true },
    });
    expect(saved.derived.waistRisk).toMatch(/nguy cơ|Nguy cơ/);

    const signed = await t.ok('visits.sign', { id: draft.id, version: 2, visit });
    expect(signed).toMatchObject({ status: 'signed', version: 3 });
    const rec = await t.ok('record.get', { personId: p.id });
    expect(rec.person.lastVisitOn).toBe(today());
    expect(rec.visits[0]).toMatchObject({
      status: 'signed',
      systolic: 165,
      bpCategory: signed.derived.bp?.category,
      diagnoses: [{ code: 'I10' }],
    });
    expect(rec.ncd).toMatchObject([{ register: 'hypertension', lastFollowUpOn: today(), overdue: false }]);
    expect(await t.call('visits.saveDraft', { id: draft.id, version: 3, visit })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('warns on implausible vitals without blocking the save', async () => {
    t = await makeSignedInCore();
    const p = await adult();
    const d = await t.ok('visits.start', { personId: p.id });
    const v = await t.ok('visits.saveDraft', {
      id: d.id,
      version: 1,
      visit: { visitOn: today(), vitals: { systolic: 280, diastolic: 90 } },
    });
    expect(v.derived.warnings.map((w) => w.field)).toContain('systolic');
  });

  it('keeps every signed version: an amendment needs a reason and is audited', async () => {
    t = await makeSignedInCore();
    const p = await adult();
    const d = await t.ok('visits.start', { personId: p.id });
    const visit = {
      visitOn: today(),
      vitals: { systolic: 130, diastolic: 80 },
      diagnoses: [{ code: 'J06.9', name: 'Nhiễm trùng hô hấp trên cấp' }],
    };
    const signed = await t.ok('visits.sign', { id: d.id, version: 1, visit });
    expect(
      await t.call('visits.amend', { id: d.id, version: signed.version, visit, reason: '' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const amended = await t.ok('visits.amend', {
      id: d.id,
      version: signed.version,
      visit: { ...visit, vitals: { systolic: 135, diastolic: 80 } },
      reason: 'Nhập nhầm huyết áp',
    });
    expect(amended.vitals.systolic).toBe(135);
    const versions = await t.ok('visits.versions', { id: d.id });
    expect(versions.map((x) => [x.version, x.reason])).toEqual([
      [signed.version, ''],
      [amended.version, 'Nhập nhầm huyết áp'],
    ]);
    const audit = (await t.ok('audit.list', { entityId: p.id })).find((a) => a.action === 'visit.amend');
    expect(audit?.details).toMatchObject({ reason: 'Nhập nhầm huyết áp', fields: ['vitals'] });
  });

  it('prefills a known hypertensive patient’s follow-up from the last visit', async () => {
    t = await makeSignedInCore();
    const p = await adult();
    const d = await t.ok('visits.start', { personId: p.id });
    await t.ok('visits.sign', {
      id: d.id,
      version: 1,
      visit: {
        visitOn: today(),
        vitals: { systolic: 150, diastolic: 92 },
        diagnoses: [
          { code: 'I10', name: 'Tăng huyết áp' },
          { code: 'J00', name: 'Viêm mũi họng' },
        ],
        counselling: 'Uống thuốc đều',
      },
    });
    const next = await t.ok('visits.start', { personId: p.id });
    expect(next.id).not.toBe(d.id);
    expect(next.reason).toMatch(/tăng huyết áp/);
    expect(next.diagnoses).toEqual([{ code: 'I10', name: 'Tăng huyết áp', main: true, note: '' }]);
    expect(next.counselling).toBe('Uống thuốc đều');
    expect(next.followUpOn).toBeTruthy();
  });

  it('refuses an empty signature, a future date and discards drafts only', async () => {
    t = await makeSignedInCore();
    const p = await adult();
    const d = await t.ok('visits.start', { personId: p.id });
    expect(await t.call('visits.sign', { id: d.id, version: 1, visit: { visitOn: today() } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(
      await t.call('visits.saveDraft', { id: d.id, version: 1, visit: { visitOn: shift(3) } }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await t.ok('visits.discard', { id: d.id });
    expect(await t.call('visits.get', { id: d.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('children', () => {
  it('gives WHO z-scores and draws the growth chart with the child’s points', async () => {
    t = await makeSignedInCore();
    const kid = await t.ok('persons.create', {
      person: personInput({ fullName: 'Bé Na', sex: 'M', birthDate: shift(-365) }),
    });
    const d = await t.ok('visits.start', { personId: kid.id });
    const signed = await t.ok('visits.sign', {
      id: d.id,
      version: 1,
      visit: { visitOn: today(), vitals: { weightKg: 7.0, heightCm: 71, position: 'lying' } },
    });
    const wfa = signed.derived.growth.find((g) => g.indicator === 'wfa');
    expect(wfa?.z).toBeLessThan(-2);
    expect(wfa?.status).toMatch(/nhẹ cân/i);
    const chart = await t.ok('record.growthChart', { personId: kid.id, indicator: 'wfa' });
    expect(chart.x.length).toBeGreaterThan(50);
    expect(Object.keys(chart.sd)).toContain('SD2neg');
    expect(chart.points).toEqual([{ x: expect.closeTo(12, 0), y: 7, visitOn: today() }]);
    expect((await t.ok('record.get', { personId: kid.id })).growth).toHaveLength(1);
  });
});

describe('today and follow-up lists', () => {
  it('lists today’s drafts and signed visits, and overdue NCD patients', async () => {
    t = await makeSignedInCore();
    const a = await adult({ fullName: 'Người Đang Khám' });
    const b = await adult({ fullName: 'Người Quá Hạn' });
    await t.ok('visits.start', { personId: a.id });
    const register = t.core.ctx.store.raw.prepare(
      `INSERT INTO ncd_registers (person_id, register, registered_on, source) VALUES (?, ?, ?, 'test')`,
    );
    register.run(b.id, 'hypertension', shift(-70));
    register.run(b.id, 'diabetes', shift(-70));
    const { items: queue, totals } = await t.ok('record.today', {});
    // Both were born in 1960 and never examined: 60 and over with no exam in 12 months (each listed once, above).
    expect(totals).toEqual({
      visitDraft: 1,
      visitSigned: 0,
      immunizationDue: 0,
      ncdDue: 1,
      elderlyExamDue: 2,
      antenatalDue: 0,
    });
    // Someone on two registers is one line (one visit), with both reasons.
    expect(queue.map((q) => [q.person.fullName, q.kind])).toEqual([
      ['Người Đang Khám', 'visit-draft'],
      ['Người Quá Hạn', 'ncd-due'],
    ]);
    expect(queue[1].note).toMatch(/tăng huyết áp/i);
    expect(queue[1].note).toMatch(/đái tháo đường/i);
    const overdue = await t.ok('record.ncdOverdue', { register: 'hypertension' });
    expect(overdue.total).toBe(1);
    expect(overdue.rows[0].status.daysOverdue).toBeGreaterThan(30);
  });

  it('lists children due and overdue for a vaccine by the schedule their record shows, and today’s appointments', async () => {
    t = await makeSignedInCore();
    const overdue = await t.ok('persons.create', {
      person: personInput({ fullName: 'Bé Quá Hạn', birthDate: shift(-100), sex: 'F' }),
    });
    const upToDate = await t.ok('persons.create', {
      person: personInput({ fullName: 'Bé Đủ Mũi', birthDate: shift(-20), sex: 'M' }),
    });
    await t.ok('immunizations.record', {
      personId: upToDate.id,
      doses: [
        { vaccineCode: 'BCG', givenOn: shift(-19) },
        { vaccineCode: 'VGB-SS', givenOn: shift(-20) },
      ],
    });
    const adultWithAppointment = await adult({ fullName: 'Chị Hẹn Tiêm' });
    t.core.ctx.store.raw
      .prepare(
        `INSERT INTO immunizations (id, person_id, vaccine_code, given_on, next_on, recorded_at) VALUES ('dose-1', ?, 'VAT-1', ?, ?, ?)`,
      )
      .run(adultWithAppointment.id, shift(-30), today(), new Date().toISOString());

    const { items, totals } = await t.ok('record.today', {});
    const due = items.filter((i) => i.kind === 'immunization-due');
    expect(due.map((i) => i.person.fullName)).toEqual(['Bé Quá Hạn', 'Chị Hẹn Tiêm']);
    expect(due[0].note).toMatch(/^Quá hạn \d+ ngày \(từ \d\d\/\d\d\/\d{4}\): .*BCG/);
    expect(totals.immunizationDue).toBe(2);
    // The record says the same.
    const record = await t.ok('record.get', { personId: overdue.id });
    expect(record.schedule.filter((s) => s.status === 'overdue').length).toBeGreaterThan(0);

    // Once the doses are given the child leaves the list, at once.
    const given = record.schedule.filter((s) => s.status === 'overdue' || s.status === 'due');
    const r = await t.call('immunizations.record', {
      personId: overdue.id,
      doses: given.map((s) => ({ vaccineCode: s.code, givenOn: today() })),
    });
    const keys = r.ok
      ? []
      : ((r.error.details as { findings?: { key: string }[] })?.findings ?? []).map((f) => f.key);
    if (!r.ok)
      await t.ok('immunizations.record', {
        personId: overdue.id,
        doses: given.map((s) => ({ vaccineCode: s.code, givenOn: today() })),
        confirmed: keys,
      });
    const after = await t.ok('record.today', {});
    expect(after.items.filter((i) => i.kind === 'immunization-due').map((i) => i.person.fullName)).toEqual([
      'Chị Hẹn Tiêm',
    ]);
  });

  it('searches the Vietnamese ICD-10 list without diacritics', async () => {
    t = await makeSignedInCore();
    const { hits } = await t.ok('codes.icd10Search', { q: 'tang huyet ap' });
    expect(hits[0].code).toMatch(/^I1/);
    expect((await t.ok('codes.icd10Search', { q: 'e11' })).hits[0].code).toBe('E11');
  });
});
