import type { PersonRecord } from '#contract/ops/persons.ts';
import type { DoseRecord, PartB, ScheduleItem, VaccineItem, VisitRecord } from '#contract/ops/record.ts';

/**
 * What the form builders print, gathered by `load.ts` from the database. The builders
 * (`defs/*.ts`) are pure functions of these: data in, pdfmake definition out.
 */
export interface StationHeading {
  name: string;
  commune: string;
  province: string;
}

/** Who printed and when, for the footer of every page. */
export interface PrintStamp {
  by: string;
  /** dd/mm/yyyy HH:MM, local time of the station. */
  at: string;
}

/** Part A with its codes turned into the names the paper shows. */
export interface PersonForm {
  person: PersonRecord;
  ethnicity: string;
  birthProvince: string;
  nationality: string;
}

export interface FormCommon {
  station: StationHeading;
  stamp: PrintStamp;
}

export interface RecordFormData extends FormCommon {
  person: PersonForm;
  history: PartB | null;
  doses: DoseRecord[];
  /** The catalogue gives C.1–C.3 their rows (a dose not given still prints its row). */
  vaccines: VaccineItem[];
  visits: VisitRecord[];
  /** Which visits are printed ("Các lượt khám năm 2026"). */
  visitsNote: string;
}

export interface VisitFormData extends FormCommon {
  person: PersonForm;
  visit: VisitRecord;
}

export interface ImmunizationFormData extends FormCommon {
  person: PersonForm;
  doses: DoseRecord[];
  vaccines: VaccineItem[];
  schedule: ScheduleItem[];
  next: { date: string; names: string[] } | null;
  motherTetanusDoses: number | null;
}

export interface AppointmentFormData extends FormCommon {
  person: PersonForm;
  /** yyyy-mm-dd */
  date: string;
  /** What for ("Tái khám tăng huyết áp", "Tiêm Sởi 1"). */
  purposes: string[];
  fromVisitOn: string | null;
  paper: 'A5' | 'A6';
}
