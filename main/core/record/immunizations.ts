import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { DoseInput, DoseRecord, ScheduleItem } from '../../../preload/contract/ops/record.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { ageOn, todayIn } from '../registry/age.ts';
import { findPersonRow } from '../registry/persons.ts';
import { appendAudit, type Actor } from '../security/audit.ts';
import { queueOutbox } from '../sync/outbox.ts';
import { activeCatalogue, regionalVaccines, vaccineByCode } from './catalogue.ts';
import { computeSchedule, nextAppointment } from './rules/schedule.ts';
import type { VaccineGroup } from './rules/vaccines.ts';

type Dose = z.output<typeof DoseInput>;

interface DoseRow {
  id: string;
  vaccine_code: string;
  given_on: string;
  place: string;
  reaction: string;
  next_on: string | null;
  pregnancy_month: number | null;
  batch: string;
  recorded_by: string | null;
}

export function listDoses(ctx: CoreContext, personId: string): DoseRecord[] {
  const rows = ctx.store.prepare('SELECT * FROM immunizations WHERE person_id = ? ORDER BY given_on, vaccine_code').all(personId) as DoseRow[];
  return rows.map((r) => ({
    id: r.id,
    vaccineCode: r.vaccine_code,
    vaccineName: vaccineByCode(ctx, r.vaccine_code)?.name ?? r.vaccine_code,
    givenOn: r.given_on,
    place: r.place,
    reaction: r.reaction,
    nextOn: r.next_on,
    pregnancyMonth: r.pregnancy_month,
    batch: r.batch,
    recordedBy: r.recorded_by,
  }));
}

/**
 * Each child's due and overdue doses from the station's catalogue. Children (under 15) get the
 * programme schedule; a woman's tetanus-in-pregnancy series appears once a dose of it is recorded;
 * doses outside the programme are listed as given only.
 */
export function scheduleFor(
  ctx: CoreContext,
  person: { birthDate: string; sex: 'M' | 'F' },
  doses: DoseRecord[],
): { items: ScheduleItem[]; next: { date: string; names: string[] } | null } {
  const asOf = todayIn(ctx.clock);
  const age = ageOn(person.birthDate, asOf);
  const catalogue = activeCatalogue(ctx);
  const groups: VaccineGroup[] = [];
  if (age < 15 && person.birthDate.length === 10) groups.push(1);
  if (doses.some((d) => catalogue.find((c) => c.code === d.vaccineCode)?.group === 2)) groups.push(2);
  if (person.sex === 'F' && doses.some((d) => catalogue.find((c) => c.code === d.vaccineCode)?.group === 3)) groups.push(3);
  if (groups.length === 0) return { items: [], next: null };
  const schedule = computeSchedule(
    person.birthDate.length === 10 ? person.birthDate : null,
    doses.map((d) => ({ code: d.vaccineCode, date: d.givenOn, pregnancyMonth: d.pregnancyMonth })),
    { asOf, sex: person.sex, groups, regionalVaccines: regionalVaccines(ctx), catalogue },
  );
  if (!schedule.ok) return { items: [], next: null };
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
    next: next ? { date: next.date, names: next.codes.map((c) => catalogue.find((x) => x.code === c)?.name ?? c) } : null,
  };
}

export function recordDoses(ctx: CoreContext, actor: Actor, personId: string, doses: Dose[]): DoseRecord[] {
  const person = findPersonRow(ctx, personId);
  if (!person) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy người này.' });
  const today = todayIn(ctx.clock);
  const issues = doses.flatMap((d, i) => {
    const out: { path: string; message: string }[] = [];
    if (!vaccineByCode(ctx, d.vaccineCode)) out.push({ path: `doses.${i}.vaccineCode`, message: `Không có vắc xin mã ${d.vaccineCode} trong danh mục.` });
    if (d.givenOn > today) out.push({ path: `doses.${i}.givenOn`, message: 'Ngày tiêm ở tương lai.' });
    if (person.birth_date.length === 10 && d.givenOn < person.birth_date) out.push({ path: `doses.${i}.givenOn`, message: 'Ngày tiêm trước ngày sinh.' });
    if (d.nextOn && d.nextOn <= d.givenOn) out.push({ path: `doses.${i}.nextOn`, message: 'Ngày hẹn phải sau ngày tiêm.' });
    return out;
  });
  if (issues.length) throw new AppError('INVALID_INPUT', { message: `Dữ liệu nhập chưa hợp lệ: ${issues[0].message}`, details: { issues } });
  ctx.store.tx(() => {
    const now = isoNow(ctx.clock);
    const insert = ctx.store.prepare(
      `INSERT INTO immunizations (id, person_id, vaccine_code, given_on, place, reaction, next_on, pregnancy_month, batch, recorded_at, recorded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const d of doses) {
      const id = randomUUID();
      insert.run(id, personId, d.vaccineCode, d.givenOn, d.place, d.reaction, d.nextOn, d.pregnancyMonth, d.batch, now, actor.userId);
      queueOutbox(ctx.store, 'immunization', id, 1, 'upsert', now);
    }
    appendAudit(ctx.store, actor, { action: 'immunization.record', entity: 'person', entityId: personId, details: { doses: doses.map((d) => d.vaccineCode) } }, now);
  });
  return listDoses(ctx, personId);
}

export function removeDose(ctx: CoreContext, actor: Actor, id: string, reason: string): void {
  ctx.store.tx(() => {
    const row = ctx.store.prepare('SELECT person_id, vaccine_code, given_on FROM immunizations WHERE id = ?').get(id) as
      | { person_id: string; vaccine_code: string; given_on: string }
      | undefined;
    if (!row) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy mũi tiêm này.' });
    const now = isoNow(ctx.clock);
    ctx.store.prepare('DELETE FROM immunizations WHERE id = ?').run(id);
    appendAudit(ctx.store, actor, { action: 'immunization.remove', entity: 'person', entityId: row.person_id, details: { ...row, reason } }, now);
    queueOutbox(ctx.store, 'immunization', id, 2, 'delete', now);
  });
}

