import type { Identifier, MergeField, PersonFields, PersonRecord } from '#contract/ops/persons.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { queueOutbox } from '../sync/outbox.ts';
import { writeIdentifiers } from './identifiers.ts';
import { fieldsToColumns } from './person-row.ts';
import { loadPerson, validatePersonFields } from './persons.ts';

const ID_KINDS = ['cccd', 'cmnd', 'bhyt', 'passport'] as const;
type Side = 'survivor' | 'merged';

const isEmpty = (v: unknown): boolean =>
  v === '' ||
  v === null ||
  v === undefined ||
  (typeof v === 'object' && Object.values(v as object).every(isEmpty));

/** Every (table, column) that points at a person: found from the schema, so tables added later are moved too. */
export function personReferences(ctx: CoreContext): { table: string; column: string }[] {
  const tables = ctx.store.raw
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'`,
    )
    .pluck()
    .all() as string[];
  const refs: { table: string; column: string }[] = [];
  for (const table of tables) {
    for (const fk of ctx.store.raw.pragma(`foreign_key_list("${table.replace(/"/g, '""')}")`) as {
      table: string;
      from: string;
      to: string;
    }[]) {
      if (fk.table === 'persons' && fk.to === 'id' && table !== 'person_identifiers')
        refs.push({ table, column: fk.from });
    }
  }
  return refs;
}

/**
 * Merges a duplicate into the surviving record. The user picks, field by field, whose value stays
 * (by default the survivor's, with gaps filled from the duplicate). Every child record (visits,
 * immunisations, history, measurements…) moves to the survivor; the duplicate's id becomes an alias
 * so references the province already holds still resolve; the province is told about the merge.
 */
export function mergePersons(
  ctx: CoreContext,
  actor: Actor,
  survivorId: string,
  mergedId: string,
  take: Partial<Record<MergeField, Side>>,
): PersonRecord {
  if (survivorId === mergedId)
    throw new AppError('INVALID_INPUT', { message: 'Chọn hai hồ sơ khác nhau để gộp.' });
  const survivor = loadPerson(ctx, survivorId);
  const merged = loadPerson(ctx, mergedId);
  const pick = <T>(field: MergeField, s: T, m: T): T => {
    const side = take[field] ?? (isEmpty(s) && !isEmpty(m) ? 'merged' : 'survivor');
    return side === 'merged' ? m : s;
  };
  const idOf = (p: PersonRecord, kind: string) => p.identifiers.find((i) => i.kind === kind);
  const identifiers = ID_KINDS.flatMap((kind) => {
    const chosen = pick<Identifier | undefined>(kind, idOf(survivor, kind), idOf(merged, kind));
    return chosen ? [chosen] : [];
  });
  const household = pick(
    'household',
    { id: survivor.householdId, relation: survivor.relationToHead },
    { id: merged.householdId, relation: merged.relationToHead },
  );
  const fields: PersonFields = {
    fullName: pick('fullName', survivor.fullName, merged.fullName),
    sex: pick('sex', survivor.sex, merged.sex),
    birthDate: pick('birthDate', survivor.birthDate, merged.birthDate),
    householdId: household.id,
    relationToHead: household.relation,
    bloodAbo: pick('bloodAbo', survivor.bloodAbo, merged.bloodAbo),
    bloodRh: pick('bloodRh', survivor.bloodRh, merged.bloodRh),
    birthProvinceCode: pick('birthProvinceCode', survivor.birthProvinceCode, merged.birthProvinceCode),
    ethnicityCode: pick('ethnicityCode', survivor.ethnicityCode, merged.ethnicityCode),
    nationality: pick('nationality', survivor.nationality, merged.nationality),
    religion: pick('religion', survivor.religion, merged.religion),
    occupation: pick('occupation', survivor.occupation, merged.occupation),
    identifiers,
    permanentAddress: pick('permanentAddress', survivor.permanentAddress, merged.permanentAddress),
    currentAddress: pick('currentAddress', survivor.currentAddress, merged.currentAddress),
    phoneMobile: pick('phoneMobile', survivor.phoneMobile, merged.phoneMobile),
    phoneLandline: pick('phoneLandline', survivor.phoneLandline, merged.phoneLandline),
    email: pick('email', survivor.email, merged.email),
    mother: pick('mother', survivor.mother, merged.mother),
    father: pick('father', survivor.father, merged.father),
    caregiver: pick('caregiver', survivor.caregiver, merged.caregiver),
    shareConsent: survivor.shareConsent && merged.shareConsent,
  };
  validatePersonFields(ctx, fields);

  ctx.store.tx(() => {
    const now = isoNow(ctx.clock);
    const moved: Record<string, number> = {};
    const dropped: Record<string, number> = {};
    for (const { table, column } of personReferences(ctx)) {
      // Rows the survivor already has an equivalent of (one part-B document, one register entry per
      // disease) stay the survivor's; the duplicate's copies are dropped and counted in the audit.
      const r = ctx.store.raw
        .prepare(`UPDATE OR IGNORE "${table}" SET "${column}" = ? WHERE "${column}" = ?`)
        .run(survivorId, mergedId);
      if (r.changes) moved[table] = r.changes;
      const left = ctx.store.raw.prepare(`DELETE FROM "${table}" WHERE "${column}" = ?`).run(mergedId);
      if (left.changes) dropped[table] = left.changes;
    }
    ctx.store
      .prepare('UPDATE households SET head_person_id = ? WHERE head_person_id = ?')
      .run(survivorId, mergedId);
    // The duplicate's own aliases, then the duplicate itself, now point at the survivor.
    ctx.store
      .prepare(`UPDATE person_identifiers SET person_id = ? WHERE person_id = ? AND kind = 'alias'`)
      .run(survivorId, mergedId);
    ctx.store.prepare(`DELETE FROM person_identifiers WHERE person_id = ?`).run(mergedId);
    ctx.store.prepare('DELETE FROM persons WHERE id = ?').run(mergedId);
    ctx.store
      .prepare(
        `INSERT INTO person_identifiers (person_id, kind, value, created_at) VALUES (?, 'alias', ?, ?)`,
      )
      .run(survivorId, mergedId, now);
    writeIdentifiers(ctx.store, survivorId, identifiers, now);
    const version = Math.max(survivor.version, merged.version) + 1;
    const lastVisit =
      [survivor.lastVisitOn, merged.lastVisitOn]
        .filter((d): d is string => d !== null)
        .sort()
        .pop() ?? null;
    ctx.store.run(
      ctx.store.qb
        .updateTable('persons')
        .set({
          ...fieldsToColumns(fields),
          version,
          last_visit_on: lastVisit,
          updated_at: now,
          updated_by: actor.userId,
        })
        .where('id', '=', survivorId),
    );
    appendAudit(
      ctx.store,
      actor,
      {
        action: 'person.merge',
        entity: 'person',
        entityId: survivorId,
        details: { mergedId, took: take, moved, dropped },
      },
      now,
    );
    queueOutbox(ctx.store, 'person', survivorId, version, 'upsert', now);
    queueOutbox(ctx.store, 'person', mergedId, version, 'merge', now);
  });
  return loadPerson(ctx, survivorId);
}
