/**
 * The persons repository: the one writer of `persons` and `person_identifiers` (the full-text
 * index follows `persons` by its triggers). Every write that changes what the province sees of a
 * resident marks the record in the outbox in the caller's transaction; callers validate, audit and
 * hold the transaction (`store.tx`). Ordinary writes are built by kysely; the bulk writer (a
 * population list, the demo commune) binds prepared statements once and reuses them per row.
 */
import type { Identifier, PersonFields } from '#contract/ops/persons.ts';
import type { PersonRow } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { markMerged, markRecord } from '../../sync/outbox.ts';
import { identifierRows } from '../identifiers.ts';
import { fieldsToColumns, PART_A_COLUMNS, type PartAColumns } from '../person-row.ts';

/** When and by whom: every write stamps updated_at and updated_by. */
export interface Stamp {
  now: string;
  userId: string | null;
}

const INSERT_IDENTIFIER = `INSERT INTO person_identifiers (person_id, kind, value, issued_on, issued_by, valid_from, valid_to, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
const DELETE_USER_IDENTIFIERS = `DELETE FROM person_identifiers WHERE person_id = ? AND kind <> 'alias'`;

/** The rows of a person's numbers (the BHXH number a BHYT card carries among them). */
function identifierValues(personId: string, ids: readonly Identifier[], now: string) {
  return identifierRows(ids).map((id) => ({
    person_id: personId,
    kind: id.kind,
    value: id.value,
    issued_on: id.issuedOn,
    issued_by: id.issuedBy || null,
    valid_from: id.validFrom,
    valid_to: id.validTo,
    created_at: now,
  }));
}

function insertIdentifiers(store: Store, personId: string, ids: readonly Identifier[], now: string): void {
  const rows = identifierValues(personId, ids, now);
  if (rows.length) store.run(store.qb.insertInto('person_identifiers').values(rows));
}

/** Replaces a person's user-held numbers (aliases of merged records are kept). */
function replaceIdentifiers(store: Store, personId: string, ids: readonly Identifier[], now: string): void {
  store.run(
    store.qb.deleteFrom('person_identifiers').where('person_id', '=', personId).where('kind', '<>', 'alias'),
  );
  insertIdentifiers(store, personId, ids, now);
}

/** A new resident (version 1, active) with their identity numbers. */
export function insertPerson(store: Store, id: string, p: PersonFields, stamp: Stamp): void {
  store.run(
    store.qb.insertInto('persons').values({
      id,
      ...fieldsToColumns(p),
      status: 'active',
      status_date: null,
      status_note: '',
      created_at: stamp.now,
      updated_at: stamp.now,
      version: 1,
      last_visit_on: null,
      created_by: stamp.userId,
      updated_by: stamp.userId,
    }),
  );
  insertIdentifiers(store, id, p.identifiers, stamp.now);
  markRecord(store, id, stamp.now);
}

/** Part A rewritten as `version`; the identity numbers too when they changed. */
export function updatePerson(
  store: Store,
  id: string,
  p: PersonFields,
  version: number,
  stamp: Stamp,
  options: { identifiers: boolean },
): void {
  store.run(
    store.qb
      .updateTable('persons')
      .set({ ...fieldsToColumns(p), updated_at: stamp.now, updated_by: stamp.userId, version })
      .where('id', '=', id),
  );
  if (options.identifiers) replaceIdentifiers(store, id, p.identifiers, stamp.now);
  markRecord(store, id, stamp.now);
}

/** Moved out, deceased (with the day) or back to active. */
export function setStatus(
  store: Store,
  id: string,
  s: { status: PersonRow['status']; date: string | null; note: string },
  version: number,
  stamp: Stamp,
): void {
  store.run(
    store.qb
      .updateTable('persons')
      .set({
        status: s.status,
        status_date: s.status === 'active' ? null : s.date,
        status_note: s.note,
        updated_at: stamp.now,
        updated_by: stamp.userId,
        version,
      })
      .where('id', '=', id),
  );
  markRecord(store, id, stamp.now);
}

/** Household membership: which household, and the relation to its head (A.2). */
export function setMembership(
  store: Store,
  id: string,
  set: { household_id?: string | null; relation_to_head?: string },
  version: number,
  stamp: Stamp,
): void {
  store.run(
    store.qb
      .updateTable('persons')
      .set({ ...set, version, updated_at: stamp.now, updated_by: stamp.userId })
      .where('id', '=', id),
  );
  markRecord(store, id, stamp.now);
}

/**
 * `last_visit_on` is a cache of the latest signed visit's day (the NCD lists read it instead of
 * scanning visits). Not marked: it is derived, and the signing that changes it marks the record.
 */
export function refreshLastVisitOn(store: Store, personId: string): void {
  store.run(
    store.qb
      .updateTable('persons')
      .set((eb) => ({
        last_visit_on: eb
          .selectFrom('visits')
          .select((v) => v.fn.max('visit_on').as('day'))
          .where('person_id', '=', personId)
          .where('status', '=', 'signed'),
      }))
      .where('id', '=', personId),
  );
}

/**
 * The last step of a merge, once every child record has moved: the duplicate's aliases and its own
 * id become aliases of the survivor, the duplicate's row goes, and the survivor takes the fields
 * chosen. Both records are marked: the survivor changed, the duplicate is to be retired upstream.
 */
export function absorbPerson(
  store: Store,
  m: {
    survivorId: string;
    mergedId: string;
    fields: PersonFields;
    version: number;
    lastVisitOn: string | null;
  },
  stamp: Stamp,
): void {
  store.run(
    store.qb
      .updateTable('person_identifiers')
      .set({ person_id: m.survivorId })
      .where('person_id', '=', m.mergedId)
      .where('kind', '=', 'alias'),
  );
  store.run(store.qb.deleteFrom('person_identifiers').where('person_id', '=', m.mergedId));
  store.run(store.qb.deleteFrom('persons').where('id', '=', m.mergedId));
  store.run(
    store.qb
      .insertInto('person_identifiers')
      .values({ person_id: m.survivorId, kind: 'alias', value: m.mergedId, created_at: stamp.now }),
  );
  replaceIdentifiers(store, m.survivorId, m.fields.identifiers, stamp.now);
  store.run(
    store.qb
      .updateTable('persons')
      .set({
        ...fieldsToColumns(m.fields),
        version: m.version,
        last_visit_on: m.lastVisitOn,
        updated_at: stamp.now,
        updated_by: stamp.userId,
      })
      .where('id', '=', m.survivorId),
  );
  markRecord(store, m.survivorId, stamp.now);
  markMerged(store, m.mergedId, stamp.now);
}

/** Status and provenance of a person written in bulk. */
export interface BulkMeta {
  status?: PersonRow['status'];
  statusDate?: string | null;
  identifiers: readonly Identifier[];
  now: string;
  userId: string | null;
}

export interface PersonsBulk {
  /** A new resident, version 1. Returns how many identity numbers were written. */
  insert(id: string, columns: PartAColumns, meta: BulkMeta): number;
  /**
   * A registered resident's part A from a list: every column but the household, which a list only
   * gives to someone without one (`columns.household_id` is taken when theirs is empty).
   */
  update(id: string, columns: PartAColumns, meta: BulkMeta): void;
  /** The `last_visit_on` cache, for visits written in bulk (the demo commune's history). */
  setLastVisitOn(id: string, day: string): void;
}

/**
 * Prepared statements for writing thousands of residents in the caller's transaction. `outbox`
 * is false only for the synthetic demo commune, which must never be uploaded.
 */
export function personsBulk(store: Store, options: { outbox: boolean }): PersonsBulk {
  const values = (c: PartAColumns) => PART_A_COLUMNS.map((k) => c[k]);
  const insert = store.prepare(
    `INSERT INTO persons (id, ${PART_A_COLUMNS.join(', ')}, status, status_date, status_note, created_at, updated_at, version, created_by, updated_by)
     VALUES (?, ${PART_A_COLUMNS.map(() => '?').join(', ')}, ?, ?, '', ?, ?, 1, ?, ?)`,
  );
  const kept = PART_A_COLUMNS.filter((c) => c !== 'household_id');
  const update = store.prepare(
    `UPDATE persons SET ${kept.map((c) => `${c} = ?`).join(', ')}, household_id = coalesce(household_id, ?),
       updated_at = ?, updated_by = ?, version = version + 1
     WHERE id = ?`,
  );
  const setLastVisitOn = store.prepare('UPDATE persons SET last_visit_on = ? WHERE id = ?');
  const insertIdentifier = store.prepare(INSERT_IDENTIFIER);
  const deleteIdentifiers = store.prepare(DELETE_USER_IDENTIFIERS);
  const identifiers = (personId: string, ids: readonly Identifier[], now: string): number => {
    const rows = identifierRows(ids);
    for (const id of rows) {
      insertIdentifier.run(
        personId,
        id.kind,
        id.value,
        id.issuedOn,
        id.issuedBy || null,
        id.validFrom,
        id.validTo,
        now,
      );
    }
    return rows.length;
  };
  return {
    insert(id, columns, meta) {
      insert.run(
        id,
        ...values(columns),
        meta.status ?? 'active',
        meta.statusDate ?? null,
        meta.now,
        meta.now,
        meta.userId,
        meta.userId,
      );
      const written = identifiers(id, meta.identifiers, meta.now);
      if (options.outbox) markRecord(store, id, meta.now);
      return written;
    },
    update(id, columns, meta) {
      update.run(...kept.map((k) => columns[k]), columns.household_id, meta.now, meta.userId, id);
      deleteIdentifiers.run(id);
      identifiers(id, meta.identifiers, meta.now);
      if (options.outbox) markRecord(store, id, meta.now);
    },
    setLastVisitOn: (id, day) => setLastVisitOn.run(day, id),
  };
}
