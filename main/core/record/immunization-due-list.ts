/**
 * The commune's due list for an immunisation session ("buổi tiêm chủng"): everyone with a dose due
 * by the session day, from each person's schedule as kept in `immunization_due` — so a dose whose
 * appointment was missed weeks ago is still on it (until the dose is too late), not only the
 * appointments falling exactly on that day. By village and by vaccine, with the parent or
 * caregiver the invitation is addressed to. A later dose waiting for an earlier one is not listed:
 * the earlier one is (the cache keeps the next dose of each series only).
 */
import type { z } from 'zod';
import type { DueList, DueListInput } from '#contract/ops/record.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { todayIn } from '../registry/age.ts';
import { stationCatalogue } from './catalogue.ts';
import { refreshStaleDue, type OpenDose } from './immunization-due.ts';
import { addSpan } from './rules/dates.ts';

type Input = z.output<typeof DueListInput>;
type Output = z.input<typeof DueList>;

/** How long the list may spend bringing stale rows up to date before it answers (event-loop budget). */
const REFRESH_BUDGET_MS = 25;
/** A dose is "overdue" at the session once it fell due a month before (the monthly session rhythm). */
const OVERDUE_AFTER = { months: 1 };

interface Row {
  person_id: string;
  doses: string;
  full_name: string;
  birth_date: string;
  sex: 'M' | 'F';
  village: string;
  cur_text: string;
  phone_mobile: string;
  mother_name: string;
  mother_phone: string;
  father_name: string;
  father_phone: string;
  caregiver_name: string;
  caregiver_relation: string;
  caregiver_phone: string;
}

/** Who the invitation goes to: the caregiver named on part A, else the mother, else the father. */
function caregiverOf(r: Row): { name: string; phone: string } {
  if (r.caregiver_name)
    return {
      name: r.caregiver_relation ? `${r.caregiver_name} (${r.caregiver_relation})` : r.caregiver_name,
      phone: r.caregiver_phone || r.phone_mobile,
    };
  if (r.mother_name) return { name: `${r.mother_name} (mẹ)`, phone: r.mother_phone || r.phone_mobile };
  if (r.father_name) return { name: `${r.father_name} (bố)`, phone: r.father_phone || r.phone_mobile };
  return { name: '', phone: r.phone_mobile };
}

/**
 * Rows still carrying an answer from before a catalogue change, worked out again first within a
 * small budget; how many remain (the background refresher finishes them) is reported.
 */
function bringUpToDate(ctx: CoreContext): number {
  const started = performance.now();
  while (performance.now() - started < REFRESH_BUDGET_MS) {
    if (!refreshStaleDue(ctx, 25).more) break;
  }
  return ctx.store
    .prepare(`SELECT count(*) FROM immunization_due WHERE next_change_on = '0000-01-01'`)
    .pluck()
    .get() as number;
}

export function dueList(ctx: CoreContext, input: Input): Output {
  const pending = bringUpToDate(ctx);
  const day = input.sessionDate;
  const station = stationCatalogue(ctx);
  const vaccineOf = new Map(station.doses.map((d) => [d.code, d.vaccine]));
  const rows = ctx.store
    .prepare(
      `SELECT d.person_id, d.doses, p.full_name, p.birth_date, p.sex, p.village, p.cur_text, p.phone_mobile,
              p.mother_name, p.mother_phone, p.father_name, p.father_phone,
              p.caregiver_name, p.caregiver_relation, p.caregiver_phone
       FROM immunization_due d JOIN persons p ON p.id = d.person_id
       WHERE d.next_due_on IS NOT NULL AND d.next_due_on <= ? AND p.status = 'active'`,
    )
    .all(day) as Row[];
  const villages = new Map<string, number>();
  const vaccines = new Map<string, { name: string; count: number }>();
  const out: Output['rows'] = [];
  for (const r of rows) {
    const due = (JSON.parse(r.doses) as OpenDose[]).filter(
      (d) => d.due <= day && (d.tooLate === null || day < d.tooLate),
    );
    if (due.length === 0) continue;
    villages.set(r.village, (villages.get(r.village) ?? 0) + 1);
    if (input.village !== undefined && r.village !== input.village) continue;
    for (const d of due) {
      const v = vaccineOf.get(d.code) ?? d.code;
      const known = vaccines.get(v);
      if (known) known.count += 1;
      else vaccines.set(v, { name: seriesName(d.name), count: 1 });
    }
    const shown = input.vaccine ? due.filter((d) => vaccineOf.get(d.code) === input.vaccine) : due;
    if (shown.length === 0) continue;
    shown.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
    const who = caregiverOf(r);
    out.push({
      personId: r.person_id,
      fullName: r.full_name,
      birthDate: r.birth_date,
      sex: r.sex,
      village: r.village,
      address: r.cur_text,
      caregiver: who.name,
      phone: who.phone,
      doses: shown.map((d) => {
        const overdueFrom = addSpan(d.due, OVERDUE_AFTER) ?? d.due;
        return { code: d.code, name: d.name, due: d.due, status: day >= overdueFrom ? 'overdue' : 'due' };
      }),
    });
  }
  out.sort(
    (a, b) =>
      a.village.localeCompare(b.village, 'vi') ||
      (a.doses[0].due < b.doses[0].due ? -1 : a.doses[0].due > b.doses[0].due ? 1 : 0) ||
      a.fullName.localeCompare(b.fullName, 'vi'),
  );
  return {
    sessionDate: day,
    computedOn: todayIn(ctx.clock),
    total: out.length,
    pending,
    rows: out.slice(0, input.limit),
    villages: [...villages]
      .map(([village, count]) => ({ village, count }))
      .sort((a, b) => a.village.localeCompare(b.village, 'vi')),
    vaccines: [...vaccines]
      .map(([vaccine, x]) => ({ vaccine, name: x.name, count: x.count }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
  };
}

/** "Bạch hầu-Ho gà-… mũi 2" → the series' name, for the by-vaccine counts. */
const seriesName = (doseName: string): string => doseName.replace(/\s+(mũi|liều)\s+\d+.*$/u, '');

/** The list as a screen shows it: who looked at which session's list goes on the audit trail. */
export function auditedDueList(ctx: CoreContext, actor: Actor, input: Input): Output {
  const list = dueList(ctx, input);
  ctx.store.tx(() =>
    appendAudit(
      ctx.store,
      actor,
      {
        action: 'immunization.dueList',
        details: {
          sessionDate: input.sessionDate,
          village: input.village ?? null,
          vaccine: input.vaccine ?? null,
          rows: list.rows.length,
        },
      },
      isoNow(ctx.clock),
    ),
  );
  return list;
}
