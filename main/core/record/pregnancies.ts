/**
 * Pregnancy management and family planning (issue 14, points 2–3): the services that validate,
 * hold the transaction, write through `repo/pregnancies.ts` (which marks the outbox) and audit.
 * The arithmetic and the limits are the pure rules of `rules/pregnancy.ts`; weight and pressure
 * are judged by the same plausibility rules as an exam (`#contract/clinical/vitals.ts`).
 */
import { randomUUID } from 'node:crypto';
import { assessVitals } from '#contract/clinical/vitals.ts';
import { isoToVn as vnDate } from '#contract/dates.ts';
import type {
  AntenatalInput,
  EpisodeInput,
  FpInput,
  MaternalRecord,
  OutcomeInput,
} from '#contract/ops/pregnancy.ts';
import type { Finding } from '#contract/ops/record.ts';
import type { z } from 'zod';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { ageOn, todayIn } from '../registry/age.ts';
import { findPersonRow } from '../registry/persons.ts';
import { stationCatalogue } from './catalogue.ts';
import { requireConfirmed } from './confirmations.ts';
import { refreshDue } from './immunization-due.ts';
import { recordDoses } from './immunizations.ts';
import { loadMaternal } from './maternal-record.ts';
import { listDoses } from './person-schedule.ts';
import {
  insertAntenatalVisit,
  insertPregnancy,
  restateGestation,
  saveFpMethod,
  updatePregnancy,
} from './repo/pregnancies.ts';
import {
  eddFromLmp,
  fundalHeightOff,
  gestationalAge,
  pregnancyIssues,
  pregnancyMonth,
} from './rules/pregnancy.ts';
import type { Selectable } from 'kysely';

type Episode = z.output<typeof EpisodeInput>;
type Antenatal = z.output<typeof AntenatalInput>;
type Outcome = z.output<typeof OutcomeInput>;
type Method = z.output<typeof FpInput>;
type PregnancyRow = Selectable<Database['pregnancies']>;

function invalid(issues: { path: string; message: string }[]): never {
  throw new AppError('INVALID_INPUT', { message: issues[0].message, details: { issues } });
}

function personOf(ctx: CoreContext, personId: string) {
  const person = findPersonRow(ctx, personId);
  if (!person) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy người này.' });
  return person;
}

function pregnancyOf(ctx: CoreContext, id: string): PregnancyRow {
  const row = ctx.store.prepare('SELECT * FROM pregnancies WHERE id = ?').get(id) as PregnancyRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy thai kỳ này.' });
  return row;
}

/** The episode's impossible values, as input issues under `episode.*` (sex and age under personId). */
function checkEpisode(
  ctx: CoreContext,
  person: { sex: 'M' | 'F'; birth_date: string },
  e: Episode,
  open: boolean,
): string {
  const today = todayIn(ctx.clock);
  const edd = e.edd ?? eddFromLmp(e.lmp) ?? e.lmp;
  const issues = pregnancyIssues(
    {
      sex: person.sex,
      ageYears: ageOn(person.birth_date, e.lmp <= today ? e.lmp : today),
      lmp: e.lmp,
      edd,
      gravida: e.gravida,
      para: e.para,
      open,
    },
    today,
  );
  if (issues.length)
    invalid(
      issues.map((i) => ({
        path: i.field === 'sex' ? 'personId' : `episode.${i.field}`,
        message: i.message,
      })),
    );
  return edd;
}

/** Spelled out so the audit-labels test sees every action this file writes. */
type PregnancyAction =
  'pregnancy.open' | 'pregnancy.update' | 'pregnancy.visit' | 'pregnancy.close' | 'family-planning.save';

function audit(
  ctx: CoreContext,
  actor: Actor,
  action: PregnancyAction,
  personId: string,
  details: object,
  now: string,
) {
  appendAudit(
    ctx.store,
    actor,
    { action, entity: 'person', entityId: personId, details: { ...details } },
    now,
  );
}

export function openPregnancy(ctx: CoreContext, actor: Actor, personId: string, e: Episode): MaternalRecord {
  const person = personOf(ctx, personId);
  const edd = checkEpisode(ctx, person, e, true);
  return ctx.store.tx(() => {
    const open = ctx.store
      .prepare('SELECT lmp FROM pregnancies WHERE person_id = ? AND outcome IS NULL')
      .pluck()
      .get(personId) as string | undefined;
    if (open)
      throw new AppError('CONFLICT', {
        message: `Đang theo dõi một thai kỳ (kỳ kinh cuối ${vnDate(open)}): ghi kết quả thai kỳ đó trước khi mở thai kỳ mới.`,
      });
    const now = isoNow(ctx.clock);
    const id = randomUUID();
    insertPregnancy(ctx.store, {
      id,
      person_id: personId,
      lmp: e.lmp,
      edd,
      gravida: e.gravida,
      para: e.para,
      created_at: now,
      created_by: actor.userId,
      updated_at: now,
    });
    // Her tetanus dose (UV) is due now that she is known to be pregnant.
    refreshDue(ctx, personId);
    audit(ctx, actor, 'pregnancy.open', personId, { pregnancyId: id, lmp: e.lmp, edd }, now);
    return loadMaternal(ctx, personId);
  });
}

export function updateEpisode(ctx: CoreContext, actor: Actor, id: string, e: Episode): MaternalRecord {
  const p = pregnancyOf(ctx, id);
  const person = personOf(ctx, p.person_id);
  const edd = checkEpisode(ctx, person, e, p.outcome === null);
  const first = ctx.store
    .prepare('SELECT min(visit_on) FROM antenatal_visits WHERE pregnancy_id = ?')
    .pluck()
    .get(id) as string | null;
  if (first && first < e.lmp)
    invalid([
      {
        path: 'episode.lmp',
        message: `Ngày đầu kỳ kinh cuối ${vnDate(e.lmp)} ở sau lần khám thai ngày ${vnDate(first)}.`,
      },
    ]);
  if (p.ended_on && p.ended_on < e.lmp)
    invalid([
      {
        path: 'episode.lmp',
        message: `Ngày đầu kỳ kinh cuối ở sau ngày kết thúc thai kỳ ${vnDate(p.ended_on)}.`,
      },
    ]);
  return ctx.store.tx(() => {
    const now = isoNow(ctx.clock);
    updatePregnancy(ctx.store, id, p.person_id, {
      lmp: e.lmp,
      edd,
      gravida: e.gravida,
      para: e.para,
      updated_at: now,
    });
    // The gestational age kept on each visit follows a corrected LMP.
    if (e.lmp !== p.lmp) restateGestation(ctx.store, id, e.lmp);
    refreshDue(ctx, p.person_id);
    audit(
      ctx,
      actor,
      'pregnancy.update',
      p.person_id,
      { pregnancyId: id, before: { lmp: p.lmp, edd: p.edd }, after: { lmp: e.lmp, edd } },
      now,
    );
    return loadMaternal(ctx, p.person_id);
  });
}

/** The vitals and the fundal height that need a second look, as findings under `visit.*`. */
function visitFindings(v: Antenatal, ageYears: number, gestDays: number): Finding[] {
  const out: Finding[] = assessVitals(
    { weightKg: v.weightKg, systolic: v.systolic, diastolic: v.diastolic },
    ageYears,
  ).map((f) => ({ key: f.key, field: `visit.${f.field}`, level: f.level, message: f.message }));
  if (v.fundalHeightCm !== null && fundalHeightOff(v.fundalHeightCm, gestDays)) {
    const w = Math.floor(gestDays / 7);
    out.push({
      key: `fundalHeightCm:off:${v.fundalHeightCm}/${w}`,
      field: 'visit.fundalHeightCm',
      level: 'confirm',
      message: `Bề cao tử cung ${v.fundalHeightCm} cm ở tuổi thai ${w} tuần khác xa thường gặp (khoảng ${w - 4}–${w + 4} cm).`,
    });
  }
  return out;
}

/** Her next tetanus-in-pregnancy dose (UV1…UV5): the first of the catalogue's group 3 not yet given. */
function nextTetanusCode(ctx: CoreContext, personId: string): string | null {
  const given = new Set(listDoses(ctx, personId).map((d) => d.vaccineCode));
  const uv = stationCatalogue(ctx)
    .doses.filter((d) => d.group === 3)
    .map((d) => d.code)
    .sort();
  return uv.find((c) => !given.has(c)) ?? null;
}

export function recordAntenatalVisit(
  ctx: CoreContext,
  actor: Actor,
  pregnancyId: string,
  v: Antenatal,
  confirmed: readonly string[],
): MaternalRecord {
  const p = pregnancyOf(ctx, pregnancyId);
  const person = personOf(ctx, p.person_id);
  const today = todayIn(ctx.clock);
  if (p.outcome !== null)
    throw new AppError('CONFLICT', { message: 'Thai kỳ này đã kết thúc: không ghi thêm lần khám thai.' });
  const issues: { path: string; message: string }[] = [];
  if (v.visitOn > today)
    issues.push({
      path: 'visit.visitOn',
      message: `Ngày khám thai ${vnDate(v.visitOn)} ở sau ngày hôm nay.`,
    });
  if (v.visitOn < p.lmp)
    issues.push({
      path: 'visit.visitOn',
      message: `Ngày khám thai ${vnDate(v.visitOn)} ở trước ngày đầu kỳ kinh cuối ${vnDate(p.lmp)}.`,
    });
  if (v.nextVisitOn && v.nextVisitOn <= v.visitOn)
    issues.push({
      path: 'visit.nextVisitOn',
      message: `Ngày hẹn khám lại ${vnDate(v.nextVisitOn)} phải sau ngày khám ${vnDate(v.visitOn)}.`,
    });
  const same = ctx.store
    .prepare('SELECT 1 FROM antenatal_visits WHERE pregnancy_id = ? AND visit_on = ?')
    .get(pregnancyId, v.visitOn);
  if (same)
    issues.push({
      path: 'visit.visitOn',
      message: `Đã có lần khám thai ngày ${vnDate(v.visitOn)} trong thai kỳ này.`,
    });
  if (issues.length) invalid(issues);
  const ga = gestationalAge(p.lmp, v.visitOn);
  const gestDays = ga?.totalDays ?? 0;
  const findings = visitFindings(v, ageOn(person.birth_date, v.visitOn), gestDays);
  requireConfirmed(findings, confirmed, (f) => f.field);
  return ctx.store.tx(() => {
    const now = isoNow(ctx.clock);
    let tetanusDoseId: string | null = null;
    if (v.tetanus) {
      const code = nextTetanusCode(ctx, p.person_id);
      if (!code)
        invalid([
          { path: 'visit.tetanus', message: 'Đã tiêm đủ 5 mũi uốn ván (UV1–UV5): không cần tiêm thêm.' },
        ]);
      // Recorded in part C through its own service: its schedule checks, outbox and audit apply.
      const doses = recordDoses(
        ctx,
        actor,
        p.person_id,
        [
          {
            vaccineCode: code,
            givenOn: v.visitOn,
            place: '',
            reaction: '',
            nextOn: null,
            pregnancyMonth: pregnancyMonth(p.lmp, v.visitOn) ?? null,
            batch: '',
          },
        ],
        confirmed,
      );
      tetanusDoseId = doses.find((d) => d.vaccineCode === code && d.givenOn === v.visitOn)?.id ?? null;
    }
    const id = randomUUID();
    insertAntenatalVisit(ctx.store, {
      id,
      pregnancy_id: pregnancyId,
      person_id: p.person_id,
      visit_on: v.visitOn,
      gest_days: gestDays,
      weight_kg: v.weightKg,
      systolic: v.systolic,
      diastolic: v.diastolic,
      fundal_height_cm: v.fundalHeightCm,
      risk_signs: JSON.stringify(v.riskSigns),
      risk_note: v.riskNote,
      iron_folic: v.ironFolic ? 1 : 0,
      tetanus_dose_id: tetanusDoseId,
      next_visit_on: v.nextVisitOn,
      note: v.note,
      recorded_at: now,
      recorded_by: actor.userId,
    });
    const accepted = findings.map((f) => f.key);
    audit(
      ctx,
      actor,
      'pregnancy.visit',
      p.person_id,
      { pregnancyId, visitId: id, visitOn: v.visitOn, ...(accepted.length ? { confirmed: accepted } : {}) },
      now,
    );
    return loadMaternal(ctx, p.person_id);
  });
}

export function closePregnancy(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  o: Outcome,
  confirmed: readonly string[],
): MaternalRecord {
  const p = pregnancyOf(ctx, id);
  const today = todayIn(ctx.clock);
  const birth = o.outcome === 'live-birth' || o.outcome === 'stillbirth';
  const issues: { path: string; message: string }[] = [];
  if (o.endedOn > today)
    issues.push({
      path: 'outcome.endedOn',
      message: `Ngày kết thúc thai kỳ ${vnDate(o.endedOn)} ở sau ngày hôm nay.`,
    });
  if (o.endedOn < p.lmp)
    issues.push({
      path: 'outcome.endedOn',
      message: `Ngày kết thúc thai kỳ ${vnDate(o.endedOn)} ở trước ngày đầu kỳ kinh cuối ${vnDate(p.lmp)}.`,
    });
  const lastVisit = ctx.store
    .prepare('SELECT max(visit_on) FROM antenatal_visits WHERE pregnancy_id = ?')
    .pluck()
    .get(id) as string | null;
  if (lastVisit && o.endedOn < lastVisit)
    issues.push({
      path: 'outcome.endedOn',
      message: `Ngày kết thúc thai kỳ ${vnDate(o.endedOn)} ở trước lần khám thai ngày ${vnDate(lastVisit)}.`,
    });
  if (birth && !o.place) issues.push({ path: 'outcome.place', message: 'Nơi đẻ: chọn nơi đẻ.' });
  if (birth && !o.mode)
    issues.push({ path: 'outcome.mode', message: 'Cách đẻ: chọn đẻ thường, thủ thuật hay mổ.' });
  if (!birth && o.babyWeightG !== null)
    issues.push({ path: 'outcome.babyWeightG', message: 'Cân nặng của con chỉ ghi khi đẻ.' });
  if (issues.length) invalid(issues);
  const findings: Finding[] = [];
  const days = gestationalAge(p.lmp, o.endedOn)?.totalDays ?? 0;
  if (birth && days < 22 * 7)
    findings.push({
      key: `endedOn:birth-before-22w:${o.endedOn}`,
      field: 'outcome.endedOn',
      level: 'confirm',
      message: `Đẻ ở tuổi thai ${Math.floor(days / 7)} tuần (dưới 22 tuần thường ghi là sảy thai).`,
    });
  if (o.babyWeightG !== null && (o.babyWeightG < 1000 || o.babyWeightG > 5000))
    findings.push({
      key: `babyWeightG:out-of-range:${o.babyWeightG}`,
      field: 'outcome.babyWeightG',
      level: 'confirm',
      message: `Cân nặng của con ${o.babyWeightG} g nằm ngoài khoảng thường gặp (1000–5000 g).`,
    });
  requireConfirmed(findings, confirmed, (f) => f.field);
  return ctx.store.tx(() => {
    const now = isoNow(ctx.clock);
    updatePregnancy(ctx.store, id, p.person_id, {
      outcome: o.outcome,
      ended_on: o.endedOn,
      delivery_place: o.place,
      delivery_mode: o.mode,
      baby_weight_g: o.babyWeightG,
      outcome_note: o.note,
      updated_at: now,
    });
    refreshDue(ctx, p.person_id);
    audit(
      ctx,
      actor,
      'pregnancy.close',
      p.person_id,
      { pregnancyId: id, outcome: o.outcome, endedOn: o.endedOn },
      now,
    );
    return loadMaternal(ctx, p.person_id);
  });
}

/** Methods a man may use (A5.1 counts them too). */
const MALE_METHODS = new Set(['condom', 'sterilisation', 'other']);

export function saveFamilyPlanning(
  ctx: CoreContext,
  actor: Actor,
  personId: string,
  id: string | null,
  m: Method,
): MaternalRecord {
  const person = personOf(ctx, personId);
  const today = todayIn(ctx.clock);
  const issues: { path: string; message: string }[] = [];
  if (ageOn(person.birth_date, today) < 10)
    issues.push({ path: 'personId', message: 'Người này chưa đủ 10 tuổi: không ghi biện pháp tránh thai.' });
  if (person.sex === 'M' && !MALE_METHODS.has(m.method))
    issues.push({
      path: 'method.method',
      message: 'Biện pháp tránh thai: với nam chỉ chọn bao cao su, triệt sản hoặc biện pháp khác.',
    });
  if (m.method === 'other' && !m.methodText)
    issues.push({ path: 'method.methodText', message: 'Ghi rõ biện pháp khác.' });
  if (m.startedOn && m.startedOn > today)
    issues.push({
      path: 'method.startedOn',
      message: `Ngày bắt đầu ${vnDate(m.startedOn)} ở sau ngày hôm nay.`,
    });
  if (m.startedOn && m.followUpOn && m.followUpOn <= m.startedOn)
    issues.push({
      path: 'method.followUpOn',
      message: `Ngày hẹn theo dõi ${vnDate(m.followUpOn)} phải sau ngày bắt đầu.`,
    });
  if (m.endedOn && m.endedOn > today)
    issues.push({ path: 'method.endedOn', message: `Ngày ngừng ${vnDate(m.endedOn)} ở sau ngày hôm nay.` });
  if (m.endedOn && m.startedOn && m.endedOn < m.startedOn)
    issues.push({ path: 'method.endedOn', message: `Ngày ngừng ${vnDate(m.endedOn)} ở trước ngày bắt đầu.` });
  if (issues.length) invalid(issues);
  return ctx.store.tx(() => {
    const now = isoNow(ctx.clock);
    let createdAt = now;
    if (id) {
      const existing = ctx.store
        .prepare('SELECT created_at FROM family_planning WHERE id = ? AND person_id = ?')
        .pluck()
        .get(id, personId) as string | undefined;
      if (!existing) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy biện pháp tránh thai này.' });
      createdAt = existing;
    }
    const rowId = id ?? randomUUID();
    saveFpMethod(ctx.store, {
      id: rowId,
      person_id: personId,
      method: m.method,
      method_text: m.methodText,
      started_on: m.startedOn,
      follow_up_on: m.followUpOn,
      ended_on: m.endedOn,
      created_at: createdAt,
      updated_at: now,
      updated_by: actor.userId,
    });
    audit(ctx, actor, 'family-planning.save', personId, { id: rowId, method: m.method, new: !id }, now);
    return loadMaternal(ctx, personId);
  });
}
