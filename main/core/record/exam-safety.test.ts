/**
 * What keeps wrong clinical data out of a signed record, checked in the core (every transport goes
 * through it): impossible vitals refused, rare ones confirmed value by value, and device readings
 * that stay with the exam that was open when they arrived.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Measurement } from '#contract/ops/devices.ts';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';
import { EXAM_LEASE_MS, OpenExams } from './open-exams.ts';

let t: TestCore;
afterEach(async () => {
  await t?.core.ctx.devices.stop();
  t?.close();
});

async function person(fullName: string, birthDate = '1960-04-04') {
  return t.ok('persons.create', { person: personInput({ fullName, birthDate }), confirmSimilar: true });
}

async function draft(personId: string) {
  return t.ok('visits.start', { personId });
}

const sign = (
  v: { id: string; version: number; visitOn: string },
  vitals: object,
  confirmed: string[] = [],
) =>
  t.call('visits.sign', { id: v.id, version: v.version, visit: { visitOn: v.visitOn, vitals }, confirmed });

describe('signing a visit with unusual vitals', () => {
  it('refuses 400/20 mmHg, naming the field and the range in mmHg', async () => {
    t = await makeSignedInCore();
    const v = await draft((await person('Trần Văn Áp')).id);
    const r = await t.call('visits.sign', {
      id: v.id,
      version: v.version,
      visit: { visitOn: v.visitOn, vitals: { systolic: 400, diastolic: 20 } },
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Huyết áp tâm thu phải từ 40 đến 300 mmHg, đã nhập 400.' },
    });
    expect((await t.ok('visits.get', { id: v.id })).status).toBe('draft');
  });

  it('refuses a diastolic at or above the systolic, though a draft keeps what was typed', async () => {
    t = await makeSignedInCore();
    const v = await draft((await person('Trần Văn Đảo')).id);
    const saved = await t.ok('visits.saveDraft', {
      id: v.id,
      version: v.version,
      visit: { visitOn: v.visitOn, vitals: { systolic: 80, diastolic: 120 } },
    });
    expect(saved.vitals).toMatchObject({ systolic: 80, diastolic: 120 });
    expect(saved.derived.warnings).toEqual([expect.objectContaining({ field: 'diastolic', level: 'block' })]);
    const r = await sign(saved, { systolic: 80, diastolic: 120 });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('phải nhỏ hơn tâm thu') },
    });
    expect(r.ok ? null : r.error.details).toEqual({
      issues: [{ path: 'visit.vitals.diastolic', message: expect.stringContaining('120 mmHg') }],
    });
  });

  it('asks to confirm 45 °C by name; signs once that value is confirmed, and the audit trail says so', async () => {
    t = await makeSignedInCore();
    const v = await draft((await person('Trần Văn Sốt')).id);
    const first = await sign(v, { temperatureC: 45 });
    expect(first).toMatchObject({
      ok: false,
      error: {
        code: 'NEEDS_CONFIRMATION',
        message: 'Cần xác nhận: Nhiệt độ 45 °C nằm ngoài khoảng thường gặp (34–42 °C).',
      },
    });
    const findings = (first.ok ? null : (first.error.details as { findings: { key: string }[] }))!.findings;
    expect(findings).toHaveLength(1);

    // A confirmation holds for that value only: 44 °C needs its own.
    expect(await sign(v, { temperatureC: 44 }, [findings[0].key])).toMatchObject({
      ok: false,
      error: { code: 'NEEDS_CONFIRMATION' },
    });

    const signed = await sign(v, { temperatureC: 45 }, [findings[0].key]);
    expect(signed).toMatchObject({ ok: true, value: { status: 'signed', vitals: { temperatureC: 45 } } });
    const audit = await t.ok('audit.list', { limit: 5 });
    expect(JSON.stringify(audit)).toContain(findings[0].key);
  });

  it('lets exactly one of a burst of parallel signatures through', async () => {
    t = await makeSignedInCore();
    const v = await draft((await person('Trần Văn Một')).id);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => sign(v, { systolic: 130, diastolic: 85 })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok))
      expect(r.ok ? '' : r.error.code).toMatch(/^(VERSION_)?CONFLICT$/);
    expect(await t.ok('visits.versions', { id: v.id })).toHaveLength(1);
  });
});

describe('device readings belong to the exam that was open when they arrived', () => {
  async function simulatorCore() {
    t = await makeSignedInCore({
      deviceSystem: {
        listPorts: async () => ({ ports: [], problems: [] }),
        openTransport: () => {
          throw new Error('no ports here');
        },
      },
    });
    await t.ok('devices.setSimulator', { enabled: true });
  }
  const until = async (what: string, ok: (tray: Measurement[]) => boolean): Promise<Measurement[]> => {
    for (let i = 0; i < 300; i++) {
      const tray = await t.ok('measurements.tray', {});
      if (ok(tray)) return tray;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const measureBp = async (systolic: number, diastolic: number) => {
    const before = (await t.ok('measurements.tray', {})).length;
    await t.ok('devices.simulate', { what: 'bp', values: { systolic, diastolic, pulse: 70 } });
    return (await until('the reading', (x) => x.length > before)).find(
      (m) => m.values.systolic === systolic,
    )!;
  };

  it('never offers the previous patient’s reading to the next, and the core refuses it if asked', async () => {
    await simulatorCore();
    const a = await person('Nguyễn Thị An');
    const b = await person('Lê Văn Bình');
    const examA = await draft(a.id);
    await t.ok('visits.focus', { id: examA.id });
    const readingA = await measureBp(150, 95);
    expect(readingA.arrivedDuringVisitId).toBe(examA.id);
    // The nurse leaves A's exam without taking the reading, and opens B's.
    await t.ok('visits.blur', { id: examA.id });
    const examB = await draft(b.id);
    await t.ok('visits.focus', { id: examB.id });
    expect((await t.ok('measurements.offered', { visitId: examB.id })).map((m) => m.id)).not.toContain(
      readingA.id,
    );
    expect((await t.ok('measurements.offered', { visitId: examA.id })).map((m) => m.id)).toContain(
      readingA.id,
    );
    const refused = await t.call('measurements.apply', {
      id: readingA.id,
      visitId: examB.id,
      confirmStale: true,
      confirmNoExam: true,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('lượt khám của người khác') },
    });

    // B's own reading is offered and taken at once.
    const readingB = await measureBp(128, 82);
    expect(readingB.arrivedDuringVisitId).toBe(examB.id);
    expect(await t.ok('measurements.apply', { id: readingB.id, visitId: examB.id })).toMatchObject({
      status: 'attached',
      visitId: examB.id,
    });
    // A's reading is still in the tray, untouched by B's.
    expect((await t.ok('measurements.tray', {})).map((m) => m.id)).toContain(readingA.id);
  });

  it('offers a reading that arrived with no exam open only by explicit choice', async () => {
    await simulatorCore();
    const p = await person('Phạm Văn Chờ');
    const before = await measureBp(140, 90);
    expect(before.arrivedDuringVisitId).toBeNull();
    const exam = await draft(p.id);
    await t.ok('visits.focus', { id: exam.id });
    expect((await t.ok('measurements.offered', { visitId: exam.id })).map((m) => m.id)).toEqual([before.id]);
    const plain = await t.call('measurements.apply', { id: before.id, visitId: exam.id });
    expect(plain).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        details: { noExam: true },
        message: expect.stringContaining('chưa mở lượt khám nào'),
      },
    });
    expect(
      await t.ok('measurements.apply', { id: before.id, visitId: exam.id, confirmNoExam: true }),
    ).toMatchObject({ status: 'attached' });
  });

  it('after the exam is signed, a late reading belongs to nobody', async () => {
    await simulatorCore();
    const p = await person('Hoàng Văn Muộn');
    const exam = await draft(p.id);
    await t.ok('visits.focus', { id: exam.id });
    await sign(exam, { systolic: 120, diastolic: 80 });
    const late = await measureBp(118, 76);
    expect(late.arrivedDuringVisitId).toBeNull();
  });

  it('a discarded exam takes its readings with it', async () => {
    await simulatorCore();
    const p = await person('Đỗ Văn Bỏ');
    const exam = await draft(p.id);
    await t.ok('visits.focus', { id: exam.id });
    const r = await measureBp(135, 88);
    await t.ok('visits.discard', { id: exam.id });
    expect((await t.ok('measurements.tray', {})).map((m) => m.id)).not.toContain(r.id);
  });
});

describe('which exam was open when', () => {
  it('answers for a moment in the past, gives up when two were open, and forgets a screen that went silent', () => {
    const exams = new OpenExams();
    exams.focus('window-1', 'visit-a', 'person-a', 1_000);
    expect(exams.openAt(1_500)).toEqual({ visitId: 'visit-a', personId: 'person-a' });
    exams.blur('window-1', 'visit-a', 2_000);
    expect(exams.openAt(2_500)).toBeNull();
    // The millisecond it closed is no longer A's (a reading then is nobody's, not A's).
    expect(exams.openAt(1_999)?.visitId).toBe('visit-a');
    expect(exams.openAt(2_000)).toBeNull();
    // Asked later about a reading that arrived during A's exam: still A's.
    exams.focus('window-1', 'visit-b', 'person-b', 3_000);
    expect(exams.openAt(1_500)?.visitId).toBe('visit-a');
    // Two windows, two exams: nobody's.
    exams.focus('window-2', 'visit-c', 'person-c', 3_500);
    expect(exams.openAt(4_000)).toBeNull();
    exams.blur('window-2', 'visit-c', 4_500);
    // A window that crashed and stopped renewing: its exam stops catching readings.
    expect(exams.openAt(3_000 + EXAM_LEASE_MS - 1)?.visitId).toBe('visit-b');
    expect(exams.openAt(3_000 + EXAM_LEASE_MS + 1)).toBeNull();
  });
});

describe('immunisation doses', () => {
  const daysAgo = (n: number) =>
    new Date(Date.now() - n * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });

  it('asks to confirm a dose given before the minimum age, naming the vaccine, the date and the earliest day', async () => {
    t = await makeSignedInCore();
    const baby = await person('Bé Sớm', daysAgo(20));
    // DPT-VGB-Hib 1 is from 2 months (minimum 6 weeks): at 10 days old it does not count.
    const early = { vaccineCode: 'DPT-VGB-HIB-1', givenOn: daysAgo(10), batch: 'L2026-11' };
    const r = await t.call('immunizations.record', { personId: baby.id, doses: [early] });
    expect(r).toMatchObject({ ok: false, error: { code: 'NEEDS_CONFIRMATION' } });
    const findings = (r.ok ? null : (r.error.details as { findings: { key: string; message: string }[] }))!
      .findings;
    expect(findings[0].message).toMatch(
      /^Bạch hầu-Ho gà-Uốn ván-Viêm gan B-Hib.* tiêm ngày \d\d\/\d\d\/\d{4}: tiêm trước tuổi tối thiểu \(sớm nhất từ ngày \d\d\/\d\d\/\d{4}\)\.$/,
    );
    expect((await t.ok('record.get', { personId: baby.id })).doses).toEqual([]);
    const saved = await t.ok('immunizations.record', {
      personId: baby.id,
      doses: [early],
      confirmed: findings.map((f) => f.key),
    });
    expect(saved).toMatchObject([{ vaccineCode: 'DPT-VGB-HIB-1', batch: 'L2026-11' }]);
  });

  it('corrects a dose with a reason (audited before/after) and deletes one with a reason', async () => {
    t = await makeSignedInCore();
    const baby = await person('Bé Sửa', daysAgo(100));
    const [bcg] = await t.ok('immunizations.record', {
      personId: baby.id,
      doses: [{ vaccineCode: 'BCG', givenOn: daysAgo(90), batch: 'SAI' }],
    });
    expect(
      await t.call('immunizations.correct', {
        id: bcg.id,
        dose: { vaccineCode: 'BCG', givenOn: daysAgo(95), batch: 'B123' },
        reason: ' ',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Lý do: chưa nhập.' },
    });
    const corrected = await t.ok('immunizations.correct', {
      id: bcg.id,
      dose: { vaccineCode: 'BCG', givenOn: daysAgo(95), batch: 'B123' },
      reason: 'Ghi nhầm số lô',
    });
    expect(corrected).toMatchObject([{ id: bcg.id, givenOn: daysAgo(95), batch: 'B123' }]);
    expect(await t.call('immunizations.remove', { id: bcg.id, reason: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await t.ok('immunizations.remove', { id: bcg.id, reason: 'Ghi nhầm người' })).toEqual([]);
    const audit = JSON.stringify(await t.ok('audit.list', { limit: 10 }));
    expect(audit).toContain('Ghi nhầm số lô');
    expect(audit).toContain('Ghi nhầm người');
    // One outbox row for the child's record, marked by registration, the dose, its correction and
    // its removal: the province rebuilds the record from what is left.
    const outbox = t.core.ctx.store
      .prepare(`SELECT entity, op, version FROM sync_outbox WHERE entity_id = ?`)
      .all(baby.id);
    expect(outbox).toEqual([{ entity: 'person', op: 'upsert', version: 4 }]);
  });
});
