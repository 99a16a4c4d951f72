/**
 * Is a woman pregnant now, as far as the record can tell — so that her tetanus doses (UV1–UV5,
 * 831 C.3) are proposed before any of them is recorded. There is no pregnancy episode yet (issue 14
 * point 2); what the record knows today is:
 *
 * - a dose recorded with its month of pregnancy ("tháng thai", 1–10): at month m on day g she is
 *   expected to deliver about (10 − m) months later, so the pregnancy is current until then;
 * - part B "Kỳ có thai cuối cùng" (free text) when it holds a month or a day — "10/2026",
 *   "05/10/2026", "2026-10", "2026-10-05" — read as the start of her last pregnancy, current for
 *   ten months from it. A year alone ("2019") says nothing about now.
 *
 * - a pregnancy episode (issue 14 point 2, rules/pregnancy.ts): the surest evidence — current
 *   from its last menstrual period until it ends (or, if its end is never recorded, 44 weeks),
 *   known from the day it was recorded (not the LMP: a dose cannot be late before anyone knew).
 *
 * The answer's `knownOn` is the day the pregnancy is known from: her tetanus dose is due then.
 */
import { addDays, addMonths, isIsoDate } from './dates.ts';
import { MAX_OPEN_DAYS } from './pregnancy.ts';

export interface PregnancyEvidence {
  /** Her doses with the month of pregnancy they were given in (any vaccine). */
  doses: readonly { date: string; pregnancyMonth: number | null | undefined }[];
  /** Part B reproductive health, "Kỳ có thai cuối cùng". */
  lastPregnancy: string;
  /** Her pregnancy episodes: the first day of the last period and the day it ended (null: open). */
  episodes?: readonly { lmp: string; recordedOn: string; endedOn: string | null }[];
}

export interface CurrentPregnancy {
  knownOn: string;
  /** Expected end: past it the pregnancy is no longer current. */
  endsAbout: string;
  source: 'dose' | 'history' | 'episode';
}

/** Ten months from the start of a pregnancy (the Vietnamese count of "tháng thai" ends at 10). */
const PREGNANCY_MONTHS = 10;

export function currentPregnancy(e: PregnancyEvidence, asOf: string): CurrentPregnancy | null {
  let best: CurrentPregnancy | null = null;
  const keep = (c: CurrentPregnancy) => {
    // Several doses of one pregnancy: it is known from the first of them.
    if (!best || c.knownOn < best.knownOn) best = c;
  };
  for (const d of e.doses) {
    const m = d.pregnancyMonth;
    if (typeof m !== 'number' || !Number.isInteger(m) || m < 1 || m > PREGNANCY_MONTHS) continue;
    if (!isIsoDate(d.date) || d.date > asOf) continue;
    const endsAbout = addMonths(d.date, PREGNANCY_MONTHS - m);
    if (endsAbout && asOf < endsAbout) keep({ knownOn: d.date, endsAbout, source: 'dose' });
  }
  const start = monthOrDay(e.lastPregnancy);
  if (start && start <= asOf) {
    const endsAbout = addMonths(start, PREGNANCY_MONTHS);
    if (endsAbout && asOf < endsAbout) keep({ knownOn: start, endsAbout, source: 'history' });
  }
  for (const ep of e.episodes ?? []) {
    if (!isIsoDate(ep.lmp) || ep.lmp > asOf) continue;
    const endsAbout = ep.endedOn ?? addDays(ep.lmp, MAX_OPEN_DAYS);
    const knownOn = isIsoDate(ep.recordedOn) && ep.recordedOn > ep.lmp ? ep.recordedOn : ep.lmp;
    if (endsAbout && asOf < endsAbout)
      keep({ knownOn: knownOn <= asOf ? knownOn : ep.lmp, endsAbout, source: 'episode' });
  }
  return best;
}

/** "05/10/2026", "5/10/2026", "10/2026", "2026-10-05", "2026-10" → yyyy-mm-dd (a month: its first day). */
export function monthOrDay(text: string): string | undefined {
  const s = (text ?? '').trim();
  let y: string,
    mo: string,
    d = '1';
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) [, d, mo, y] = m;
  else if ((m = /^(\d{1,2})[/.-](\d{4})$/.exec(s))) [, mo, y] = m;
  else if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) [, y, mo, d] = m;
  else if ((m = /^(\d{4})-(\d{1,2})$/.exec(s))) [, y, mo] = m;
  else return undefined;
  const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}
