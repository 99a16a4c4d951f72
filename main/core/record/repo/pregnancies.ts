/**
 * The maternal-health repository (issue 14): the one writer of `pregnancies`, `antenatal_visits`
 * and `family_planning`. All three are part of the record the province receives: every write
 * marks the resident's record in the same transaction. Callers validate, audit and hold it.
 */
import type { Database } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { markRecord } from '../../sync/outbox.ts';
import type { Insertable } from 'kysely';

type NewPregnancy = Insertable<Database['pregnancies']>;
type NewAntenatal = Insertable<Database['antenatal_visits']>;
type NewFp = Insertable<Database['family_planning']>;

export function insertPregnancy(store: Store, row: NewPregnancy): void {
  store.run(store.qb.insertInto('pregnancies').values(row));
  markRecord(store, row.person_id, row.updated_at);
}

/** Corrects an episode's dates and counts, or records how it ended. */
export function updatePregnancy(
  store: Store,
  id: string,
  personId: string,
  set: Partial<Omit<NewPregnancy, 'id' | 'person_id' | 'created_at' | 'created_by'>> & { updated_at: string },
): void {
  store.run(store.qb.updateTable('pregnancies').set(set).where('id', '=', id));
  markRecord(store, personId, set.updated_at);
}

/** A corrected LMP: each visit's gestational age (days since the LMP) follows it. */
export function restateGestation(store: Store, pregnancyId: string, lmp: string): void {
  store
    .prepare(
      `UPDATE antenatal_visits SET gest_days = CAST(julianday(visit_on) - julianday(?) AS INTEGER) WHERE pregnancy_id = ?`,
    )
    .run(lmp, pregnancyId);
}

export function insertAntenatalVisit(store: Store, row: NewAntenatal): void {
  store.run(store.qb.insertInto('antenatal_visits').values(row));
  markRecord(store, row.person_id, row.recorded_at);
}

/** A new family-planning method, or a change to one of the person's (its follow-up, its end). */
export function saveFpMethod(store: Store, row: NewFp): void {
  store.run(
    store.qb
      .insertInto('family_planning')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet({
            method: row.method,
            method_text: row.method_text,
            started_on: row.started_on,
            follow_up_on: row.follow_up_on,
            ended_on: row.ended_on,
            updated_at: row.updated_at,
            updated_by: row.updated_by,
          })
          .where('family_planning.person_id', '=', row.person_id),
      ),
  );
  markRecord(store, row.person_id, row.updated_at);
}

/** A merge: the duplicate's pregnancies, antenatal visits and methods become the survivor's. */
export function reassignMaternal(
  store: Store,
  fromPersonId: string,
  toPersonId: string,
  now: string,
): number {
  const moved =
    store.run(
      store.qb
        .updateTable('pregnancies')
        .set({ person_id: toPersonId })
        .where('person_id', '=', fromPersonId),
    ).changes +
    store.run(
      store.qb
        .updateTable('antenatal_visits')
        .set({ person_id: toPersonId })
        .where('person_id', '=', fromPersonId),
    ).changes +
    store.run(
      store.qb
        .updateTable('family_planning')
        .set({ person_id: toPersonId })
        .where('person_id', '=', fromPersonId),
    ).changes;
  if (moved > 0) markRecord(store, toPersonId, now);
  return moved;
}

/** The demo commune's writers (prepared once). Not marked: the demo commune is never sent. */
export function seedMaternal(store: Store): {
  pregnancy: (row: NewPregnancy) => void;
  visit: (row: NewAntenatal) => void;
  method: (row: NewFp) => void;
} {
  const p = store.prepare(
    `INSERT INTO pregnancies (id, person_id, lmp, edd, gravida, para, outcome, ended_on, delivery_place,
       delivery_mode, baby_weight_g, outcome_note, created_at, created_by, updated_at)
     VALUES (@id, @person_id, @lmp, @edd, @gravida, @para, @outcome, @ended_on, @delivery_place,
       @delivery_mode, @baby_weight_g, @outcome_note, @created_at, @created_by, @updated_at)`,
  );
  const v = store.prepare(
    `INSERT INTO antenatal_visits (id, pregnancy_id, person_id, visit_on, gest_days, weight_kg, systolic,
       diastolic, fundal_height_cm, risk_signs, risk_note, iron_folic, tetanus_dose_id, next_visit_on, note,
       recorded_at, recorded_by)
     VALUES (@id, @pregnancy_id, @person_id, @visit_on, @gest_days, @weight_kg, @systolic, @diastolic,
       @fundal_height_cm, @risk_signs, @risk_note, @iron_folic, @tetanus_dose_id, @next_visit_on, @note,
       @recorded_at, @recorded_by)`,
  );
  const m = store.prepare(
    `INSERT INTO family_planning (id, person_id, method, method_text, started_on, follow_up_on, ended_on,
       source, created_at, updated_at, updated_by)
     VALUES (@id, @person_id, @method, @method_text, @started_on, @follow_up_on, @ended_on, @source,
       @created_at, @updated_at, @updated_by)`,
  );
  return {
    pregnancy: (row) =>
      p.run({
        gravida: null,
        para: null,
        outcome: null,
        ended_on: null,
        delivery_place: '',
        delivery_mode: '',
        baby_weight_g: null,
        outcome_note: '',
        created_by: null,
        ...row,
      }),
    visit: (row) =>
      v.run({
        weight_kg: null,
        systolic: null,
        diastolic: null,
        fundal_height_cm: null,
        risk_signs: '[]',
        risk_note: '',
        iron_folic: 0,
        tetanus_dose_id: null,
        next_visit_on: null,
        note: '',
        recorded_by: null,
        ...row,
      }),
    method: (row) =>
      m.run({
        method_text: '',
        started_on: null,
        follow_up_on: null,
        ended_on: null,
        source: 'entered',
        updated_by: null,
        ...row,
      }),
  };
}
