/**
 * Who is due for an antenatal visit on a day (issue 14, "Hôm nay"): every open pregnancy whose next
 * visit — the appointment given at the last visit, or the schedule's next window — has come, most
 * overdue first. Reads the open episodes through their partial index (a commune has a few hundred)
 * and their visits in one pass.
 */
import type { CoreContext } from '../context.ts';
import { dueLabel, dueOf } from './maternal-record.ts';
import type { AntenatalDue } from './rules/pregnancy.ts';

export interface AntenatalDuePerson {
  personId: string;
  pregnancyId: string;
  due: AntenatalDue;
  note: string;
}

export function antenatalDueOn(ctx: CoreContext, today: string): AntenatalDuePerson[] {
  const open = ctx.store
    .prepare(
      `SELECT p.id, p.person_id, p.lmp FROM pregnancies p JOIN persons s ON s.id = p.person_id
       WHERE p.outcome IS NULL AND p.lmp <= ? AND s.status = 'active'`,
    )
    .all(today) as { id: string; person_id: string; lmp: string }[];
  if (open.length === 0) return [];
  const visits = ctx.store
    .prepare(
      `SELECT v.pregnancy_id, v.visit_on, v.next_visit_on FROM antenatal_visits v
       JOIN pregnancies p ON p.id = v.pregnancy_id WHERE p.outcome IS NULL ORDER BY v.visit_on`,
    )
    .all() as { pregnancy_id: string; visit_on: string; next_visit_on: string | null }[];
  const byPregnancy = new Map<string, { visit_on: string; next_visit_on: string | null }[]>();
  for (const v of visits) {
    const list = byPregnancy.get(v.pregnancy_id);
    if (list) list.push(v);
    else byPregnancy.set(v.pregnancy_id, [v]);
  }
  const out: AntenatalDuePerson[] = [];
  for (const p of open) {
    const due = dueOf(p.lmp, byPregnancy.get(p.id) ?? [], today);
    if (due && due.daysLate >= 0)
      out.push({ personId: p.person_id, pregnancyId: p.id, due, note: dueLabel(due) });
  }
  return out.sort((a, b) => b.due.daysLate - a.due.daysLate || a.personId.localeCompare(b.personId));
}
