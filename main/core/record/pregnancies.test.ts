/**
 * Pregnancy management and family planning through the dispatcher (issue 14, points 2–3), on a
 * station whose clock reads 23 April 2026. Every expected date is worked out by hand in a comment.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, TEST_ADMIN, type TestCore } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';
import { loadRecordData } from '../upstream/snapshot.ts';

let t: TestCore;
afterEach(() => t?.close());

const DAY_MS = 86_400_000;
// 10:00 in Vietnam on 23 April 2026.
let now = Date.parse('2026-04-23T03:00:00Z');

async function station() {
  now = Date.parse('2026-04-23T03:00:00Z');
  t = await makeSignedInCore({ clock: () => new Date(now) });
}
const woman = (over = {}) =>
  t.ok('persons.create', {
    person: personInput({ fullName: 'Lê Thị Mang', sex: 'F', birthDate: '1996-04-30', ...over }),
    confirmSimilar: true,
  });
const errorOf = async (r: Promise<{ ok: boolean; error?: { code: string; message: string } }>) => {
  const x = await r;
  return x.ok ? null : { code: x.error?.code, message: x.error?.message };
};
const outboxVersion = (personId: string) =>
  t.core.ctx.store.raw.prepare('SELECT version FROM sync_outbox WHERE entity_id = ?').pluck().get(personId);
const actions = (personId: string) =>
  t.core.ctx.store.raw
    .prepare('SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq')
    .pluck()
    .all(personId) as string[];

describe('a pregnancy episode', () => {
  it('is refused for a man, a woman of 60, an LMP in the future or 45 weeks ago', async () => {
    await station();
    const man = await t.ok('persons.create', { person: personInput(), confirmSimilar: true });
    expect(
      await errorOf(t.call('pregnancies.open', { personId: man.id, episode: { lmp: '2026-03-01' } })),
    ).toEqual({
      code: 'INVALID_INPUT',
      message: 'Người này là nam: không ghi nhận thai kỳ.',
    });
    const older = await woman({ fullName: 'Bà Lớn Tuổi', birthDate: '1965-01-01' });
    expect(
      (await errorOf(t.call('pregnancies.open', { personId: older.id, episode: { lmp: '2026-03-01' } })))
        ?.message,
    ).toBe('Người này 61 tuổi: chỉ ghi nhận thai kỳ cho phụ nữ từ 10 đến 55 tuổi.');
    const her = await woman();
    expect(
      (await errorOf(t.call('pregnancies.open', { personId: her.id, episode: { lmp: '2026-04-24' } })))
        ?.message,
    ).toBe('Ngày đầu kỳ kinh cuối 24/04/2026 ở sau ngày hôm nay.');
    // 45 weeks (315 days) before 23/04/2026 is 13/06/2025.
    expect(
      (await errorOf(t.call('pregnancies.open', { personId: her.id, episode: { lmp: '2025-06-13' } })))
        ?.message,
    ).toContain('cách hôm nay hơn 44 tuần');
    expect((await t.ok('pregnancies.get', { personId: man.id })).eligible).toEqual({
      ok: false,
      message: 'Người này là nam: không ghi nhận thai kỳ.',
    });
  });

  it('opens with the EDD by Naegele, makes her tetanus dose due, marks the outbox, is audited; one open at a time', async () => {
    await station();
    const her = await woman();
    const before = outboxVersion(her.id) as number;
    // LMP 29/01/2026: 84 days (12 weeks) before 23/04/2026; + 280 days = 05/11/2026.
    const r = await t.ok('pregnancies.open', {
      personId: her.id,
      episode: { lmp: '2026-01-29', gravida: 2, para: 1 },
    });
    expect(r.pregnancies).toHaveLength(1);
    expect(r.pregnancies[0]).toMatchObject({
      lmp: '2026-01-29',
      edd: '2026-11-05',
      open: true,
      gestation: '12 tuần',
      month: 3,
      trimester: 1,
      due: {
        dueOn: '2026-04-23',
        reason: 'schedule',
        visit: 1,
        label: 'Khám thai lần 1 (12 tuần): ngày 23/04/2026',
      },
    });
    expect(outboxVersion(her.id)).toBe(before + 1);
    expect(actions(her.id)).toContain('pregnancy.open');
    const rec = await t.ok('record.get', { personId: her.id });
    // Due from the day the pregnancy was recorded (today), not from the LMP.
    expect(rec.schedule.find((d) => d.code === 'UV-1')).toMatchObject({
      status: 'due',
      dueDate: '2026-04-23',
    });
    expect(
      await errorOf(t.call('pregnancies.open', { personId: her.id, episode: { lmp: '2026-02-01' } })),
    ).toEqual({
      code: 'CONFLICT',
      message:
        'Đang theo dõi một thai kỳ (kỳ kinh cuối 29/01/2026): ghi kết quả thai kỳ đó trước khi mở thai kỳ mới.',
    });
    // An EDD moved by an ultrasound is kept; one 30 weeks after the LMP is refused, naming the field.
    const id = r.pregnancies[0].id;
    const moved = await t.ok('pregnancies.update', { id, episode: { lmp: '2026-01-29', edd: '2026-11-12' } });
    expect(moved.pregnancies[0].edd).toBe('2026-11-12');
    const bad = await t.call('pregnancies.update', { id, episode: { lmp: '2026-01-29', edd: '2026-08-27' } });
    expect(bad.ok ? null : bad.error.details).toMatchObject({ issues: [{ path: 'episode.edd' }] });
  });
});

describe('antenatal visits and "Hôm nay"', () => {
  it('due at 12 weeks is listed; a visit with an appointment clears it until the appointment day', async () => {
    await station();
    const her = await woman();
    const { pregnancies } = await t.ok('pregnancies.open', {
      personId: her.id,
      episode: { lmp: '2026-01-29' },
    });
    const id = pregnancies[0].id;
    const queue = await t.ok('record.today', {});
    // Her tetanus dose is due too: a line of its own.
    const lines = (q: typeof queue) =>
      q.items.filter((i) => i.person.id === her.id).map((i) => [i.kind, i.note]);
    expect(lines(queue)).toEqual([
      ['immunization-due', 'Đến hạn tiêm hôm nay: Uốn ván mũi 1 (UV1)'],
      ['antenatal-due', 'Khám thai lần 1 (12 tuần): ngày 23/04/2026'],
    ]);
    expect(queue.totals.antenatalDue).toBe(1);

    // Diastolic above systolic is impossible; a weight of 20 kg at 29 needs a second look.
    const swapped = await t.call('pregnancies.recordVisit', {
      pregnancyId: id,
      visit: { visitOn: '2026-04-23', systolic: 80, diastolic: 120 },
    });
    expect(swapped.ok ? null : swapped.error.code).toBe('INVALID_INPUT');
    const light = await t.call('pregnancies.recordVisit', {
      pregnancyId: id,
      visit: { visitOn: '2026-04-23', weightKg: 20 },
    });
    expect(light.ok ? null : light.error.code).toBe('NEEDS_CONFIRMATION');

    // With the tetanus dose given: UV-1 in part C, month of pregnancy 3 (29/01 → 23/04: 2 whole months).
    const r = await t.ok('pregnancies.recordVisit', {
      pregnancyId: id,
      visit: {
        visitOn: '2026-04-23',
        weightKg: 52.5,
        systolic: 110,
        diastolic: 70,
        riskSigns: ['edema'],
        ironFolic: true,
        tetanus: true,
        nextVisitOn: '2026-05-21',
      },
    });
    expect(r.pregnancies[0].visits).toMatchObject([
      { visitOn: '2026-04-23', gestation: '12 tuần', weightKg: 52.5, riskSigns: ['edema'], ironFolic: true },
    ]);
    expect(r.pregnancies[0].due).toMatchObject({ dueOn: '2026-05-21', reason: 'appointment', daysLate: -28 });
    const doses = (await t.ok('record.get', { personId: her.id })).doses;
    expect(doses).toMatchObject([{ vaccineCode: 'UV-1', givenOn: '2026-04-23', pregnancyMonth: 3 }]);
    expect(r.pregnancies[0].visits[0].tetanusDose).toBe(doses[0].id);
    expect(actions(her.id)).toEqual(expect.arrayContaining(['pregnancy.visit', 'immunization.record']));
    expect(lines(await t.ok('record.today', {}))).toEqual([]);

    // 28 days later: the appointment day, and UV2 (4 weeks after UV1) with it.
    now += 28 * DAY_MS;
    await t.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
    expect(lines(await t.ok('record.today', {}))).toEqual([
      ['immunization-due', 'Đến hạn tiêm hôm nay: Uốn ván mũi 2 (UV2)'],
      ['antenatal-due', 'Hẹn khám thai ngày 21/05/2026'],
    ]);
  });

  it('ends with a birth: place and mode required, a baby of 800 g confirmed; then no longer due', async () => {
    await station();
    const her = await woman();
    // LMP 10/07/2025: 287 days (41 weeks) before 23/04/2026.
    const { pregnancies } = await t.ok('pregnancies.open', {
      personId: her.id,
      episode: { lmp: '2025-07-10' },
    });
    const id = pregnancies[0].id;
    const missing = await t.call('pregnancies.close', {
      id,
      outcome: { outcome: 'live-birth', endedOn: '2026-04-20' },
    });
    expect(missing.ok ? null : missing.error.details).toMatchObject({
      issues: [
        { path: 'outcome.place', message: 'Nơi đẻ: chọn nơi đẻ.' },
        { path: 'outcome.mode', message: 'Cách đẻ: chọn đẻ thường, thủ thuật hay mổ.' },
      ],
    });
    const outcome = {
      outcome: 'live-birth',
      endedOn: '2026-04-20',
      place: 'station',
      mode: 'normal',
      babyWeightG: 800,
    } as const;
    const small = await t.call('pregnancies.close', { id, outcome });
    expect(small.ok ? null : small.error.code).toBe('NEEDS_CONFIRMATION');
    const closed = await t.ok('pregnancies.close', {
      id,
      outcome,
      confirmed: ['babyWeightG:out-of-range:800'],
    });
    expect(closed.pregnancies[0]).toMatchObject({
      open: false,
      outcome: 'live-birth',
      endedOn: '2026-04-20',
      place: 'station',
      mode: 'normal',
      babyWeightG: 800,
      due: null,
      gestation: '40 tuần 4 ngày',
    });
    expect((await t.ok('record.today', {})).items.find((i) => i.person.id === her.id)).toBeUndefined();
    const visit = await t.call('pregnancies.recordVisit', {
      pregnancyId: id,
      visit: { visitOn: '2026-04-21' },
    });
    expect(visit.ok ? null : visit.error.code).toBe('CONFLICT');
  });
});

describe('family planning', () => {
  it('a coded method with its dates; a man only condom or sterilisation; "other" needs its words', async () => {
    await station();
    const her = await woman();
    const r = await t.ok('familyPlanning.save', {
      personId: her.id,
      method: { method: 'iud', startedOn: '2026-04-23', followUpOn: '2026-05-23' },
    });
    expect(r.familyPlanning).toMatchObject([
      { method: 'iud', startedOn: '2026-04-23', followUpOn: '2026-05-23', endedOn: null, source: 'entered' },
    ]);
    const ended = await t.ok('familyPlanning.save', {
      personId: her.id,
      id: r.familyPlanning[0].id,
      method: { method: 'iud', startedOn: '2026-04-23', followUpOn: '2026-05-23', endedOn: '2026-04-23' },
    });
    expect(ended.familyPlanning).toHaveLength(1);
    expect(ended.familyPlanning[0].endedOn).toBe('2026-04-23');
    expect(actions(her.id).filter((a) => a === 'family-planning.save')).toHaveLength(2);
    const other = await t.call('familyPlanning.save', { personId: her.id, method: { method: 'other' } });
    expect(other.ok ? null : other.error.message).toBe('Ghi rõ biện pháp khác.');
    const man = await t.ok('persons.create', { person: personInput(), confirmSimilar: true });
    const pill = await t.call('familyPlanning.save', { personId: man.id, method: { method: 'pill' } });
    expect(pill.ok ? null : pill.error.message).toBe(
      'Biện pháp tránh thai: với nam chỉ chọn bao cao su, triệt sản hoặc biện pháp khác.',
    );
    await t.ok('familyPlanning.save', {
      personId: man.id,
      method: { method: 'condom', startedOn: '2026-01-02' },
    });
  });
});

describe('the 831 form and the upload', () => {
  it('print and send B.7 from the method in use and the last pregnancy, part B’s text otherwise', async () => {
    await station();
    const her = await woman();
    const rec = await t.ok('record.get', { personId: her.id });
    await t.ok('record.saveHistory', {
      personId: her.id,
      version: 0,
      history: { ...rec.history, reproductive: { ...rec.history.reproductive, contraception: 'bao cao su' } },
    });
    expect(loadRecordData(t.core.ctx, her.id).history.reproductive).toMatchObject({
      contraception: 'bao cao su',
      lastPregnancy: '',
    });
    await t.ok('familyPlanning.save', {
      personId: her.id,
      method: { method: 'iud', startedOn: '2025-06-01' },
    });
    await t.ok('pregnancies.open', { personId: her.id, episode: { lmp: '2026-01-29' } });
    expect(loadRecordData(t.core.ctx, her.id).history.reproductive).toMatchObject({
      contraception: 'Dụng cụ tử cung (vòng)',
      lastPregnancy: '01/2026',
    });
  });
});
