import { randomUUID } from 'node:crypto';
import type { HouseholdView } from '../../../preload/contract/ops/persons.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import type { HouseholdsTable } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { appendAudit, type Actor } from '../security/audit.ts';
import { queueOutbox } from '../sync/outbox.ts';
import { findPersonRow } from './persons.ts';
import { summariesByIds } from './summaries.ts';

const HEAD = 'Chủ hộ';

export function getHousehold(ctx: CoreContext, id: string): HouseholdView {
  const h = ctx.store.prepare('SELECT * FROM households WHERE id = ?').get(id) as HouseholdsTable | undefined;
  if (!h) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy hộ gia đình.' });
  const members = ctx.store
    .prepare(`SELECT id, relation_to_head FROM persons WHERE household_id = ? ORDER BY (id = ?) DESC, birth_date`)
    .all(id, h.head_person_id ?? '') as { id: string; relation_to_head: string }[];
  const relation = new Map(members.map((m) => [m.id, m.relation_to_head]));
  return {
    id: h.id,
    code: h.code,
    village: h.village,
    address: h.address,
    headPersonId: h.head_person_id,
    members: summariesByIds(ctx, members.map((m) => m.id)).map((s) => ({
      ...s,
      relationToHead: relation.get(s.id) ?? '',
      isHead: s.id === h.head_person_id,
    })),
  };
}

export function findHouseholdByCode(ctx: CoreContext, code: string): HouseholdView | null {
  const h = ctx.store.prepare('SELECT id FROM households WHERE code = ?').get(code) as { id: string } | undefined;
  return h ? getHousehold(ctx, h.id) : null;
}

/** Household codes: the station's commune code and a running number ("1627900042"). */
export function nextHouseholdCode(ctx: Pick<CoreContext, 'store'>): string {
  const commune = (ctx.store.prepare('SELECT commune_code FROM station WHERE id = 1').get() as { commune_code: string } | undefined)?.commune_code ?? '00000';
  const last = ctx.store
    .prepare(`SELECT max(CAST(substr(code, 6) AS INTEGER)) AS n FROM households WHERE code GLOB ? AND length(code) = 10`)
    .get(`${commune}[0-9][0-9][0-9][0-9][0-9]`) as { n: number | null };
  return `${commune}${String((last.n ?? 0) + 1).padStart(5, '0')}`;
}

function bumpPerson(ctx: CoreContext, actor: Actor, personId: string, set: { household_id?: string | null; relation_to_head?: string }, now: string): void {
  const row = findPersonRow(ctx, personId);
  if (!row) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy người này.' });
  const version = row.version + 1;
  ctx.store.run(ctx.store.qb.updateTable('persons').set({ ...set, version, updated_at: now, updated_by: actor.userId }).where('id', '=', personId));
  queueOutbox(ctx.store, 'person', personId, version, 'upsert', now);
}

export function createHousehold(
  ctx: CoreContext,
  actor: Actor,
  input: { village: string; address: string; headPersonId: string | null },
): HouseholdView {
  const id = randomUUID();
  ctx.store.tx(() => {
    const now = isoNow(ctx.clock);
    const code = nextHouseholdCode(ctx);
    ctx.store.run(
      ctx.store.qb.insertInto('households').values({ id, code, head_person_id: input.headPersonId, village: input.village, address: input.address, created_at: now, updated_at: now }),
    );
    if (input.headPersonId) bumpPerson(ctx, actor, input.headPersonId, { household_id: id, relation_to_head: HEAD }, now);
    appendAudit(ctx.store, actor, { action: 'household.create', entity: 'household', entityId: id, details: { code } }, now);
  });
  return getHousehold(ctx, id);
}

/** Moves a resident to another household, or (toHouseholdId = null) into a new one as its head. */
export function moveMember(ctx: CoreContext, actor: Actor, personId: string, toHouseholdId: string | null, relation: string): HouseholdView {
  const person = findPersonRow(ctx, personId);
  if (!person) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy người này.' });
  if (toHouseholdId === null) {
    return ctx.store.tx(() => {
      detachHead(ctx, person.household_id, personId);
      return createHousehold(ctx, actor, { village: person.village, address: person.cur_text, headPersonId: personId });
    });
  }
  if (!ctx.store.prepare('SELECT 1 FROM households WHERE id = ?').get(toHouseholdId)) {
    throw new AppError('NOT_FOUND', { message: 'Không tìm thấy hộ gia đình cần chuyển đến.' });
  }
  ctx.store.tx(() => {
    const now = isoNow(ctx.clock);
    detachHead(ctx, person.household_id, personId);
    bumpPerson(ctx, actor, personId, { household_id: toHouseholdId, relation_to_head: relation }, now);
    appendAudit(ctx.store, actor, { action: 'household.move', entity: 'person', entityId: personId, details: { from: person.household_id, to: toHouseholdId } }, now);
  });
  return getHousehold(ctx, toHouseholdId);
}

/** A head who leaves leaves the household without a head until someone is named. */
function detachHead(ctx: CoreContext, householdId: string | null, personId: string): void {
  if (!householdId) return;
  ctx.store.prepare('UPDATE households SET head_person_id = NULL, updated_at = ? WHERE id = ? AND head_person_id = ?').run(isoNow(ctx.clock), householdId, personId);
}

export function setHead(ctx: CoreContext, actor: Actor, householdId: string, personId: string): HouseholdView {
  ctx.store.tx(() => {
    const person = findPersonRow(ctx, personId);
    if (!person || person.household_id !== householdId) {
      throw new AppError('INVALID_INPUT', { message: 'Chủ hộ phải là thành viên của hộ.' });
    }
    const h = ctx.store.prepare('SELECT head_person_id FROM households WHERE id = ?').get(householdId) as { head_person_id: string | null };
    const now = isoNow(ctx.clock);
    if (h.head_person_id && h.head_person_id !== personId) bumpPerson(ctx, actor, h.head_person_id, { relation_to_head: '' }, now);
    bumpPerson(ctx, actor, personId, { relation_to_head: HEAD }, now);
    ctx.store.prepare('UPDATE households SET head_person_id = ?, updated_at = ? WHERE id = ?').run(personId, now, householdId);
    appendAudit(ctx.store, actor, { action: 'household.head', entity: 'household', entityId: householdId, details: { personId } }, now);
  });
  return getHousehold(ctx, householdId);
}
