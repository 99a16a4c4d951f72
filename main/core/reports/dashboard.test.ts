import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallCommune, TODAY, type People } from '../../../test/helpers/report-commune.ts';
import type { TestCore } from '../../../test/helpers/core.ts';
import { dashboard } from './dashboard.ts';

// The commune of test/helpers/report-commune.ts; every figure below is counted by hand from its table.
let t: TestCore;
let p: People;
beforeAll(async () => {
  ({ t, people: p } = await smallCommune());
}, 60_000);
afterAll(() => t?.close());

const Q1 = { from: '2026-01-01', to: '2026-03-31' };

describe('the dashboard on a hand-counted commune', () => {
  it('counts the residents by age and status, and who has a record', async () => {
    const d = await t.ok('reports.dashboard', Q1);
    expect(d.asOf).toBe(TODAY);
    // 13 registered, Phúc moved and Quý deceased: 11 active.
    expect(d.population).toEqual({
      registry: 11,
      official: null,
      year: 2026,
      source: 'registry',
      denominator: 11,
    });
    // With something of parts B/C/D: An, Bình, Dung, Em, Hà, Khoa, Tâm.
    expect(d.coverage.withRecord).toBe(7);
    expect(d.coverage.rate).toBeCloseTo(7 / 11, 6);
    expect(d.coverage.targets).toEqual([0.9, 0.95, 1]);
    expect(d.byVillage).toEqual([
      { village: 'Thôn Đông', active: 5, withRecord: 4 },
      { village: 'Thôn Tây', active: 6, withRecord: 3 },
    ]);
    // Under 6: Em, Giang, Hà (3 today), Khoa, Lan, Tâm; pupil: Dung; working: Cúc, Sơn (1985); 60+: An, Bình.
    expect(d.ages).toEqual({ under6: 6, pupils: 1, working: 2, elderly: 2 });
    expect([d.moved, d.deceased]).toEqual([1, 1]);
  });

  it('counts what changed in the period and who was examined in 12 months', async () => {
    const d = await t.ok('reports.dashboard', Q1);
    // An (part B 15 Jan), Em (doses recorded 27 Jan), Khoa, Hà, Bình (exams): Dung and Tâm changed in 2025.
    expect(d.updated).toBe(5);
    // Exams since 10 Mar 2025: An (Nov 2025), Khoa, Hà, Bình.
    expect(d.examined12m).toBe(4);
    expect(d.notExamined).toBe(7);
    // Changes per month: January has An's part B and Em's two doses recorded; exams and doses by their day.
    expect(d.trends).toEqual([
      { month: '2026-01', updated: 3, examined: 0, doses: 2 },
      { month: '2026-02', updated: 1, examined: 1, doses: 0 },
      { month: '2026-03', updated: 2, examined: 2, doses: 0 },
    ]);
  });

  it('counts the residents changed in a period that ended before later changes, and in one that reaches them', async () => {
    // January, with changes after it (read from the sources): An's part B, Em's doses.
    const jan = { from: '2026-01-01', to: '2026-01-31' };
    const january = await t.ok('reports.dashboard', jan);
    expect(january.updated).toBe(2);
    const janList = await t.ok('reports.worklist', { ...jan, kind: 'updated' });
    expect(janList.rows.map((r) => r.personId).sort()).toEqual([p.an, p.em].sort());
    // February to March, reaching today (read from each resident's latest change): Khoa, Hà, Bình;
    // An and Em changed only before it.
    const spring = { from: '2026-02-01', to: '2026-03-31' };
    expect((await t.ok('reports.dashboard', spring)).updated).toBe(3);
    const springList = await t.ok('reports.worklist', { ...spring, kind: 'updated' });
    expect(springList.rows.map((r) => r.personId).sort()).toEqual([p.khoa, p.ha, p.binh].sort());
    // One village: Thôn Tây's Khoa.
    expect((await t.ok('reports.dashboard', { ...spring, village: 'Thôn Tây' })).updated).toBe(1);
  });

  it('counts NCD patients managed, followed up in 3 months and overdue', async () => {
    const d = await t.ok('reports.dashboard', Q1);
    // An: registered 15 Jan, monthly follow-up due 15 Feb, last exam Nov 2025 → overdue, not followed.
    // Bình: registered at his exam on 2 Mar with I10 and E11.9 → followed, next due 2 Apr.
    expect(d.ncd).toEqual([
      { register: 'hypertension', managed: 2, followed3m: 1, overdue: 1 },
      { register: 'diabetes', managed: 1, followed3m: 1, overdue: 0 },
    ]);
  });

  it('counts children due and overdue for vaccines, and the cohort fully immunised before one', async () => {
    const d = await t.ok('reports.dashboard', Q1);
    // Due by 31 Mar: Giang (BCG, 2-month doses), Hà, Khoa, Lan, Tâm (infant doses never given).
    // Overdue (fell due before 10 Feb): the same five — Giang's BCG fell due at birth, 5 Jan.
    // Em has everything due so far.
    expect(d.vaccines).toMatchObject({ month: '2026-03', due: 5, overdue: 5 });
    // Turning one in Jan–Mar 2026: Em (20 Jan, full set) and Tâm (10 Feb, BCG only).
    expect(d.vaccines).toMatchObject({ cohort: 2, fullyImmunised: 1 });
  });

  it('finds the under-fives below −2 SD at their last measurement', async () => {
    const d = await t.ok('reports.dashboard', Q1);
    // Under 5 with a full birth date: Em, Giang, Hà, Khoa, Lan, Tâm; measured: Hà and Khoa.
    // Hà (girl, 35 months, 10.0 kg): weight-for-age below −2 SD (−2 SD ≈ 10.8 kg); 88 cm is above
    // −2 SD for height (≈ 86.8 cm). Khoa (boy, 20 months, 11.0 kg, 82 cm) is within ±2 SD.
    // Hà is also below −2 SD of weight-for-height (10.0 kg at 88 cm: −2 SD ≈ 10.4 kg).
    expect(d.growth).toEqual({ under5: 6, measured: 2, below2sd: 1, malnourished: 1 });
  });

  it('says no upstream is configured', async () => {
    const d = await t.ok('reports.dashboard', Q1);
    expect(d.upstream).toEqual({ configured: false, acknowledged: 0, failed: 0 });
  });

  it('divides by the official population once entered, but a village by its own registry', async () => {
    await t.ok('reports.setPopulation', { year: 2026, population: 14, source: 'UBND xã, 01/2026' });
    expect(await t.ok('reports.population', {})).toMatchObject([
      { year: 2026, population: 14, source: 'UBND xã, 01/2026' },
    ]);
    const d = await t.ok('reports.dashboard', Q1);
    expect(d.population).toEqual({
      registry: 11,
      official: 14,
      year: 2026,
      source: 'official',
      denominator: 14,
    });
    expect(d.coverage.rate).toBe(0.5);
    const west = await t.ok('reports.dashboard', { ...Q1, village: 'Thôn Tây' });
    expect(west.population).toEqual({
      registry: 6,
      official: 14,
      year: 2026,
      source: 'registry',
      denominator: 6,
    });
    expect(west.coverage).toMatchObject({ withRecord: 3, rate: 0.5 });
    expect(west.ages).toEqual({ under6: 4, pupils: 1, working: 1, elderly: 0 });
    // Changed in the period in Thôn Tây: Khoa's exam only (Dung's part B and Tâm's dose were in 2025).
    expect(west.updated).toBe(1);
    expect(west.ncd.map((n) => n.managed)).toEqual([0, 0]);
    // Removing the figure goes back to the registry; the change is on the audit trail.
    await t.ok('reports.setPopulation', { year: 2026, population: null });
    expect((await t.ok('reports.dashboard', Q1)).population.source).toBe('registry');
    const trail = (await t.ok('audit.list', { limit: 5 })).filter(
      (a) => a.action === 'reports.population.set',
    );
    expect(trail.map((a) => a.details)).toEqual([
      { year: 2026, before: 14, after: null, source: '' },
      { year: 2026, before: null, after: 14, source: 'UBND xã, 01/2026' },
    ]);
  });

  it('refuses a period that ends before it starts, naming the field', async () => {
    const r = await t.call('reports.dashboard', { from: '2026-03-01', to: '2026-01-01' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '«Từ ngày» phải trước hoặc bằng «Đến ngày».' },
    });
  });
});

describe('the lists behind the figures', () => {
  const names = async (kind: string, extra: Record<string, unknown> = {}) =>
    (await t.ok('reports.worklist', { ...Q1, kind: kind as never, ...extra })).rows.map((r) => r.fullName);

  it('lists overdue NCD follow-ups, residents not examined in 12 months and failed uploads', async () => {
    const ncd = await t.ok('reports.worklist', { ...Q1, kind: 'ncd-overdue' });
    expect(ncd.rows).toMatchObject([
      { personId: p.an, date: '2026-02-15', detail: 'Tăng huyết áp — quá hạn 23 ngày' },
    ]);
    // By village in Vietnamese order (Đông before Tây), then by name as written (surname first).
    expect(await names('not-examined')).toEqual([
      'Đinh Văn Sơn',
      'Hoàng Văn Em',
      'Bùi Thị Lan',
      'Cao Văn Giang',
      'Lê Thị Cúc',
      'Ngô Thị Tâm',
      'Phạm Văn Dung',
    ]);
    expect(await names('upload-failed')).toEqual([]);
  });

  it('lists the malnourished children saying which indicator, and the vaccines due from the due list', async () => {
    const mal = await t.ok('reports.worklist', { ...Q1, kind: 'malnourished' });
    expect(mal.rows).toHaveLength(1);
    expect(mal.rows[0]).toMatchObject({ personId: p.ha, date: '2026-03-01' });
    // Weight-for-age and weight-for-height (10.0 kg at 88 cm: −2 SD ≈ 10.4 kg) below −2 SD; height-for-age not.
    expect(mal.rows[0].detail).toMatch(
      /^Nhẹ cân \(cân nặng\/tuổi\) −2,\d\d; Gầy còm \(cân nặng\/chiều cao\) −2,\d\d$/,
    );
    const due = await t.ok('reports.worklist', { ...Q1, kind: 'vaccines-due' });
    expect(due.total).toBe(5);
    expect(due.rows.map((r) => r.personId).sort()).toEqual([p.giang, p.ha, p.khoa, p.lan, p.tam].sort());
    expect(due.rows.find((r) => r.personId === p.giang)?.detail).toMatch(/Lao \(BCG\).*\(quá hạn\)/);
  });

  it('has as many rows as its figure says, for each figure', async () => {
    const d = await t.ok('reports.dashboard', Q1);
    const total = async (kind: string, extra = {}) =>
      (await t.ok('reports.worklist', { ...Q1, kind: kind as never, ...extra })).total;
    expect(await total('with-record')).toBe(d.coverage.withRecord);
    expect(await total('without-record')).toBe(d.population.registry - d.coverage.withRecord);
    expect(await total('updated')).toBe(d.updated);
    expect(await total('examined')).toBe(d.examined12m);
    expect(await total('ncd-managed', { register: 'hypertension' })).toBe(2);
    expect(await total('ncd-followed')).toBe(2);
    expect(await total('fully-immunised')).toBe(1);
    expect(await names('not-fully-immunised')).toEqual(['Ngô Thị Tâm']);
    expect(await total('under5-low')).toBe(d.growth.below2sd);
    expect(await total('vaccines-overdue')).toBe(d.vaccines.overdue);
    expect(await names('age-pupils')).toEqual(['Phạm Văn Dung']);
    expect(await names('age-elderly')).toEqual(['Nguyễn Văn An', 'Trần Văn Bình']);
    expect(await names('moved')).toEqual(['Lý Văn Phúc']);
    expect(await names('deceased')).toEqual(['Mai Thị Quý']);
  });

  it('shows a change made after it was opened, at the next open', async () => {
    const before = await t.ok('reports.dashboard', Q1);
    // Opened again with nothing written: the same figures (kept, not recomputed).
    expect(await t.ok('reports.dashboard', Q1)).toEqual(before);
    expect(before.updated).toBe(5);
    // Lan (Thôn Tây, never recorded) gets her BCG dose on 5 March, recorded today.
    await t.ok('immunizations.record', {
      personId: p.lan,
      doses: [{ vaccineCode: 'BCG', givenOn: '2026-03-05' }],
      confirmed: [],
    });
    const after = await t.ok('reports.dashboard', Q1);
    expect(after.updated).toBe(6);
    expect(after.coverage.withRecord).toBe(8);
    expect(after.trends[2]).toEqual({ month: '2026-03', updated: 3, examined: 2, doses: 1 });
    const west = await t.ok('reports.dashboard', { ...Q1, village: 'Thôn Tây' });
    expect(west.byVillage).toEqual([{ village: 'Thôn Tây', active: 6, withRecord: 4 }]);
    // Thôn Tây's months: Khoa's exam signed in February; in March, Lan's dose (given 5 March, recorded today).
    expect(west.trends).toEqual([
      { month: '2026-01', updated: 0, examined: 0, doses: 0 },
      { month: '2026-02', updated: 1, examined: 1, doses: 0 },
      { month: '2026-03', updated: 1, examined: 0, doses: 1 },
    ]);
  });
});

describe('the figures kept between opens', () => {
  it('are kept while only the audit trail was written (a work list shown), and dropped by a change', async () => {
    const first = dashboard(t.core.ctx, Q1);
    // Showing a list audits it: a write, but not of anything the dashboard counts.
    await t.ok('reports.worklist', { ...Q1, kind: 'not-examined' });
    expect(dashboard(t.core.ctx, Q1)).toBe(first);
    // Lan's part B is saved: a change, so the figures are worked out again.
    await t.ok('record.saveHistory', { personId: p.lan, version: 0, history: { surgery: 'Mổ sỏi mật' } });
    expect(dashboard(t.core.ctx, Q1)).not.toBe(first);
  });
});

describe('a resident changed in a past period and again since', () => {
  it('still counts in the past period, and in the one reaching today', async () => {
    const jan = { from: '2026-01-01', to: '2026-01-31' };
    const spring = { from: '2026-02-01', to: '2026-03-31' };
    const springBefore = (await t.ok('reports.dashboard', spring)).updated;
    // Em (doses recorded in January) gets a part B today: her latest change moves past January.
    await t.ok('record.saveHistory', { personId: p.em, version: 0, history: { surgery: 'Mổ ruột thừa' } });
    expect((await t.ok('reports.dashboard', jan)).updated).toBe(2);
    const janList = await t.ok('reports.worklist', { ...jan, kind: 'updated' });
    expect(janList.rows.map((r) => r.personId)).toContain(p.em);
    expect((await t.ok('reports.dashboard', spring)).updated).toBe(springBefore + 1);
    // Bình (examined in March) moves away: no longer counted among the commune's updated records.
    await t.ok('persons.setStatus', { id: p.binh, status: 'moved', date: '2026-03-10' });
    expect((await t.ok('reports.dashboard', spring)).updated).toBe(springBefore);
    const springList = await t.ok('reports.worklist', { ...spring, kind: 'updated' });
    expect(springList.rows.map((r) => r.personId)).not.toContain(p.binh);
    expect(springList.total).toBe(springBefore);
  });
});
