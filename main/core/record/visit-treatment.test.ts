/**
 * Treatment, medicines and referral in an exam (issue 14 point 6): refused or confirmed where they
 * must be, kept with the signed visit and its version, marked for upload with it, carried to the
 * next NCD follow-up, and in the upload's snapshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitInput } from '#contract/ops/record.ts';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { loadRecordData } from '../upstream/snapshot.ts';

let t: TestCore;
let personId = '';
const TODAY = new Date('2026-07-20T03:00:00Z');

beforeAll(async () => {
  t = await makeSignedInCore({ clock: () => TODAY });
  personId = (
    await t.ok('persons.create', {
      person: { fullName: 'Trần Văn Bình', sex: 'M', birthDate: '1950-05-10' },
      newHousehold: { code: '' },
      confirmSimilar: true,
    })
  ).id;
});
afterAll(() => t?.close());

const base: VisitInput = {
  visitOn: '2026-07-20',
  reason: 'Đau đầu',
  vitals: { systolic: 150, diastolic: 90 },
  diagnoses: [{ code: 'I10', name: 'Tăng huyết áp', main: true }],
};

const outbox = (): number =>
  (t.core.ctx.store.raw
    .prepare(`SELECT version FROM sync_outbox WHERE entity_id = ?`)
    .pluck()
    .get(personId) as number | undefined) ?? 0;

describe('treatment and referral in the exam', () => {
  it('refuses a referral without its reason, naming the field', async () => {
    const d = await t.ok('visits.start', { personId });
    const r = await t.call('visits.sign', {
      id: d.id,
      version: d.version,
      visit: { ...base, referral: { to: 'TTYT huyện' } },
      confirmed: [],
    });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Lý do chuyển tuyến: hãy ghi vì sao chuyển đến TTYT huyện.',
        details: { issues: [{ path: 'visit.referral.reason' }] },
      },
    });
  });

  it('refuses an impossible number of days in the field’s own words', async () => {
    const d = await t.ok('visits.start', { personId });
    const r = await t.call('visits.saveDraft', {
      id: d.id,
      version: d.version,
      visit: { ...base, medicines: [{ name: 'Amlodipin 5 mg', days: 400 }] },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^Số ngày dùng thuốc/);
    const noName = await t.call('visits.saveDraft', {
      id: d.id,
      version: d.version,
      visit: { ...base, medicines: [{ name: '  ', days: 5 }] },
    });
    expect(noName.ok).toBe(false);
    if (!noName.ok) expect(noName.error.message).toMatch(/^Tên thuốc/);
  });

  it('asks to confirm a supply of more than 90 days, then keeps the treatment with the signed visit and marks it for upload', async () => {
    const d = await t.ok('visits.start', { personId });
    const visit: VisitInput = {
      ...base,
      treatment: { method: 'drugs', note: 'Uống buổi sáng' },
      medicines: [
        { name: 'Amlodipin 5 mg', dose: '1 viên/ngày', days: 120 },
        { name: 'Aspirin 81 mg', dose: '1 viên/ngày' },
      ],
      referral: { to: 'TTYT huyện', reason: 'Khám chuyên khoa tim mạch' },
    };
    const ask = await t.call('visits.sign', { id: d.id, version: d.version, visit, confirmed: [] });
    expect(ask).toMatchObject({
      ok: false,
      error: {
        code: 'NEEDS_CONFIRMATION',
        message: 'Cần xác nhận: Số ngày dùng thuốc Amlodipin 5 mg: 120 ngày (quá 90 ngày).',
      },
    });
    const before = outbox();
    const signed = await t.ok('visits.sign', {
      id: d.id,
      version: d.version,
      visit,
      confirmed: ['medicines.days:Amlodipin 5 mg:120'],
    });
    // Marked twice in the signing's transaction: the visit, and his new hypertension register entry.
    expect(outbox()).toBe(before + 2);
    expect({ treatment: signed.treatment, medicines: signed.medicines, referral: signed.referral }).toEqual({
      treatment: { method: 'drugs', note: 'Uống buổi sáng' },
      medicines: [
        { name: 'Amlodipin 5 mg', dose: '1 viên/ngày', days: 120 },
        { name: 'Aspirin 81 mg', dose: '1 viên/ngày', days: null },
      ],
      referral: { to: 'TTYT huyện', reason: 'Khám chuyên khoa tim mạch' },
    });
    // The version kept for the amendment history holds them too; the upload's snapshot sends them.
    const snap = JSON.parse(
      t.core.ctx.store.raw
        .prepare('SELECT snapshot FROM visit_versions WHERE visit_id = ?')
        .pluck()
        .get(d.id) as string,
    ) as VisitInput;
    expect(snap.medicines?.map((m) => m.name)).toEqual(['Amlodipin 5 mg', 'Aspirin 81 mg']);
    const record = loadRecordData(t.core.ctx, personId);
    expect(record.visits.at(-1)?.referral).toEqual({ to: 'TTYT huyện', reason: 'Khám chuyên khoa tim mạch' });
  });

  it('starts the next hypertension follow-up with the same treatment and medicines, not the referral', async () => {
    // The earlier draft was signed: a new one starts, prefilled from it.
    const d = await t.ok('visits.start', { personId });
    expect(d.status).toBe('draft');
    expect(d.treatment).toEqual({ method: 'drugs', note: 'Uống buổi sáng' });
    expect(d.medicines.map((m) => [m.name, m.dose, m.days])).toEqual([
      ['Amlodipin 5 mg', '1 viên/ngày', 120],
      ['Aspirin 81 mg', '1 viên/ngày', null],
    ]);
    expect(d.referral).toEqual({ to: '', reason: '' });
  });
});
