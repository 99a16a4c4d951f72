import { VACCINE_CATALOGUE } from '../../record/rules/vaccines.ts';
import type { RecordData } from '../snapshot.ts';
import type { Xml831Record } from './source.ts';

const CATALOGUE = new Map(VACCINE_CATALOGUE.map((d) => [d.code, d]));

/** The snapshot's record as the XML builder takes it (the static catalogue fills a dose's group and order if missing). */
export function toXml831Record(data: RecordData): Xml831Record {
  return {
    person: data.person,
    history: data.history,
    doses: data.doses.map((d) => ({
      ...d,
      group: d.group ?? CATALOGUE.get(d.vaccineCode)?.group ?? null,
      dose: d.dose ?? CATALOGUE.get(d.vaccineCode)?.dose ?? null,
    })),
    visits: data.visits,
  };
}
