/**
 * A child's vitamin A and deworming doses (issue 14): listing them with what is due today,
 * recording one, removing one entered by mistake. Each write is audited and marks the record in
 * its transaction (through the repository).
 */
import { randomUUID } from 'node:crypto';
import { isoToVn } from '#contract/dates.ts';
import type { z } from 'zod';
import { SUPPLEMENT_KINDS, type SupplementInput, type SupplementsView } from '#contract/ops/supplements.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { todayIn } from '../registry/age.ts';
import { findPersonRow } from '../registry/persons.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { deleteSupplement, insertSupplement, type SupplementRow } from './repo/supplements.ts';
import { supplementDue } from './rules/supplements.ts';

type Dose = z.output<typeof SupplementInput>;

/** The date field's name on the screen, for the messages. */
const DATE_FIELD: Readonly<Record<Dose['kind'], string>> = {
  vitamin_a: 'Ngày uống vitamin A',
  deworming: 'Ngày tẩy giun',
};

function personBirth(ctx: CoreContext, personId: string): string {
  const p = findPersonRow(ctx, personId);
  if (!p) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy người này.' });
  return p.birth_date;
}

const rowsOf = (ctx: CoreContext, personId: string): SupplementRow[] =>
  ctx.store
    .prepare(
      `SELECT id, person_id, kind, given_on, dose, place, recorded_by FROM child_supplements
       WHERE person_id = ? ORDER BY given_on DESC, recorded_at DESC`,
    )
    .all(personId) as SupplementRow[];

/** The child's doses, newest first, and where each supplement stands today. */
export function listSupplements(ctx: CoreContext, personId: string): SupplementsView {
  const birthDate = personBirth(ctx, personId);
  const rows = rowsOf(ctx, personId);
  const today = todayIn(ctx.clock);
  return {
    doses: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      givenOn: r.given_on,
      dose: r.dose,
      place: r.place,
      recordedBy: r.recorded_by,
    })),
    due: SUPPLEMENT_KINDS.map((kind) =>
      supplementDue(
        kind,
        birthDate,
        rows.filter((r) => r.kind === kind).map((r) => r.given_on),
        today,
      ),
    ),
  };
}

/** Records a dose given: not in the future, not before birth. */
export function recordSupplement(
  ctx: CoreContext,
  actor: Actor,
  personId: string,
  dose: Dose,
): SupplementsView {
  const birthDate = personBirth(ctx, personId);
  const today = todayIn(ctx.clock);
  const field = DATE_FIELD[dose.kind];
  if (dose.givenOn > today)
    throw new AppError('INVALID_INPUT', {
      message: `${field} (${isoToVn(dose.givenOn)}) không thể sau hôm nay.`,
      details: { field: 'dose.givenOn' },
    });
  if (dose.givenOn < birthDate.slice(0, 10).padEnd(10, '-01'))
    throw new AppError('INVALID_INPUT', {
      message: `${field} (${isoToVn(dose.givenOn)}) trước ngày sinh.`,
      details: { field: 'dose.givenOn' },
    });
  return ctx.store.tx(() => {
    const now = isoNow(ctx.clock);
    const id = randomUUID();
    insertSupplement(ctx.store, { id, personId, ...dose }, { now, userId: actor.userId });
    appendAudit(
      ctx.store,
      actor,
      { action: 'supplement.record', entity: 'person', entityId: personId, details: { id, ...dose } },
      now,
    );
    return listSupplements(ctx, personId);
  });
}

/** Removes a dose recorded by mistake; the reason and what was removed go on the audit trail. */
export function removeSupplement(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  reason: string,
): SupplementsView {
  return ctx.store.tx(() => {
    const row = ctx.store
      .prepare(
        'SELECT id, person_id, kind, given_on, dose, place, recorded_by FROM child_supplements WHERE id = ?',
      )
      .get(id) as SupplementRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy liều này.' });
    const now = isoNow(ctx.clock);
    deleteSupplement(ctx.store, id, row.person_id, now);
    appendAudit(
      ctx.store,
      actor,
      { action: 'supplement.remove', entity: 'person', entityId: row.person_id, details: { ...row, reason } },
      now,
    );
    return listSupplements(ctx, row.person_id);
  });
}
