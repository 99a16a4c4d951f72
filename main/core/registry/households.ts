import type { HouseholdView } from '#contract/ops/persons.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import type { HouseholdRow } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { HEAD, insertHousehold, type NewHouseholdRow } from './household-rows.ts';
import { findPersonRow } from './persons.ts';
import { detachHead, setHead as setHeadRow } from './repo/households.ts';
import { setMembership } from './repo/persons.ts';
import { summariesByIds } from './summaries.ts';

// The importer takes its codes from here.
export { nextHouseholdCode } from './household-rows.ts';

export function getHousehold(ctx: CoreContext, id: string): HouseholdView {
  const h = ctx.store.prepare('SELECT * FROM households WHERE id = ?').get(id) as HouseholdRow | undefined;
  if (!h) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy hộ gia đình.' });
  const members = ctx.store
    .prepare(
      `SELECT id, relation_to_head FROM persons WHERE household_id = ? ORDER BY (id = ?) DESC, birth_date`,
    )
    .all(id, h.head_person_id ?? '') as { id: string; relation_to_head: string }[];
  const relation = new Map(members.map((m) => [m.id, m.relation_to_head]));
  return {
    id: h.id,
    code: h.code,
    village: h.village,
    address: h.address,
    headPersonId: h.head_person_id,
    members: summariesByIds(
      ctx,
      members.map((m) => m.id),
    ).map((s) => ({
      ...s,
      relationToHead: relation.get(s.id) ?? '',
      isHead: s.id === h.head_person_id,
    })),
  };
}

export function findHouseholdByCode(ctx: CoreContext, code: string): HouseholdView | null {
  const h = ctx.store.prepare('SELECT id FROM households WHERE code = ?').get(code) as
    { id: string } | undefined;
  return h ? getHousehold(ctx, h.id) : null;
}

function bumpPerson(
  ctx: CoreContext,
  actor: Actor,
  personId: string,
  set: { household_id?: string | null; relation_to_head?: string },
  now: string,
): void {
  const row = findPersonRow(ctx, personId);
  if (!row) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy người này.' });
  setMembership(ctx.store, personId, set, row.version + 1, { now, userId: actor.userId });
}

/**
 * A new household (code typed, or the next one generated). A head named here moves into it; if they
 * headed another household, that one is left without a head until someone is named.
 */
export function createHousehold(ctx: CoreContext, actor: Actor, input: NewHouseholdRow): HouseholdView {
  const id = ctx.store.tx(() => {
    const now = isoNow(ctx.clock);
    const head = input.headPersonId ? findPersonRow(ctx, input.headPersonId) : null;
    if (input.headPersonId && !head)
      throw new AppError('NOT_FOUND', { message: 'Không tìm thấy người được chọn làm chủ hộ.' });
    const created = insertHousehold(ctx, actor, input, now);
    if (head) {
      detachHead(ctx.store, head.household_id, head.id, now);
      bumpPerson(ctx, actor, head.id, { household_id: created.id, relation_to_head: HEAD }, now);
    }
    return created.id;
  });
  return getHousehold(ctx, id);
}

/** Moves a resident to another household, or (toHouseholdId = null) into a new one as its head. */
export function moveMember(
  ctx: CoreContext,
  actor: Actor,
  personId: string,
  toHouseholdId: string | null,
  relation: string,
): HouseholdView {
  const person = findPersonRow(ctx, personId);
  if (!person) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy người này.' });
  if (toHouseholdId === null) {
    return createHousehold(ctx, actor, {
      code: '',
      village: person.village,
      address: person.cur_text,
      headPersonId: personId,
    });
  }
  if (!ctx.store.prepare('SELECT 1 FROM households WHERE id = ?').get(toHouseholdId)) {
    throw new AppError('NOT_FOUND', { message: 'Không tìm thấy hộ gia đình cần chuyển đến.' });
  }
  ctx.store.tx(() => {
    const now = isoNow(ctx.clock);
    detachHead(ctx.store, person.household_id, personId, now);
    bumpPerson(ctx, actor, personId, { household_id: toHouseholdId, relation_to_head: relation }, now);
    appendAudit(
      ctx.store,
      actor,
      {
        action: 'household.move',
        entity: 'person',
        entityId: personId,
        details: { from: person.household_id, to: toHouseholdId },
      },
      now,
    );
  });
  return getHousehold(ctx, toHouseholdId);
}

export function setHead(
  ctx: CoreContext,
  actor: Actor,
  householdId: string,
  personId: string,
): HouseholdView {
  ctx.store.tx(() => {
    const person = findPersonRow(ctx, personId);
    if (!person || person.household_id !== householdId) {
      throw new AppError('INVALID_INPUT', { message: 'Chủ hộ phải là thành viên của hộ.' });
    }
    const h = ctx.store.prepare('SELECT head_person_id FROM households WHERE id = ?').get(householdId) as {
      head_person_id: string | null;
    };
    const now = isoNow(ctx.clock);
    if (h.head_person_id && h.head_person_id !== personId)
      bumpPerson(ctx, actor, h.head_person_id, { relation_to_head: '' }, now);
    bumpPerson(ctx, actor, personId, { relation_to_head: HEAD }, now);
    setHeadRow(ctx.store, householdId, personId, now);
    appendAudit(
      ctx.store,
      actor,
      { action: 'household.head', entity: 'household', entityId: householdId, details: { personId } },
      now,
    );
  });
  return getHousehold(ctx, householdId);
}
