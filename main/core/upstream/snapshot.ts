import type { PersonRecord } from '#contract/ops/persons.ts';
import type { DoseRecord, PartB, VisitRecord } from '#contract/ops/record.ts';
import type { CoreContext } from '../context.ts';
import { findPersonRow, loadPerson, resolvePersonId } from '../registry/persons.ts';
import { loadConsent, type Consent } from '../registry/consent.ts';
import { loadHistory } from '../record/history.ts';
import { partBWithMaternal } from '../record/maternal-part-b.ts';
import { listDoses } from '../record/person-schedule.ts';
import { loadVisit } from '../record/visits.ts';
import { vaccineByCode } from '../record/catalogue.ts';

/**
 * What an adapter sends, read at send time from the current data (never a stored payload): one
 * resident's whole record as the core keeps it. Read-only; built with the modules' own loaders.
 */
/** Part A's consent to share: state, the day the resident said so, who recorded it (nulls: never recorded). */
export type ConsentSnapshot = Consent;

export interface SnapshotDose extends DoseRecord {
  /** The vaccine series the dose belongs to ("DPT-VGB-HIB"); the code itself when not in the catalogue. */
  vaccine: string;
  /** Catalogue group (1 | 2 | 3); null for a code the catalogue does not know. */
  group: 1 | 2 | 3 | null;
  /** Dose number within the series (1-based); null when unknown. */
  dose: number | null;
}

/** The sending station, as its upstreams know it (SENDER_CODE / the FHIR Organization). */
export interface StationRef {
  code: string;
  name: string;
  provinceCode: string;
  communeCode: string;
}

export interface RecordData {
  /** Part A: identifiers (cccd, cmnd, bhyt, passport), both addresses with 2025 codes, household. */
  person: PersonRecord;
  consent: ConsentSnapshot;
  /** Part B. */
  history: PartB;
  /** Part C, each dose with its catalogue group (1 children's basic, 2 …, 3 …) and order in its series. */
  doses: SnapshotDose[];
  /** Part D: signed visits only (a draft is not part of the record yet), oldest first. */
  visits: VisitRecord[];
  /** Records merged into this one (person.aliases): the upstream retires them. */
  mergedAwayIds: string[];
}

export type RecordSnapshot =
  | {
      op: 'upsert';
      personId: string;
      /** The outbox version this snapshot was read at: an acknowledgement covers this version only. */
      version: number;
      record: RecordData;
    }
  | {
      /** The record was merged into another here: the upstream retires it (points it to the survivor). */
      op: 'retire';
      personId: string;
      version: number;
      /** The record it was merged into (null if that one is gone too). */
      survivorId: string | null;
    };

/** The whole current record of one resident (no audit: the engine audits the upload as a whole). */
export function loadRecordData(ctx: CoreContext, personId: string): RecordData {
  const person = loadPerson(ctx, personId);
  const visitIds = ctx.store
    .prepare(
      `SELECT id FROM visits WHERE person_id = ? AND status = 'signed' ORDER BY visit_on, created_at, id`,
    )
    .pluck()
    .all(personId) as string[];
  return {
    person,
    consent: loadConsent(ctx, personId),
    // B.7 from the pregnancy and family-planning records where they exist (issue 14).
    history:
      partBWithMaternal(ctx, personId, loadHistory(ctx, personId).history) ??
      loadHistory(ctx, personId).history,
    doses: listDoses(ctx, personId).map((d) => {
      const v = vaccineByCode(ctx, d.vaccineCode);
      return { ...d, vaccine: v?.vaccine ?? d.vaccineCode, group: v?.group ?? null, dose: v?.dose ?? null };
    }),
    visits: visitIds.map((id) => loadVisit(ctx, id)),
    mergedAwayIds: person.aliases,
  };
}

/**
 * The snapshot of one outbox row: the record if it still exists here, or a retirement if it was
 * merged away (or otherwise gone). `version` is the outbox row's version when it was read.
 */
export function loadRecordSnapshot(ctx: CoreContext, personId: string, version = 0): RecordSnapshot {
  if (findPersonRow(ctx, personId))
    return { op: 'upsert', personId, version, record: loadRecordData(ctx, personId) };
  return { op: 'retire', personId, version, survivorId: resolvePersonId(ctx, personId) };
}

/** The station's identity, for adapters that name the sender (read once per run). */
export function loadStationRef(ctx: CoreContext): StationRef {
  const r = ctx.store
    .prepare('SELECT code, name, province_code, commune_code FROM station WHERE id = 1')
    .get() as { code: string; name: string; province_code: string; commune_code: string } | undefined;
  return r
    ? { code: r.code, name: r.name, provinceCode: r.province_code, communeCode: r.commune_code }
    : { code: '', name: '', provinceCode: '', communeCode: '' };
}
