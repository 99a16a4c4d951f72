import type { PersonRecord } from '#contract/ops/persons.ts';
import type { DoseRecord, PartB, VisitRecord } from '#contract/ops/record.ts';

/**
 * What the 831 XML is built from: one resident's whole record as the core keeps it (the engine's
 * RecordSnapshot carries these). Typed from the contract so a field added to the record shows up
 * here, and README "not sent, because …" can stay honest.
 */
export interface Xml831Dose extends DoseRecord {
  /** The catalogue's group (831 C.1 basic child = 1, C.2 outside the programme = 2, C.3 tetanus in pregnancy = 3);
   * null for a station's own vaccine the catalogue does not know. */
  readonly group: number | null;
  /** The dose's order in its vaccine's series (1 for BCG, 3 for DPT-VGB-Hib 3). */
  readonly dose: number | null;
}

export interface Xml831Record {
  readonly person: PersonRecord;
  readonly history: PartB | null;
  readonly doses: readonly Xml831Dose[];
  /** Signed visits only: a draft is never sent. */
  readonly visits: readonly VisitRecord[];
}

/** The station as the receiver knows it: SENDER_CODE must be the unit code bound to the login. */
export interface Xml831Sender {
  readonly code: string;
  readonly name: string;
}
