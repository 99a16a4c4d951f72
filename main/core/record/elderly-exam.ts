/**
 * Residents of 60 and over due for their yearly exam (Luật Người cao tuổi; rules/elderly.ts), for
 * "Hôm nay": read through the birth-year index (persons_year_name), then judged by the rule on the
 * full birth date, longest-waiting first (never examined, then the oldest last exam).
 */
import type { CoreContext } from '../context.ts';
import { annualExamDue, annualExamSince, ELDERLY_FROM_YEARS } from './rules/elderly.ts';

export interface ElderlyDue {
  personId: string;
  note: string;
}

export function elderlyExamsDue(
  ctx: CoreContext,
  today: string,
  limit: number,
): { total: number; people: ElderlyDue[] } {
  const lastYear = Number(today.slice(0, 4)) - ELDERLY_FROM_YEARS;
  const rows = ctx.store
    .prepare(
      `SELECT id, birth_date, last_visit_on FROM persons
       WHERE birth_year <= ? AND status = 'active' AND (last_visit_on IS NULL OR last_visit_on < ?)`,
    )
    .all(lastYear, annualExamSince(today)) as {
    id: string;
    birth_date: string;
    last_visit_on: string | null;
  }[];
  const due: (ElderlyDue & { last: string })[] = [];
  for (const r of rows) {
    const d = annualExamDue(r.birth_date, r.last_visit_on, today);
    if (d.due) due.push({ personId: r.id, note: d.note, last: r.last_visit_on ?? '' });
  }
  due.sort((a, b) => (a.last < b.last ? -1 : a.last > b.last ? 1 : 0));
  return { total: due.length, people: due.slice(0, limit).map(({ personId, note }) => ({ personId, note })) };
}
