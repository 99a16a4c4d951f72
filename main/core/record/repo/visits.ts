/**
 * The visits repository: the one writer of `visits` and what hangs off a visit (`visit_diagnoses`,
 * `visit_labs`, `visit_versions`). Part D reaches the province once signed: signing and amending
 * mark the resident's record for upload; a draft (started, autosaved, discarded) is the nurse's
 * work in progress, never sent, and marks nothing. The fields a draft autosaves are written with
 * prepared statements (the hottest write in the app); the rest is built by kysely. Callers
 * validate, audit and hold the transaction.
 */
import type { VisitFields } from '#contract/ops/record.ts';
import type { Store } from '../../db/store.ts';
import { markRecord } from '../../sync/outbox.ts';

/** The free-text parts of a visit, kept as one JSON document. */
export interface VisitDocument {
  history: string;
  position: VisitFields['vitals']['position'];
  /** A child's head circumference and MUAC (831 D.2.1 for children), absent on older visits. */
  headCircumferenceCm?: number | null;
  muacMm?: number | null;
  vitalSources: VisitFields['vitalSources'];
  vision: VisitFields['vision'];
  exam: VisitFields['exam'];
  conclusion: string;
  counselling: string;
}

export interface Stamp {
  now: string;
  userId: string | null;
}

/** Values computed from the vitals when a visit is signed (null on a draft). */
export interface Derived {
  bmi: number | null;
  bpCategory: string | null;
}

const NOT_DERIVED: Derived = { bmi: null, bpCategory: null };

/** The visit's fields: its columns, its document, its diagnoses, tests and medicines. */
function writeFields(store: Store, id: string, v: VisitFields, extra: Derived): void {
  const doc: VisitDocument = {
    history: v.history,
    position: v.vitals.position,
    headCircumferenceCm: v.vitals.headCircumferenceCm,
    muacMm: v.vitals.muacMm,
    vitalSources: v.vitalSources,
    vision: v.vision,
    exam: v.exam,
    conclusion: v.conclusion,
    counselling: v.counselling,
  };
  store
    .prepare(
      `UPDATE visits SET visit_on = ?, reason = ?, pulse = ?, temperature_c = ?, systolic = ?, diastolic = ?, respiratory_rate = ?,
         weight_kg = ?, height_cm = ?, waist_cm = ?, bmi = ?, bp_category = ?, data = ?, follow_up_on = ?,
         treatment_method = ?, treatment_note = ?, referral_to = ?, referral_reason = ? WHERE id = ?`,
    )
    .run(
      v.visitOn,
      v.reason,
      v.vitals.pulse,
      v.vitals.temperatureC,
      v.vitals.systolic,
      v.vitals.diastolic,
      v.vitals.respiratoryRate,
      v.vitals.weightKg,
      v.vitals.heightCm,
      v.vitals.waistCm,
      extra.bmi,
      extra.bpCategory,
      JSON.stringify(doc),
      v.followUpOn,
      v.treatment.method,
      v.treatment.note,
      v.referral.to,
      v.referral.reason,
      id,
    );
  store.prepare('DELETE FROM visit_diagnoses WHERE visit_id = ?').run(id);
  store.prepare('DELETE FROM visit_labs WHERE visit_id = ?').run(id);
  store.prepare('DELETE FROM visit_medicines WHERE visit_id = ?').run(id);
  const dx = store.prepare(
    'INSERT INTO visit_diagnoses (visit_id, seq, icd_code, name, is_main, note) VALUES (?, ?, ?, ?, ?, ?)',
  );
  v.diagnoses.forEach((d, i) => dx.run(id, i, d.code, d.name, d.main ? 1 : 0, d.note));
  const lab = store.prepare(
    'INSERT INTO visit_labs (visit_id, seq, lab_group, name, result) VALUES (?, ?, ?, ?, ?)',
  );
  v.labs.forEach((l, i) => lab.run(id, i, l.group, l.name, l.result));
  const medicine = store.prepare(
    'INSERT INTO visit_medicines (visit_id, seq, name, dose, days) VALUES (?, ?, ?, ?, ?)',
  );
  v.medicines.forEach((m, i) => medicine.run(id, i, m.name, m.dose, m.days));
}

/** A new draft (version 1) with its first fields. Not marked: a draft is not sent. */
export function insertDraft(
  store: Store,
  d: { id: string; personId: string; examinerId: string | null; examinerName: string },
  v: VisitFields,
  stamp: Stamp,
): void {
  store.run(
    store.qb.insertInto('visits').values({
      id: d.id,
      person_id: d.personId,
      visit_on: v.visitOn,
      status: 'draft',
      version: 1,
      data: '{}',
      examiner_id: d.examinerId,
      examiner_name: d.examinerName,
      created_at: stamp.now,
      created_by: stamp.userId,
      updated_at: stamp.now,
      updated_by: stamp.userId,
    }),
  );
  writeFields(store, d.id, v, NOT_DERIVED);
}

/**
 * An autosave of a draft: its fields, and the next version. Not marked: a draft is not sent. The
 * hottest write in the app (every few seconds per open exam): prepared statements only.
 */
export function saveDraft(store: Store, id: string, v: VisitFields, stamp: Stamp): void {
  writeFields(store, id, v, NOT_DERIVED);
  store
    .prepare('UPDATE visits SET version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?')
    .run(stamp.now, stamp.userId, id);
}

/**
 * A signed state, first signature or amendment: the fields with their derived values, the version,
 * and a snapshot of it in visit_versions with the reason. Marks the resident's record.
 */
export function writeSigned(
  store: Store,
  visit: { id: string; personId: string; version: number },
  v: VisitFields,
  derived: Derived,
  reason: string,
  stamp: Stamp,
): void {
  writeFields(store, visit.id, v, derived);
  store.run(
    store.qb
      .updateTable('visits')
      .set((eb) => ({
        status: 'signed',
        version: visit.version,
        // The first signature stays the signature; an amendment is a new version of it.
        signed_at: eb.fn.coalesce('signed_at', eb.val(stamp.now)),
        signed_by: eb.fn.coalesce('signed_by', eb.val(stamp.userId)),
        updated_at: stamp.now,
        updated_by: stamp.userId,
      }))
      .where('id', '=', visit.id),
  );
  store.run(
    store.qb.insertInto('visit_versions').values({
      visit_id: visit.id,
      version: visit.version,
      snapshot: JSON.stringify(v),
      changed_at: stamp.now,
      changed_by: stamp.userId,
      reason,
    }),
  );
  refreshLastMeasurement(store, visit.personId);
  markRecord(store, visit.personId, stamp.now);
}

/** Each resident's last measurement in the order the reports have always meant it (0025). */
const LAST_MEASUREMENT = `SELECT person_id, id, visit_on, weight_kg, height_cm, json_extract(data, '$.position')
  FROM visits INDEXED BY visits_last_measured
  WHERE person_id = ? AND status = 'signed' AND (weight_kg IS NOT NULL OR height_cm IS NOT NULL)
  ORDER BY visit_on DESC, signed_at DESC, rowid DESC LIMIT 1`;

/**
 * `last_measurements` (migration 0025), the derived cache of each resident's latest signed exam with
 * a weight or a length/height, recomputed for one resident in the transaction of the write that can
 * change it (a signature or amendment may add, move or clear a measurement; a merge moves visits).
 */
export function refreshLastMeasurement(store: Store, personId: string): void {
  store.prepare('DELETE FROM last_measurements WHERE person_id = ?').run(personId);
  store
    .prepare(
      `INSERT INTO last_measurements (person_id, visit_id, visit_on, weight_kg, height_cm, position) ${LAST_MEASUREMENT}`,
    )
    .run(personId);
}

/** Every resident's, recomputed at once (the demo commune after its visits are written). */
export function refreshAllLastMeasurements(store: Store): void {
  store.tx(() => {
    store.prepare('DELETE FROM last_measurements').run();
    store
      .prepare(
        `INSERT INTO last_measurements (person_id, visit_id, visit_on, weight_kg, height_cm, position)
         SELECT person_id, id, visit_on, weight_kg, height_cm, position FROM (
           SELECT person_id, id, visit_on, weight_kg, height_cm, json_extract(data, '$.position') AS position,
                  row_number() OVER (PARTITION BY person_id ORDER BY visit_on DESC, signed_at DESC, rowid DESC) AS n
           FROM visits WHERE status = 'signed' AND (weight_kg IS NOT NULL OR height_cm IS NOT NULL)
         ) WHERE n = 1`,
      )
      .run();
  });
}

/**
 * A signed visit made in a screening campaign (and, for an exam done elsewhere, where it was done).
 * Written in the signing's transaction, whose signature already marked the record.
 */
export function setCampaign(store: Store, id: string, campaignId: string, examPlace: string): void {
  store.run(
    store.qb
      .updateTable('visits')
      .set({ campaign_id: campaignId, exam_place: examPlace })
      .where('id', '=', id),
  );
}

/** A draft thrown away (its diagnoses, tests and medicines go with it). Not marked: it was never sent. */
export function deleteDraft(store: Store, id: string): void {
  store.run(store.qb.deleteFrom('visits').where('id', '=', id).where('status', '=', 'draft'));
}

/** A merge: the duplicate's visits become the survivor's. Returns how many moved. */
export function reassignVisits(store: Store, fromPersonId: string, toPersonId: string, now: string): number {
  const moved = store.run(
    store.qb.updateTable('visits').set({ person_id: toPersonId }).where('person_id', '=', fromPersonId),
  ).changes;
  if (moved > 0) {
    refreshLastMeasurement(store, fromPersonId);
    refreshLastMeasurement(store, toPersonId);
    markRecord(store, toPersonId, now);
  }
  return moved;
}

/** A signed visit of the demo commune. Not marked: the demo commune is never sent. */
export interface SeedVisit {
  id: string;
  personId: string;
  visitOn: string;
  reason: string;
  pulse: number | null;
  temperatureC: number | null;
  systolic: number | null;
  diastolic: number | null;
  weightKg: number | null;
  heightCm: number | null;
  bmi: number | null;
  bpCategory: string | null;
  data: string;
  followUpOn: string | null;
  examiner: { id: string; name: string };
  signedAt: string;
  diagnosis: { code: string; name: string } | null;
  /** An NCD follow-up's treatment: the method and the one medicine given. */
  treatment?: { method: string; medicine: { name: string; dose: string; days: number } };
}

/** Prepared statements for the demo commune's ten years of visits (the caller's transaction). */
export function seedVisits(store: Store): (v: SeedVisit) => void {
  const insert = store.prepare(
    `INSERT INTO visits (id, person_id, visit_on, status, version, reason, pulse, temperature_c, systolic, diastolic, weight_kg, height_cm, bmi, bp_category, data,
       follow_up_on, examiner_id, examiner_name, signed_at, signed_by, created_at, created_by, updated_at, updated_by, treatment_method)
     VALUES (?, ?, ?, 'signed', 2, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const diagnosis = store.prepare(
    'INSERT INTO visit_diagnoses (visit_id, seq, icd_code, name, is_main) VALUES (?, 0, ?, ?, 1)',
  );
  const medicine = store.prepare(
    'INSERT INTO visit_medicines (visit_id, seq, name, dose, days) VALUES (?, 0, ?, ?, ?)',
  );
  return (v) => {
    const by = v.examiner.id;
    insert.run(
      v.id,
      v.personId,
      v.visitOn,
      v.reason,
      v.pulse,
      v.temperatureC,
      v.systolic,
      v.diastolic,
      v.weightKg,
      v.heightCm,
      v.bmi,
      v.bpCategory,
      v.data,
      v.followUpOn,
      by,
      v.examiner.name,
      v.signedAt,
      by,
      v.signedAt,
      by,
      v.signedAt,
      by,
      v.treatment?.method ?? '',
    );
    if (v.diagnosis) diagnosis.run(v.id, v.diagnosis.code, v.diagnosis.name);
    if (v.treatment) {
      const m = v.treatment.medicine;
      medicine.run(v.id, m.name, m.dose, m.days);
    }
  };
}
