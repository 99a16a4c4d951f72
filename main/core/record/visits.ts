import { randomUUID } from 'node:crypto';
import { assessVitals } from '#contract/clinical/vitals.ts';
import { referralText, treatmentFindings, treatmentText } from '#contract/ops/visit-treatment.ts';
import { labsToSave } from '#contract/clinical/labs.ts';
import { isoToVn as vnDate } from '#contract/dates.ts';
import {
  VisitInput,
  type Finding,
  type VisitFields,
  type VisitRecord,
  type VisitSummary,
} from '#contract/ops/record.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { ageOn, todayIn } from '../registry/age.ts';
import { findPersonRow } from '../registry/persons.ts';
import { refreshLastVisitOn } from '../registry/repo/persons.ts';
import type { VisitRow } from '../db/schema.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { retireVisitReadings } from '../devices/repo/measurements.ts';
import { requireConfirmed } from './confirmations.ts';
import { deriveVisit } from './derived.ts';
import { personNcd, syncRegisters } from './ncd.ts';
import * as visitsRepo from './repo/visits.ts';
import { addSpan } from './rules/dates.ts';
import { diagnosisWarnings } from './rules/icd10.ts';
import { unknownIcdCodes } from './rules/icd10-known.ts';
import { NCD_REGISTER_LABELS, icd10Register } from './rules/ncd.ts';

function fieldsOf(ctx: CoreContext, r: VisitRow): VisitFields {
  const doc = JSON.parse(r.data) as visitsRepo.VisitDocument;
  const diagnoses = ctx.store
    .prepare(
      'SELECT icd_code AS code, name, is_main, note FROM visit_diagnoses WHERE visit_id = ? ORDER BY seq',
    )
    .all(r.id) as { code: string; name: string; is_main: number; note: string }[];
  const labs = ctx.store
    .prepare('SELECT lab_group AS grp, name, result FROM visit_labs WHERE visit_id = ? ORDER BY seq')
    .all(r.id) as { grp: 'lab' | 'imaging'; name: string; result: string }[];
  const medicines = ctx.store
    .prepare('SELECT name, dose, days FROM visit_medicines WHERE visit_id = ? ORDER BY seq')
    .all(r.id) as { name: string; dose: string; days: number | null }[];
  return {
    visitOn: r.visit_on,
    reason: r.reason,
    history: doc.history,
    vitals: {
      pulse: r.pulse,
      temperatureC: r.temperature_c,
      systolic: r.systolic,
      diastolic: r.diastolic,
      respiratoryRate: r.respiratory_rate,
      weightKg: r.weight_kg,
      heightCm: r.height_cm,
      waistCm: r.waist_cm,
      headCircumferenceCm: doc.headCircumferenceCm ?? null,
      muacMm: doc.muacMm ?? null,
      position: doc.position ?? '',
    },
    vitalSources: doc.vitalSources ?? {},
    vision: doc.vision,
    exam: doc.exam ?? {},
    labs: labs.map((l) => ({ group: l.grp, name: l.name, result: l.result })),
    diagnoses: diagnoses.map((d) => ({ code: d.code, name: d.name, main: d.is_main === 1, note: d.note })),
    conclusion: doc.conclusion,
    counselling: doc.counselling,
    followUpOn: r.follow_up_on,
    treatment: { method: r.treatment_method as VisitFields['treatment']['method'], note: r.treatment_note },
    medicines,
    referral: { to: r.referral_to, reason: r.referral_reason },
  };
}

function findRow(ctx: CoreContext, id: string): VisitRow {
  const r = ctx.store.prepare('SELECT * FROM visits WHERE id = ?').get(id) as VisitRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy lượt khám.' });
  return r;
}

function personOf(ctx: CoreContext, personId: string): { birthDate: string; sex: 'M' | 'F' } {
  const p = findPersonRow(ctx, personId);
  if (!p) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy người này.' });
  return { birthDate: p.birth_date, sex: p.sex };
}

export function loadVisit(ctx: CoreContext, id: string): VisitRecord {
  const r = findRow(ctx, id);
  const fields = fieldsOf(ctx, r);
  return {
    ...fields,
    id: r.id,
    personId: r.person_id,
    status: r.status,
    version: r.version,
    examiner: { id: r.examiner_id, name: r.examiner_name },
    signedAt: r.signed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    derived: deriveVisit(ctx, personOf(ctx, r.person_id), fields),
    campaignId: r.campaign_id,
    examPlace: r.exam_place,
  };
}

/** What vitals typed on the exam screen mean for this visit's person on its day (nothing is saved). */
export function deriveTyped(
  ctx: CoreContext,
  id: string,
  vitals: VisitFields['vitals'],
): VisitRecord['derived'] {
  const r = findRow(ctx, id);
  return deriveVisit(ctx, personOf(ctx, r.person_id), { ...fieldsOf(ctx, r), vitals });
}

/**
 * One main diagnosis: the first, unless the user marked another (as the 831 XML and reports
 * expect); no empty test rows.
 */
export function normalizeVisit(v: VisitFields): VisitFields {
  const mainAt = Math.max(
    0,
    v.diagnoses.findIndex((d) => d.main),
  );
  return {
    ...v,
    diagnoses: v.diagnoses.map((d, i) => ({ ...d, main: i === mainAt })),
    // The form's preset D.3 rows left empty are the form's, not tests done (clinical/labs.ts).
    labs: labsToSave(v.labs),
  };
}

function checkDates(ctx: CoreContext, personBirth: string, v: VisitFields): void {
  const today = todayIn(ctx.clock);
  const issues: { path: string; message: string }[] = [];
  if (v.visitOn > today)
    issues.push({ path: 'visit.visitOn', message: `Ngày khám ${vnDate(v.visitOn)} ở sau ngày hôm nay.` });
  if (personBirth.length === 10 && v.visitOn < personBirth)
    issues.push({
      path: 'visit.visitOn',
      message: `Ngày khám ${vnDate(v.visitOn)} ở trước ngày sinh ${vnDate(personBirth)}.`,
    });
  if (v.followUpOn && v.followUpOn <= v.visitOn)
    issues.push({
      path: 'visit.followUpOn',
      message: `Hẹn tái khám ${vnDate(v.followUpOn)} phải sau ngày khám ${vnDate(v.visitOn)}.`,
    });
  if (issues.length) throw new AppError('INVALID_INPUT', { message: issues[0].message, details: { issues } });
}

/**
 * Opens today's draft for the person, or starts one. A known hypertensive or diabetic patient's
 * follow-up starts prefilled: the reason, the register diagnoses and the advice of the last signed
 * visit, its treatment and medicines, and the next appointment — so the nurse only confirms the
 * readings and saves.
 */
export function startVisit(
  ctx: CoreContext,
  actor: Actor & { fullName: string },
  personId: string,
): VisitRecord {
  personOf(ctx, personId);
  const today = todayIn(ctx.clock);
  const open = ctx.store
    .prepare(
      `SELECT id FROM visits WHERE person_id = ? AND status = 'draft' ORDER BY created_at DESC LIMIT 1`,
    )
    .get(personId) as { id: string } | undefined;
  if (open) return loadVisit(ctx, open.id);

  const registers = personNcd(ctx, personId);
  const last = ctx.store
    .prepare(
      `SELECT id FROM visits WHERE person_id = ? AND status = 'signed' ORDER BY visit_on DESC, signed_at DESC LIMIT 1`,
    )
    .get(personId) as { id: string } | undefined;
  const lastFields = last ? fieldsOf(ctx, findRow(ctx, last.id)) : null;
  const fields = VisitInput.parse({ visitOn: today });
  if (registers.length > 0) {
    fields.reason = `Khám theo dõi ${registers.map((r) => NCD_REGISTER_LABELS[r.register].replace('Quản lý ', '')).join(', ')}`;
    fields.diagnoses = (lastFields?.diagnoses ?? []).filter((d) => icd10Register(d.code));
    fields.counselling = lastFields?.counselling ?? '';
    // The same treatment goes on unless the nurse changes it: the method and the medicines (a
    // referral was for that day only).
    if (lastFields) {
      fields.treatment = lastFields.treatment;
      fields.medicines = lastFields.medicines;
    }
    fields.followUpOn = addSpan(today, { months: 1 }) ?? null;
  }
  const id = randomUUID();
  ctx.store.tx(() => {
    const now = isoNow(ctx.clock);
    visitsRepo.insertDraft(
      ctx.store,
      { id, personId, examinerId: actor.userId, examinerName: actor.fullName },
      normalizeVisit(fields),
      { now, userId: actor.userId },
    );
    appendAudit(
      ctx.store,
      actor,
      { action: 'visit.start', entity: 'person', entityId: personId, details: { visitId: id } },
      now,
    );
  });
  return loadVisit(ctx, id);
}

function guardVersion(r: VisitRow, expected: number): void {
  if (r.version !== expected)
    throw new AppError('VERSION_CONFLICT', { details: { currentVersion: r.version } });
}

export function saveDraft(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: VisitFields,
): VisitRecord {
  const v = normalizeVisit(input);
  ctx.store.tx(() => {
    const r = findRow(ctx, id);
    if (r.status !== 'draft')
      throw new AppError('CONFLICT', { message: 'Lượt khám đã ký; muốn sửa hãy dùng “Sửa sau khi ký”.' });
    guardVersion(r, expectedVersion);
    checkDates(ctx, personOf(ctx, r.person_id).birthDate, v);
    const now = isoNow(ctx.clock);
    visitsRepo.saveDraft(ctx.store, id, v, { now, userId: actor.userId });
    appendAudit(
      ctx.store,
      actor,
      { action: 'visit.draft', entity: 'person', entityId: r.person_id, details: { visitId: id } },
      now,
    );
  });
  return loadVisit(ctx, id);
}

function hasContent(v: VisitFields): boolean {
  const vitals = Object.entries(v.vitals).some(([k, x]) => k !== 'position' && x !== null);
  return (
    vitals ||
    v.diagnoses.length > 0 ||
    // A screening campaign may measure vision only.
    Object.values(v.vision).some((x) => x !== '' && x !== false) ||
    v.conclusion !== '' ||
    v.history !== '' ||
    Object.values(v.exam).some(Boolean) ||
    v.labs.length > 0 ||
    v.treatment.method !== '' ||
    v.medicines.length > 0
  );
}

/** Writes a signed state: derived columns, a version snapshot, the person's last visit and registers. */
function commitSigned(
  ctx: CoreContext,
  actor: Actor,
  r: VisitRow,
  v: VisitFields,
  reason: string,
  now: string,
): number {
  const person = personOf(ctx, r.person_id);
  const derived = deriveVisit(ctx, person, v);
  const version = r.version + 1;
  visitsRepo.writeSigned(
    ctx.store,
    { id: r.id, personId: r.person_id, version },
    v,
    { bmi: derived.bmi, bpCategory: derived.bp?.category ?? null },
    reason,
    { now, userId: actor.userId },
  );
  refreshLastVisitOn(ctx.store, r.person_id);
  syncRegisters(ctx, r.person_id, v.visitOn);
  return version;
}

/**
 * What must be corrected or confirmed before the visit is signed: impossible or rare vitals (for
 * the person's age at the visit), diagnoses that cannot apply to the person's sex or age. Returns the keys of the findings the user confirmed, for the audit.
 */
function checkFindings(
  ctx: CoreContext,
  personId: string,
  v: VisitFields,
  confirmed: readonly string[],
): string[] {
  const person = personOf(ctx, personId);
  const age = ageOn(person.birthDate, v.visitOn);
  const findings: Finding[] = [
    ...assessVitals(v.vitals, age).map((f) => ({
      key: f.key,
      field: `vitals.${f.field}`,
      level: f.level,
      message: f.message,
    })),
    // A diagnosis that cannot apply to this person (a pregnancy code for a man): confirmed by name.
    ...diagnosisWarnings(v.diagnoses, person.sex, age).map((w) => ({
      key: `diagnoses.${w.code}:${person.sex}:${age}`,
      field: 'diagnoses',
      level: 'confirm' as const,
      message: w.message,
    })),
    ...treatmentFindings(v),
    // A code not in the Ministry's list is refused (issue 14): the province would refuse it too.
    ...unknownIcdCodes(v.diagnoses, ctx.clinical.icd10).map((u) => ({
      key: `diagnoses.${u.index}.code:unknown:${u.code}`,
      field: `diagnoses.${u.index}.code`,
      level: 'block' as const,
      message: u.message,
    })),
  ];
  requireConfirmed(findings, confirmed, (f) => `visit.${f.field}`);
  return findings.map((f) => f.key);
}

export function signVisit(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: VisitFields,
  confirmed: readonly string[] = [],
): VisitRecord {
  const v = normalizeVisit(input);
  ctx.store.tx(() => {
    const r = findRow(ctx, id);
    if (r.status !== 'draft') throw new AppError('CONFLICT', { message: 'Lượt khám này đã được ký.' });
    guardVersion(r, expectedVersion);
    checkDates(ctx, personOf(ctx, r.person_id).birthDate, v);
    if (!hasContent(v))
      throw new AppError('INVALID_INPUT', { message: 'Lượt khám chưa có chỉ số, khám hay chẩn đoán nào.' });
    const accepted = checkFindings(ctx, r.person_id, v, confirmed);
    const now = isoNow(ctx.clock);
    commitSigned(ctx, actor, r, v, '', now);
    appendAudit(
      ctx.store,
      actor,
      {
        action: 'visit.sign',
        entity: 'person',
        entityId: r.person_id,
        details: accepted.length ? { visitId: id, confirmed: accepted } : { visitId: id },
      },
      now,
    );
  });
  return loadVisit(ctx, id);
}

/** A correction after signing: a new version with its reason; the old one stays in visit_versions. */
export function amendVisit(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: VisitFields,
  reason: string,
  confirmed: readonly string[] = [],
): VisitRecord {
  const v = normalizeVisit(input);
  ctx.store.tx(() => {
    const r = findRow(ctx, id);
    if (r.status !== 'signed')
      throw new AppError('CONFLICT', { message: 'Lượt khám chưa ký: hãy lưu bản nháp.' });
    guardVersion(r, expectedVersion);
    checkDates(ctx, personOf(ctx, r.person_id).birthDate, v);
    const accepted = checkFindings(ctx, r.person_id, v, confirmed);
    const before = fieldsOf(ctx, r);
    const changed = (Object.keys(v) as (keyof VisitFields)[]).filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(v[k]),
    );
    const now = isoNow(ctx.clock);
    commitSigned(ctx, actor, r, v, reason, now);
    appendAudit(
      ctx.store,
      actor,
      {
        action: 'visit.amend',
        entity: 'person',
        entityId: r.person_id,
        details: {
          visitId: id,
          reason,
          fields: changed,
          ...(accepted.length ? { confirmed: accepted } : {}),
        },
      },
      now,
    );
  });
  return loadVisit(ctx, id);
}

export function discardDraft(ctx: CoreContext, actor: Actor, id: string): void {
  ctx.store.tx(() => {
    const r = findRow(ctx, id);
    if (r.status !== 'draft')
      throw new AppError('CONFLICT', { message: 'Không thể bỏ một lượt khám đã ký.' });
    retireVisitReadings(ctx.store, id);
    visitsRepo.deleteDraft(ctx.store, id);
    appendAudit(
      ctx.store,
      actor,
      { action: 'visit.discard', entity: 'person', entityId: r.person_id, details: { visitId: id } },
      isoNow(ctx.clock),
    );
  });
}

export function visitVersions(
  ctx: CoreContext,
  id: string,
): { version: number; changedAt: string; changedBy: string | null; reason: string }[] {
  findRow(ctx, id);
  return ctx.store
    .prepare(
      'SELECT version, changed_at AS changedAt, changed_by AS changedBy, reason FROM visit_versions WHERE visit_id = ? ORDER BY version',
    )
    .all(id) as { version: number; changedAt: string; changedBy: string | null; reason: string }[];
}

/** The visit timeline of a person, newest first, light enough for a 10-year NCD patient. */
export function visitSummaries(ctx: CoreContext, personId: string): VisitSummary[] {
  const rows = ctx.store
    .prepare(
      `SELECT v.id, v.visit_on, v.status, v.reason, v.systolic, v.diastolic, v.pulse, v.weight_kg, v.height_cm, v.bp_category, v.examiner_name, v.exam_place,
              (SELECT json_group_array(json_object('code', d.code, 'name', d.name)) FROM
                 (SELECT icd_code AS code, name FROM visit_diagnoses WHERE visit_id = v.id ORDER BY seq) d) AS dx,
              v.treatment_method, v.treatment_note, v.referral_to, v.referral_reason,
              (SELECT json_group_array(json_object('name', m.name, 'dose', m.dose, 'days', m.days)) FROM visit_medicines m WHERE m.visit_id = v.id) AS meds
       FROM visits v WHERE v.person_id = ? ORDER BY v.visit_on DESC, v.created_at DESC`,
    )
    .all(personId) as {
    id: string;
    visit_on: string;
    status: 'draft' | 'signed';
    reason: string;
    systolic: number | null;
    diastolic: number | null;
    pulse: number | null;
    weight_kg: number | null;
    height_cm: number | null;
    bp_category: string | null;
    examiner_name: string;
    exam_place: string;
    dx: string;
    treatment_method: string;
    treatment_note: string;
    referral_to: string;
    referral_reason: string;
    meds: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    visitOn: r.visit_on,
    status: r.status,
    reason: r.reason,
    systolic: r.systolic,
    diastolic: r.diastolic,
    pulse: r.pulse,
    weightKg: r.weight_kg,
    heightCm: r.height_cm,
    bpCategory: r.bp_category,
    diagnoses: JSON.parse(r.dx) as { code: string; name: string }[],
    examinerName: r.examiner_name,
    treatment: treatmentText(
      { method: r.treatment_method, note: r.treatment_note },
      JSON.parse(r.meds) as { name: string; dose: string; days: number | null }[],
    ),
    referral: referralText({ to: r.referral_to, reason: r.referral_reason }),
    examPlace: r.exam_place,
  }));
}
