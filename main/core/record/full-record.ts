import type { FullRecord } from '#contract/ops/record.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { loadPerson, resolvePersonId } from '../registry/persons.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { loadHistory } from './history.ts';
import { scheduleFor } from './immunizations.ts';
import { listDoses } from './person-schedule.ts';
import { personNcd } from './ncd.ts';
import { daysBetween } from './rules/dates.ts';
import { visitSummaries } from './visits.ts';

/**
 * The whole record for the record view, in one call: part A, part B, the immunisation schedule,
 * the visit timeline, NCD follow-up and the child's growth points. Opening it is audited.
 */
export function openRecord(ctx: CoreContext, actor: Actor, personIdOrAlias: string): FullRecord {
  const personId = resolvePersonId(ctx, personIdOrAlias);
  if (!personId)
    throw new AppError('NOT_FOUND', { message: 'Không tìm thấy người này trong danh sách dân cư.' });
  const person = loadPerson(ctx, personId);
  const { history, version } = loadHistory(ctx, personId);
  const doses = listDoses(ctx, personId);
  const schedule = scheduleFor(ctx, person, doses);
  const visits = visitSummaries(ctx, personId);
  const growth =
    person.age < 19 && person.birthDate.length === 10
      ? visits
          .filter((v) => v.status === 'signed' && (v.weightKg !== null || v.heightCm !== null))
          .map((v) => ({
            visitOn: v.visitOn,
            ageDays: daysBetween(person.birthDate, v.visitOn) ?? 0,
            weightKg: v.weightKg,
            heightCm: v.heightCm,
          }))
          .reverse()
      : [];
  ctx.store.tx(() =>
    appendAudit(
      ctx.store,
      actor,
      { action: 'record.read', entity: 'person', entityId: personId },
      isoNow(ctx.clock),
    ),
  );
  return {
    person,
    history,
    historyVersion: version,
    doses,
    schedule: schedule.items,
    nextAppointment: schedule.next,
    visits,
    ncd: personNcd(ctx, personId),
    growth,
    openDraftId: visits.find((v) => v.status === 'draft')?.id ?? null,
  };
}
