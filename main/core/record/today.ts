import type { z } from 'zod';
import { isoToVn } from '#contract/dates.ts';
import type { QueueItem, TodayQueue } from '#contract/ops/record.ts';
import type { CoreContext } from '../context.ts';
import { todayIn } from '../registry/age.ts';
import { summariesByIds } from '../registry/summaries.ts';
import { antenatalDueOn } from './antenatal-due.ts';
import { dueOn, refreshRecentDue, type DuePerson } from './immunization-due.ts';
import { overdueNcd } from './ncd.ts';
import { elderlyExamsDue } from './elderly-exam.ts';

type Item = z.output<typeof QueueItem>;

/** How many children due for a vaccine are listed (most overdue first); the total is counted apart. */
const IMMUNIZATION_ROWS = 100;

function immunizationNote(d: DuePerson, appointmentToday: boolean): string {
  const names = d.doses.map((x) => x.name).join(', ');
  if (appointmentToday && d.daysOverdue === 0) return `Hẹn tiêm hôm nay: ${names}`;
  if (d.daysOverdue === 0) return `Đến hạn tiêm hôm nay: ${names}`;
  return `Quá hạn ${d.daysOverdue} ngày (từ ${isoToVn(d.doses[0].due)}): ${names}`;
}

/**
 * "Hôm nay": today's exams (drafts first, so nothing half-done is forgotten), then who is due
 * today — children due or overdue for a vaccine (by the same schedule their record shows, and
 * anyone given an appointment for today), NCD follow-ups due or overdue, and residents of 60 and
 * over due for their yearly exam.
 */
export function todayQueue(ctx: CoreContext): z.input<typeof TodayQueue> {
  const today = todayIn(ctx.clock);
  // A child registered a moment ago is listed now, not after the background refresher's next turn.
  refreshRecentDue(ctx, 50);
  // Two indexed reads (today's visits; every unfinished draft) rather than one OR that reads all visits.
  type Row = {
    id: string;
    person_id: string;
    status: 'draft' | 'signed';
    reason: string;
    updated_at: string;
  };
  const drafts = ctx.store
    .prepare(
      `SELECT id, person_id, status, reason, updated_at FROM visits WHERE status = 'draft' ORDER BY updated_at DESC LIMIT 200`,
    )
    .all() as Row[];
  const signedToday = ctx.store
    .prepare(
      `SELECT id, person_id, status, reason, updated_at FROM visits WHERE visit_on = ? AND status = 'signed' ORDER BY updated_at DESC LIMIT 200`,
    )
    .all(today) as Row[];
  const visits = [...drafts, ...signedToday].slice(0, 200);
  const appointments = new Set(
    ctx.store
      .prepare(`SELECT DISTINCT person_id FROM immunizations WHERE next_on = ? LIMIT 200`)
      .pluck()
      .all(today) as string[],
  );
  const due = dueOn(ctx, today, IMMUNIZATION_ROWS);
  const dueIds = new Set(due.people.map((d) => d.personId));
  // An appointment given for today whose dose the schedule does not (yet) call due is still listed.
  const extraAppointments = [...appointments].filter((id) => !dueIds.has(id));
  const allNcd = overdueNcd(ctx, undefined, true);
  const ncd = allNcd.slice(0, 100);
  const elderly = elderlyExamsDue(ctx, today, 100);
  const allAntenatal = antenatalDueOn(ctx, today);
  const antenatal = allAntenatal.slice(0, 100);
  const people = new Map(
    summariesByIds(ctx, [
      ...new Set([
        ...visits.map((v) => v.person_id),
        ...dueIds,
        ...extraAppointments,
        ...ncd.map((n) => n.personId),
        ...elderly.people.map((e) => e.personId),
        ...antenatal.map((a) => a.personId),
      ]),
    ]).map((s) => [s.id, s]),
  );
  const items: Item[] = [];
  for (const v of visits) {
    const person = people.get(v.person_id);
    if (person)
      items.push({
        person,
        kind: v.status === 'draft' ? 'visit-draft' : 'visit-signed',
        visitId: v.id,
        note: v.reason,
      });
  }
  const seen = new Set(items.map((i) => i.person.id));
  for (const d of due.people) {
    const person = people.get(d.personId);
    if (person && !seen.has(d.personId)) {
      items.push({
        person,
        kind: 'immunization-due',
        visitId: null,
        note: immunizationNote(d, appointments.has(d.personId)),
      });
      seen.add(d.personId);
    }
  }
  for (const id of extraAppointments) {
    const person = people.get(id);
    if (person && !seen.has(id)) {
      items.push({ person, kind: 'immunization-due', visitId: null, note: 'Hẹn tiêm chủng hôm nay' });
      seen.add(id);
    }
  }
  // One line per person: someone in both the hypertension and the diabetes register is one visit.
  const ncdItems = new Map<string, Item>();
  for (const n of ncd) {
    const person = people.get(n.personId);
    if (!person || seen.has(n.personId)) continue;
    const status = n.status();
    const note = `${status.label}: ${status.overdue ? `quá hạn ${status.daysOverdue} ngày` : 'đến hạn hôm nay'}`;
    const item = ncdItems.get(n.personId);
    if (item) item.note += ` · ${note}`;
    else ncdItems.set(n.personId, { person, kind: 'ncd-due', visitId: null, note });
  }
  items.push(...ncdItems.values());
  for (const e of elderly.people) {
    const person = people.get(e.personId);
    if (person && !seen.has(e.personId) && !ncdItems.has(e.personId))
      items.push({ person, kind: 'elderly-exam-due', visitId: null, note: e.note });
  }
  // Pregnant women due for an antenatal visit (issue 14). Its own line even when her tetanus dose
  // is listed (a different piece of work, counted apart); an exam open today carries it in its note.
  for (const a of antenatal) {
    const person = people.get(a.personId);
    if (!person) continue;
    const exam = items.find((i) => i.person.id === a.personId && i.visitId !== null);
    if (exam) exam.note += ` · ${a.note}`;
    else items.push({ person, kind: 'antenatal-due', visitId: null, note: a.note });
  }
  return {
    items,
    totals: {
      visitDraft: drafts.length,
      visitSigned: signedToday.length,
      immunizationDue: due.total + extraAppointments.length,
      ncdDue: new Set(allNcd.map((n) => n.personId)).size,
      elderlyExamDue: elderly.total,
      antenatalDue: allAntenatal.length,
    },
  };
}
