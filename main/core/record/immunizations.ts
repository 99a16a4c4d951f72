import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { isoToVn as vnDate } from '#contract/dates.ts';
import type { DoseInput, DoseRecord, Finding, ScheduleItem } from '#contract/ops/record.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { todayIn } from '../registry/age.ts';
import { findPersonRow } from '../registry/persons.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { vaccineByCode } from './catalogue.ts';
import { requireConfirmed } from './confirmations.ts';
import { refreshDue } from './immunization-due.ts';
import { listDoses, scheduleOf } from './person-schedule.ts';
import { deleteDose, insertDoses, updateDose } from './repo/immunizations.ts';
import { nextAppointment, type DoseIssue } from './rules/schedule.ts';

type Dose = z.output<typeof DoseInput>;

/**
 * Each child's due and overdue doses from the station's catalogue. Children (under 15) get the
 * programme schedule; a woman's tetanus-in-pregnancy series appears once a dose of it is recorded
 * or the record shows her pregnant; doses outside the programme are listed as given only.
 */
export function scheduleFor(
  ctx: CoreContext,
  person: { id?: string; birthDate: string; sex: 'M' | 'F' },
  doses: DoseRecord[],
): { items: ScheduleItem[]; next: { date: string; names: string[] } | null } {
  const schedule = scheduleOf(ctx, person, doses);
  if (!schedule) return { items: [], next: null };
  const names = new Map(schedule.doses.map((d) => [d.code, d.name]));
  const items = schedule.doses
    // Doses outside the programme matter once given; the rest of that group is a menu, not a schedule.
    .filter((d) => d.group !== 2 || d.status === 'given')
    .map((d) => ({
      code: d.code,
      name: d.name,
      group: d.group,
      status: d.status,
      statusLabel: d.label,
      dueDate: d.dueDate ?? null,
      givenOn: d.givenOn ?? null,
      issues: d.issues.map((i) => i.message),
    }));
  const next = nextAppointment(schedule);
  return {
    items,
    next: next ? { date: next.date, names: next.codes.map((c) => names.get(c) ?? c) } : null,
  };
}

/**
 * Schedule rules a new or corrected dose breaks: given before the minimum age or too soon after
 * the previous dose (it does not count and must be repeated), after the age limit, or a dose
 * already recorded. Each needs the user's confirmation of that dose on that date. A missing
 * earlier dose is not asked about: cards are often copied in out of order.
 */
const CONFIRM_ISSUES = new Set<DoseIssue['code']>([
  'given-before-min-age',
  'given-before-min-interval',
  'given-after-age-limit',
  'given-more-than-once',
]);

function doseFindings(
  ctx: CoreContext,
  person: { id: string; birthDate: string; sex: 'M' | 'F' },
  others: DoseRecord[],
  dose: Dose,
  index: number,
): Finding[] {
  const schedule = scheduleOf(ctx, person, [...others, dose]);
  const name = vaccineByCode(ctx, dose.vaccineCode)?.name ?? dose.vaccineCode;
  const issues = schedule?.doses.find((d) => d.code === dose.vaccineCode)?.issues ?? [];
  const findings = issues
    .filter((i) => CONFIRM_ISSUES.has(i.code) && i.code !== 'given-more-than-once')
    .map((i) => ({
      key: `doses.${dose.vaccineCode}:${i.code}:${dose.givenOn}`,
      field: `doses.${index}.givenOn`,
      level: 'confirm' as const,
      message: `${name} tiêm ngày ${vnDate(dose.givenOn)}: ${lowerFirst(i.message)}`,
    }));
  const earlier = others.find((o) => o.vaccineCode === dose.vaccineCode);
  if (earlier) {
    findings.push({
      key: `doses.${dose.vaccineCode}:given-more-than-once:${dose.givenOn}`,
      field: `doses.${index}.vaccineCode`,
      level: 'confirm',
      message: `${name} đã được ghi tiêm ngày ${vnDate(earlier.givenOn)}: ghi thêm một lần nữa?`,
    });
  }
  return findings;
}

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi-VN') + s.slice(1);

function checkDoseDates(
  ctx: CoreContext,
  birthDate: string,
  d: Dose,
  i: number,
): { path: string; message: string }[] {
  const today = todayIn(ctx.clock);
  const out: { path: string; message: string }[] = [];
  if (!vaccineByCode(ctx, d.vaccineCode))
    out.push({
      path: `doses.${i}.vaccineCode`,
      message: `Không có vắc xin mã ${d.vaccineCode} trong danh mục.`,
    });
  if (d.givenOn > today)
    out.push({ path: `doses.${i}.givenOn`, message: `Ngày tiêm ${vnDate(d.givenOn)} ở sau ngày hôm nay.` });
  if (birthDate.length === 10 && d.givenOn < birthDate)
    out.push({
      path: `doses.${i}.givenOn`,
      message: `Ngày tiêm ${vnDate(d.givenOn)} ở trước ngày sinh ${vnDate(birthDate)}.`,
    });
  if (d.nextOn && d.nextOn <= d.givenOn)
    out.push({
      path: `doses.${i}.nextOn`,
      message: `Ngày hẹn tiêm tiếp ${vnDate(d.nextOn)} phải sau ngày tiêm ${vnDate(d.givenOn)}.`,
    });
  return out;
}

export function recordDoses(
  ctx: CoreContext,
  actor: Actor,
  personId: string,
  doses: Dose[],
  confirmed: readonly string[] = [],
): DoseRecord[] {
  const person = findPersonRow(ctx, personId);
  if (!person) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy người này.' });
  const issues = doses.flatMap((d, i) => checkDoseDates(ctx, person.birth_date, d, i));
  if (issues.length) throw new AppError('INVALID_INPUT', { message: issues[0].message, details: { issues } });
  return ctx.store.tx(() => {
    const existing = listDoses(ctx, personId);
    const findings = doses.flatMap((d, i) =>
      doseFindings(ctx, { id: personId, birthDate: person.birth_date, sex: person.sex }, existing, d, i),
    );
    requireConfirmed(findings, confirmed, (f) => f.field);
    const now = isoNow(ctx.clock);
    insertDoses(
      ctx.store,
      personId,
      doses.map((dose) => ({ id: randomUUID(), dose })),
      { now, userId: actor.userId },
    );
    refreshDue(ctx, personId);
    const accepted = findings.map((f) => f.key);
    appendAudit(
      ctx.store,
      actor,
      {
        action: 'immunization.record',
        entity: 'person',
        entityId: personId,
        details: {
          doses: doses.map((d) => d.vaccineCode),
          ...(accepted.length ? { confirmed: accepted } : {}),
        },
      },
      now,
    );
    return listDoses(ctx, personId);
  });
}

interface StoredDose {
  person_id: string;
  vaccine_code: string;
  given_on: string;
  batch: string;
}

function findDose(ctx: CoreContext, id: string): StoredDose {
  const row = ctx.store
    .prepare('SELECT person_id, vaccine_code, given_on, batch FROM immunizations WHERE id = ?')
    .get(id) as StoredDose | undefined;
  if (!row) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy mũi tiêm này (có thể vừa bị xóa).' });
  return row;
}

/**
 * A correction of a recorded dose (wrong date, vaccine, lot): the reason and the values before and
 * after go on the audit trail, and the province is sent the corrected dose.
 */
export function correctDose(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  dose: Dose,
  reason: string,
  confirmed: readonly string[] = [],
): DoseRecord[] {
  return ctx.store.tx(() => {
    const before = findDose(ctx, id);
    const person = findPersonRow(ctx, before.person_id);
    if (!person) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy người này.' });
    const issues = checkDoseDates(ctx, person.birth_date, dose, 0).map((i) => ({
      ...i,
      path: i.path.replace(/^doses\.0\./, 'dose.'),
    }));
    if (issues.length)
      throw new AppError('INVALID_INPUT', { message: issues[0].message, details: { issues } });
    const others = listDoses(ctx, before.person_id).filter((d) => d.id !== id);
    const findings = doseFindings(
      ctx,
      { id: before.person_id, birthDate: person.birth_date, sex: person.sex },
      others,
      dose,
      0,
    ).map((f) => ({ ...f, field: f.field.replace(/^doses\.0\./, 'dose.') }));
    requireConfirmed(findings, confirmed, (f) => f.field);
    const now = isoNow(ctx.clock);
    updateDose(ctx.store, id, before.person_id, dose, now);
    refreshDue(ctx, before.person_id);
    appendAudit(
      ctx.store,
      actor,
      {
        action: 'immunization.correct',
        entity: 'person',
        entityId: before.person_id,
        details: {
          doseId: id,
          reason,
          before: { vaccineCode: before.vaccine_code, givenOn: before.given_on, batch: before.batch },
          after: { vaccineCode: dose.vaccineCode, givenOn: dose.givenOn, batch: dose.batch },
          ...(findings.length ? { confirmed: findings.map((f) => f.key) } : {}),
        },
      },
      now,
    );
    return listDoses(ctx, before.person_id);
  });
}

/** Deletes a dose recorded by mistake; the reason and what was deleted go on the audit trail. */
export function removeDose(ctx: CoreContext, actor: Actor, id: string, reason: string): DoseRecord[] {
  return ctx.store.tx(() => {
    const row = findDose(ctx, id);
    const now = isoNow(ctx.clock);
    deleteDose(ctx.store, id, row.person_id, now);
    refreshDue(ctx, row.person_id);
    appendAudit(
      ctx.store,
      actor,
      {
        action: 'immunization.remove',
        entity: 'person',
        entityId: row.person_id,
        details: { doseId: id, ...row, reason },
      },
      now,
    );
    return listDoses(ctx, row.person_id);
  });
}
