import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';

let t: TestCore;
afterEach(() => t?.close());

/** 10 June 2026, 10:00 in Vietnam. */
const NOW = '2026-06-10T03:00:00Z';
const TODAY = '2026-06-10';

async function child(birthDate: string, fullName = 'Bé Dinh Dưỡng') {
  return t.ok('persons.create', {
    person: personInput({ fullName, sex: 'M', birthDate }),
    confirmSimilar: true,
  });
}

const outboxVersion = (personId: string) =>
  (
    t.core.ctx.store.raw.prepare('SELECT version FROM sync_outbox WHERE entity_id = ?').get(personId) as
      { version: number } | undefined
  )?.version ?? 0;

describe('a child’s head circumference and MUAC in part D', () => {
  it('scores the head circumference for age, classes the MUAC, and keeps both with the visit', async () => {
    t = await makeSignedInCore({ clock: () => new Date(NOW) });
    const kid = await child('2025-06-10'); // one year old today
    const d = await t.ok('visits.start', { personId: kid.id });
    const signed = await t.ok('visits.sign', {
      id: d.id,
      version: 1,
      visit: {
        visitOn: TODAY,
        vitals: { weightKg: 9.6, heightCm: 75.7, headCircumferenceCm: 41.5, muacMm: 112 },
      },
    });
    const head = signed.derived.growth.find((g) => g.indicator === 'hcfa');
    // WHO boys at 12 months: median 46,1 cm, −3 SD 42,6 cm: 41,5 cm is below −3 SD.
    expect(head?.status).toBe('Vòng đầu rất nhỏ (dưới -3 SD)');
    expect(head?.z).toBeLessThan(-3);
    expect(signed.derived.growth.find((g) => g.indicator === 'muac')).toEqual({
      indicator: 'muac',
      label: 'Vòng cánh tay (MUAC)',
      z: null,
      status: 'Suy dinh dưỡng cấp tính nặng (MUAC < 115 mm)',
      severity: 'severe',
    });
    const again = await t.ok('visits.get', { id: d.id });
    expect(again.vitals).toMatchObject({ headCircumferenceCm: 41.5, muacMm: 112 });
  });

  it('refuses an impossible value and asks to confirm a rare one, naming the field', async () => {
    t = await makeSignedInCore({ clock: () => new Date(NOW) });
    const kid = await child('2025-06-10');
    const d = await t.ok('visits.start', { personId: kid.id });
    const impossible = await t.call('visits.saveDraft', {
      id: d.id,
      version: 1,
      visit: { visitOn: TODAY, vitals: { headCircumferenceCm: 95 } },
    });
    expect(impossible).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const rare = await t.call('visits.sign', {
      id: d.id,
      version: 1,
      visit: { visitOn: TODAY, vitals: { headCircumferenceCm: 58, muacMm: 12.5 * 10 } },
    });
    expect(rare.ok).toBe(false);
    if (rare.ok) return;
    const findings = (rare.error.details as { findings: { key: string; message: string }[] }).findings;
    expect(findings.map((f) => f.message)).toEqual([
      'Vòng đầu 58 cm nằm ngoài khoảng thường gặp (40–56 cm).',
    ]);
    const ok = await t.ok('visits.sign', {
      id: d.id,
      version: 1,
      visit: { visitOn: TODAY, vitals: { headCircumferenceCm: 58, muacMm: 125 } },
      confirmed: findings.map((f) => f.key),
    });
    expect(ok.vitals.headCircumferenceCm).toBe(58);
  });
});

describe('vitamin A and deworming doses', () => {
  it('records a dose with its date, says when the next is due, marks the record and audits it', async () => {
    t = await makeSignedInCore({ clock: () => new Date(NOW) });
    const kid = await child('2024-01-20'); // 28 months old
    const first = await t.ok('supplements.list', { personId: kid.id });
    expect(first.doses).toEqual([]);
    expect(first.due.map((d) => [d.kind, d.status, d.dueOn, d.suggestedDose])).toEqual([
      ['vitamin_a', 'due', '2024-07-20', '200.000 IU'],
      ['deworming', 'due', '2026-01-20', 'Albendazol 400 mg'],
    ]);
    const before = outboxVersion(kid.id);
    const after = await t.ok('supplements.record', {
      personId: kid.id,
      dose: { kind: 'vitamin_a', givenOn: '2026-06-01', dose: '200.000 IU' },
    });
    expect(after.doses).toMatchObject([{ kind: 'vitamin_a', givenOn: '2026-06-01', dose: '200.000 IU' }]);
    expect(after.due[0]).toMatchObject({
      status: 'not-yet',
      dueOn: '2026-12-01',
      label: 'Lần tới: 01/12/2026',
    });
    expect(outboxVersion(kid.id)).toBe(before + 1);
    const trail = t.core.ctx.store.raw
      .prepare(`SELECT action FROM audit_log WHERE entity_id = ? AND action LIKE 'supplement.%' ORDER BY seq`)
      .pluck()
      .all(kid.id);
    expect(trail).toEqual(['supplement.read', 'supplement.record']);

    const removed = await t.ok('supplements.remove', { id: after.doses[0].id, reason: 'Ghi nhầm trẻ' });
    expect(removed.doses).toEqual([]);
    expect(outboxVersion(kid.id)).toBe(before + 2);
  });

  it('refuses a date in the future or before birth, naming the field', async () => {
    t = await makeSignedInCore({ clock: () => new Date(NOW) });
    const kid = await child('2024-01-20');
    expect(
      await t.call('supplements.record', {
        personId: kid.id,
        dose: { kind: 'deworming', givenOn: '2026-06-11' },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Ngày tẩy giun (11/06/2026) không thể sau hôm nay.' },
    });
    expect(
      await t.call('supplements.record', {
        personId: kid.id,
        dose: { kind: 'vitamin_a', givenOn: '2023-12-01' },
      }),
    ).toMatchObject({
      ok: false,
      error: { message: 'Ngày uống vitamin A (01/12/2023) trước ngày sinh.' },
    });
  });
});

describe('residents of 60 and over', () => {
  it('lists in "Hôm nay" those with no exam in the last 12 months, never-examined first', async () => {
    t = await makeSignedInCore({ clock: () => new Date(NOW) });
    const mk = (fullName: string, birthDate: string) =>
      t.ok('persons.create', { person: personInput({ fullName, birthDate }), confirmSimilar: true });
    const never = await mk('Cụ Chưa Khám', '1950-01-01');
    const lastYear = await mk('Bà Khám Năm Ngoái', '1961-02-02');
    const recent = await mk('Ông Mới Khám', '1955-03-03');
    await mk('Chú Năm Chín Tuổi', '1966-06-11'); // 60 tomorrow
    const setLast = t.core.ctx.store.raw.prepare('UPDATE persons SET last_visit_on = ? WHERE id = ?');
    setLast.run('2025-06-09', lastYear.id);
    setLast.run('2025-06-10', recent.id);
    const { items, totals } = await t.ok('record.today', {});
    expect(
      items.filter((i) => i.kind === 'elderly-exam-due').map((i) => [i.person.fullName, i.note]),
    ).toEqual([
      ['Cụ Chưa Khám', 'Người cao tuổi: chưa khám sức khỏe lần nào'],
      ['Bà Khám Năm Ngoái', 'Người cao tuổi: khám sức khỏe định kỳ hằng năm (lần cuối 09/06/2025)'],
    ]);
    expect(totals.elderlyExamDue).toBe(2);
    expect(never.id).toBeTruthy();
    const band = await t.ok('persons.list', { filters: { ageBand: '60+' }, offset: 0, limit: 10 });
    expect(band.rows.map((r) => r.fullName).sort()).toEqual([
      'Bà Khám Năm Ngoái',
      'Chú Năm Chín Tuổi', // the list's bands count by birth year, as before
      'Cụ Chưa Khám',
      'Ông Mới Khám',
    ]);
  });
});
