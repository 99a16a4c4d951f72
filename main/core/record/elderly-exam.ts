/**
 * Residents of 60 and over due for their yearly exam (Luật Người cao tuổi; rules/elderly.ts), for
 * "Hôm nay": counted and listed in SQL through the birth-year index (persons_year_name) — on 100,000
 * residents a fifth are 60 or over, too many to judge one by one in JavaScript on every visit to
 * "Hôm nay" — longest-waiting first (never examined, then the oldest last exam). The listed rows'
 * notes come from the rule, which the tests hold the SQL to.
 */
import type { CoreContext } from '../context.ts';
import { addMonths } from './rules/dates.ts';
import { annualExamDue, annualExamSince, ELDERLY_FROM_YEARS } from './rules/elderly.ts';

export interface ElderlyDue {
  personId: string;
  note: string;
}

// A year-only birth date counts from the year (as the rule does); a full one from the 60th birthday.
const WHERE = `birth_year <= ? AND status = 'active' AND (last_visit_on IS NULL OR last_visit_on < ?)
  AND (length(birth_date) <> 10 OR birth_date <= ?)`;

export function elderlyExamsDue(
  ctx: CoreContext,
  today: string,
  limit: number,
): { total: number; people: ElderlyDue[] } {
  const args = [
    Number(today.slice(0, 4)) - ELDERLY_FROM_YEARS,
    annualExamSince(today),
    addMonths(today, -12 * ELDERLY_FROM_YEARS)!,
  ];
  const total = ctx.store
    .prepare(`SELECT count(*) FROM persons WHERE ${WHERE}`)
    .pluck()
    .get(...args) as number;
  const rows = ctx.store
    .prepare(
      `SELECT id, birth_date, last_visit_on FROM persons WHERE ${WHERE}
       ORDER BY last_visit_on IS NOT NULL, last_visit_on, pk LIMIT ?`,
    )
    .all(...args, limit) as { id: string; birth_date: string; last_visit_on: string | null }[];
  return {
    total,
    people: rows.flatMap((r) => {
      const d = annualExamDue(r.birth_date, r.last_visit_on, today);
      return d.due ? [{ personId: r.id, note: d.note }] : [];
    }),
  };
}
