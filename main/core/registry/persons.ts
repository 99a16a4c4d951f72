import { randomUUID } from 'node:crypto';
import type { NewHousehold, PersonFields, PersonRecord, PersonStatus } from '#contract/ops/persons.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import type { PersonRow } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { ageOn, todayIn } from './age.ts';
import { findDuplicates } from './duplicates.ts';
import { HEAD, insertHousehold } from './household-rows.ts';
import { checkIdentifiers, identifierLabel, type FieldIssue } from './identifiers.ts';
import { toRecord, type IdentifierRow } from './person-row.ts';
import { detachHead } from './repo/households.ts';
import * as personsRepo from './repo/persons.ts';

export function findPersonRow(ctx: CoreContext, id: string): PersonRow | undefined {
  return ctx.store.prepare('SELECT * FROM persons WHERE id = ?').get(id) as PersonRow | undefined;
}

/** Resolves an id that may belong to a record merged away (kept as an alias of the survivor). */
export function resolvePersonId(ctx: CoreContext, id: string): string | null {
  if (findPersonRow(ctx, id)) return id;
  const alias = ctx.store
    .prepare(`SELECT person_id FROM person_identifiers WHERE kind = 'alias' AND value = ?`)
    .get(id) as { person_id: string } | undefined;
  return alias?.person_id ?? null;
}

/** The full part-A record. Does not audit: callers that show it to a user do (see readPerson). */
export function loadPerson(ctx: CoreContext, id: string): PersonRecord {
  const row = findPersonRow(ctx, id);
  if (!row) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy người này trong danh sách dân cư.' });
  const ids = ctx.store
    .prepare(
      'SELECT kind, value, issued_on, issued_by, valid_from, valid_to FROM person_identifiers WHERE person_id = ? ORDER BY kind',
    )
    .all(id) as IdentifierRow[];
  const h = row.household_id
    ? (ctx.store
        .prepare('SELECT id, code, village, head_person_id FROM households WHERE id = ?')
        .get(row.household_id) as
        { id: string; code: string; village: string; head_person_id: string | null } | undefined)
    : undefined;
  return toRecord(
    row,
    ids,
    h ? { id: h.id, code: h.code, village: h.village, headPersonId: h.head_person_id } : null,
    ageOn(row.birth_date, todayIn(ctx.clock)),
    (a) => addressLine(ctx, a),
  );
}

/** Street, village, then the 2025 commune and province by name; the text as written when no codes are known. */
export function addressLine(ctx: CoreContext, a: PersonFields['permanentAddress']): string {
  const commune = a.communeCode ? ctx.codes.commune(a.communeCode)?.fullName : undefined;
  const province = a.provinceCode ? ctx.codes.province(a.provinceCode)?.fullName : undefined;
  if (!commune && !province) return a.text || [a.street, a.village].filter(Boolean).join(', ');
  return [a.street, a.village, commune, province].filter(Boolean).join(', ');
}

/** Opening a record is an access to health data: it goes on the audit trail. */
export function readPerson(ctx: CoreContext, actor: Actor, id: string): PersonRecord {
  const resolved = resolvePersonId(ctx, id);
  if (!resolved)
    throw new AppError('NOT_FOUND', { message: 'Không tìm thấy người này trong danh sách dân cư.' });
  const record = loadPerson(ctx, resolved);
  ctx.store.tx(() =>
    appendAudit(
      ctx.store,
      actor,
      { action: 'person.read', entity: 'person', entityId: resolved },
      isoNow(ctx.clock),
    ),
  );
  return record;
}

function invalid(issues: FieldIssue[]): AppError {
  return new AppError('INVALID_INPUT', {
    message: `Dữ liệu nhập chưa hợp lệ: ${issues[0].message}`,
    details: { issues },
  });
}

/** Rules the schema cannot know: dates against today, identity numbers against the person, households. */
export function validatePersonFields(ctx: CoreContext, p: PersonFields): void {
  const today = todayIn(ctx.clock);
  const issues: FieldIssue[] = [];
  if (p.birthDate.length === 10 ? p.birthDate > today : p.birthDate > today.slice(0, 4)) {
    issues.push({ path: 'person.birthDate', message: 'Ngày sinh ở tương lai.' });
  }
  if (Number(p.birthDate.slice(0, 4)) < Number(today.slice(0, 4)) - 130) {
    issues.push({ path: 'person.birthDate', message: 'Năm sinh quá xa (trên 130 tuổi).' });
  }
  issues.push(...checkIdentifiers(p, ctx.clock()).errors);
  if (p.householdId && !ctx.store.prepare('SELECT 1 FROM households WHERE id = ?').get(p.householdId)) {
    issues.push({ path: 'person.householdId', message: 'Hộ gia đình không tồn tại.' });
  }
  if (p.birthProvinceCode && !ctx.codes.province(p.birthProvinceCode)) {
    issues.push({
      path: 'person.birthProvinceCode',
      message: `Nơi đăng ký khai sinh: mã tỉnh ${p.birthProvinceCode} không có trong danh mục 2025.`,
    });
  }
  for (const [path, code, kind] of [
    ['person.permanentAddress.communeCode', p.permanentAddress.communeCode, 'perm'],
    ['person.currentAddress.communeCode', p.currentAddress.communeCode, 'cur'],
  ] as const) {
    if (code && !ctx.codes.commune(code))
      issues.push({ path, message: `Mã xã/phường ${code} không có trong danh mục 2025 (${kind}).` });
  }
  if (issues.length) throw invalid(issues);
}

/** Refuses a number someone else holds (naming them), and a likely twin unless the user confirmed. */
function guardDuplicates(
  ctx: CoreContext,
  p: PersonFields,
  selfId: string | null,
  confirmSimilar: boolean,
): void {
  const found = findDuplicates(ctx, p, selfId);
  if (found.blocking.length) {
    const b = found.blocking[0];
    const born = b.person.birthDate.slice(0, 4);
    throw new AppError('CONFLICT', {
      message: `Số ${identifierLabel(b.kind)} ${b.value} đã được đăng ký cho ${b.person.fullName} (sinh ${born}${b.person.village ? `, ${b.person.village}` : ''}).`,
      logMessage: `identifier ${b.kind} already held by person ${b.person.id}`,
      details: found,
    });
  }
  if (found.similar.length && !confirmSimilar) {
    throw new AppError('DUPLICATE_WARNING', {
      message: `Đã có ${found.similar.length} người trùng họ tên, ngày sinh và giới tính. Kiểm tra trước khi lưu.`,
      details: found,
    });
  }
}

/** Compares by value whatever the key order; a landline left out equals an empty one. */
function sameValue(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([k, x]) => !(k === 'landline' && (x === undefined || x === '')))
            .sort(([x], [y]) => (x < y ? -1 : 1))
            .map(([k, x]) => [k, canonical(x)]),
        )
      : Array.isArray(v)
        ? v.map(canonical)
        : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function changedFields(before: PersonFields, after: PersonFields): string[] {
  return (Object.keys(after) as (keyof PersonFields)[]).filter((k) => !sameValue(before[k], after[k]));
}

/**
 * The household a registration or edit asked for, created in the caller's transaction with this
 * person as its head (address from the person's current address): the fields to write then point
 * at it. Without one, the fields are written as given.
 */
function withNewHousehold(
  ctx: CoreContext,
  actor: Actor,
  personId: string,
  p: PersonFields,
  nh: NewHousehold | null,
  now: string,
): PersonFields {
  if (!nh) return p;
  const { id } = insertHousehold(
    ctx,
    actor,
    {
      code: nh.code ?? '',
      village: p.currentAddress.village,
      address: addressLine(ctx, p.currentAddress),
      headPersonId: personId,
    },
    now,
  );
  return { ...p, householdId: id, relationToHead: HEAD };
}

export function createPerson(
  ctx: CoreContext,
  actor: Actor,
  input: PersonFields,
  confirmSimilar: boolean,
  newHousehold: NewHousehold | null = null,
): PersonRecord {
  validatePersonFields(ctx, newHousehold ? { ...input, householdId: null } : input);
  const id = randomUUID();
  ctx.store.tx(() => {
    guardDuplicates(ctx, input, null, confirmSimilar);
    const now = isoNow(ctx.clock);
    const p = withNewHousehold(ctx, actor, id, input, newHousehold, now);
    personsRepo.insertPerson(ctx.store, id, p, { now, userId: actor.userId });
    appendAudit(ctx.store, actor, { action: 'person.create', entity: 'person', entityId: id }, now);
  });
  return loadPerson(ctx, id);
}

export function updatePerson(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: PersonFields,
  confirmSimilar: boolean,
  newHousehold: NewHousehold | null = null,
): PersonRecord {
  validatePersonFields(ctx, newHousehold ? { ...input, householdId: null } : input);
  ctx.store.tx(() => {
    const before = loadPerson(ctx, id);
    if (before.version !== expectedVersion) {
      throw new AppError('VERSION_CONFLICT', { details: { currentVersion: before.version } });
    }
    guardDuplicates(ctx, input, id, confirmSimilar);
    const now = isoNow(ctx.clock);
    const p = withNewHousehold(ctx, actor, id, input, newHousehold, now);
    const changed = changedFields(before, p);
    if (changed.length === 0) return;
    // Leaving a household they headed leaves it without a head, as moving a member does.
    if (before.householdId !== p.householdId) detachHead(ctx.store, before.householdId, id, now);
    personsRepo.updatePerson(
      ctx.store,
      id,
      p,
      before.version + 1,
      { now, userId: actor.userId },
      { identifiers: changed.includes('identifiers') },
    );
    appendAudit(
      ctx.store,
      actor,
      { action: 'person.update', entity: 'person', entityId: id, details: { fields: changed } },
      now,
    );
  });
  return loadPerson(ctx, id);
}

/** Moved out / deceased (with the date) / back to active. Coverage denominators count active residents only. */
export function setPersonStatus(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  status: PersonStatus,
  date: string | null,
  note: string,
): PersonRecord {
  const today = todayIn(ctx.clock);
  if (status !== 'active' && !date) {
    throw invalid([
      { path: 'date', message: status === 'deceased' ? 'Nhập ngày mất.' : 'Nhập ngày chuyển đi.' },
    ]);
  }
  if (date && date > today) throw invalid([{ path: 'date', message: 'Ngày ở tương lai.' }]);
  ctx.store.tx(() => {
    const before = loadPerson(ctx, id);
    if (date && date < before.birthDate.slice(0, 10))
      throw invalid([{ path: 'date', message: 'Ngày trước ngày sinh.' }]);
    const now = isoNow(ctx.clock);
    personsRepo.setStatus(ctx.store, id, { status, date, note }, before.version + 1, {
      now,
      userId: actor.userId,
    });
    appendAudit(
      ctx.store,
      actor,
      {
        action: `person.status.${status}`,
        entity: 'person',
        entityId: id,
        details: { from: before.status, date },
      },
      now,
    );
  });
  return loadPerson(ctx, id);
}
