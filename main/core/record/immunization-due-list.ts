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
import { refreshDue, refreshRecentDue } from './immunization-due.ts';
import { CATALOGUE_CHANGED } from './repo/immunizations.ts';
import { addSpan } from './rules/dates.ts';

type Input = z.output<typeof DueListInput>;
type Output = z.input<typeof DueList>;

/** How long the list may spend bringing stale rows up to date before it answers (event-loop budget). */
const REFRESH_BUDGET_MS = 25;
/** A dose is "overdue" at the session once it fell due a month before (the monthly session rhythm). */
const OVERDUE_AFTER = { months: 1 };

interface Row {
  person_id: string;
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
 * Rows still carrying an answer from before a catalogue change (a roadmap vaccine switched on, a
 * vaccine retired), worked out again first within a small budget; how many remain (the background
 * refresher finishes them) is reported. Only those: a new resident's row is the refresher's.
 */
export function bringUpToDate(ctx: CoreContext): number {
  // A child registered a moment ago is listed now (as on "Hôm nay").
  refreshRecentDue(ctx, 20, { expired: false });
  const started = performance.now();
  const expired = ctx.store.prepare(
    `SELECT person_id FROM immunization_due WHERE next_change_on = '${CATALOGUE_CHANGED}' LIMIT 20`,
  );
  while (performance.now() - started < REFRESH_BUDGET_MS) {
    const ids = expired.pluck().all() as string[];
    if (ids.length === 0) break;
    ctx.store.tx(() => ids.forEach((id) => refreshDue(ctx, id)));
  }
  return ctx.store
    .prepare(`SELECT count(*) FROM immunization_due WHERE next_change_on = '${CATALOGUE_CHANGED}'`)
    .pluck()
    .get() as number;
}

/** The condition of a dose due on the session day, and the filters chosen. */
function dueWhere(filters: { village?: string; vaccine?: string }, retired: readonly string[]): string {
  return [
    'due_on <= @day AND (too_late_on IS NULL OR too_late_on > @day)',
    ...(filters.village !== undefined ? ['village = @village'] : []),
    ...(filters.vaccine ? ['vaccine = @vaccine'] : []),
    // A vaccine retired a moment ago, before the refresher has worked every row out again.
    ...(retired.length ? [`code NOT IN (${retired.map((_, i) => `@r${i}`).join(', ')})`] : []),
  ].join(' AND ');
}

/**
 * `refresh: false` reads the rows as they are: for a worker's read-only connection (a printed list),
 * whose caller brought them up to date on the app's connection just before (`bringUpToDate`).
 */
export function dueList(ctx: CoreContext, input: Input, options: { refresh?: boolean } = {}): Output {
  const pending =
    options.refresh === false
      ? (ctx.store
          .prepare(`SELECT count(*) FROM immunization_due WHERE next_change_on = '${CATALOGUE_CHANGED}'`)
          .pluck()
          .get() as number)
      : bringUpToDate(ctx);
  const day = input.sessionDate;
  const station = stationCatalogue(ctx);
  const names = new Map(station.doses.map((d) => [d.code, d.name]));
  const retired = Object.fromEntries(station.retired.map((c, i) => [`r${i}`, c]));
  const params = (f: { village?: string; vaccine?: string }) => ({
    day,
    ...retired,
    ...(f.village !== undefined ? { village: f.village } : {}),
    ...(f.vaccine ? { vaccine: f.vaccine } : {}),
  });
  const all = { village: input.village, vaccine: input.vaccine };
  const inVillage = { village: input.village };
  // Counts from the indexes alone (no row of the registry read); only the people shown are read.
  const villages = ctx.store
    .prepare(
      `SELECT village, count(DISTINCT person_id) AS count FROM immunization_due_doses
       WHERE ${dueWhere({}, station.retired)} GROUP BY village`,
    )
    .all(params({})) as { village: string; count: number }[];
  const vaccines = ctx.store
    .prepare(
      `SELECT vaccine, count(*) AS count FROM immunization_due_doses
       WHERE ${dueWhere(inVillage, station.retired)} GROUP BY vaccine`,
    )
    .all(params(inVillage)) as { vaccine: string; count: number }[];
  const total =
    input.vaccine === undefined
      ? villages
          .filter((v) => input.village === undefined || v.village === input.village)
          .reduce((n, v) => n + v.count, 0)
      : (ctx.store
          .prepare(
            `SELECT count(DISTINCT person_id) FROM immunization_due_doses WHERE ${dueWhere(all, station.retired)}`,
          )
          .pluck()
          .get(params(all)) as number);
  // By village, then the longest overdue first; the page is then ordered by name within a day.
  const page = ctx.store
    .prepare(
      `SELECT person_id FROM immunization_due_doses WHERE ${dueWhere(all, station.retired)}
       GROUP BY village, person_id ORDER BY village, min(due_on), person_id LIMIT @limit`,
    )
    .pluck()
    .all({ ...params(all), limit: input.limit }) as string[];
  const details = detailsOf(ctx, page);
  const doses = dosesOf(ctx, page, dueWhere(all, station.retired), params(all));
  const rows: Output['rows'] = [];
  for (const id of page) {
    const r = details.get(id);
    const due = doses.get(id);
    if (!r || !due) continue;
    const who = caregiverOf(r);
    rows.push({
      personId: id,
      fullName: r.full_name,
      birthDate: r.birth_date,
      sex: r.sex,
      village: r.village,
      address: r.cur_text,
      caregiver: who.name,
      phone: who.phone,
      doses: due.map((d) => {
        const overdueFrom = addSpan(d.due_on, OVERDUE_AFTER) ?? d.due_on;
        return {
          code: d.code,
          name: names.get(d.code) ?? d.code,
          due: d.due_on,
          status: day >= overdueFrom ? ('overdue' as const) : ('due' as const),
        };
      }),
    });
  }
  const collator = new Intl.Collator('vi');
  rows.sort(
    (a, b) =>
      collator.compare(a.village, b.village) ||
      (a.doses[0].due < b.doses[0].due ? -1 : a.doses[0].due > b.doses[0].due ? 1 : 0) ||
      collator.compare(a.fullName, b.fullName),
  );
  const seriesNames = new Map<string, string>();
  for (const d of station.doses)
    if (!seriesNames.has(d.vaccine)) seriesNames.set(d.vaccine, seriesName(d.name));
  return {
    sessionDate: day,
    computedOn: todayIn(ctx.clock),
    total,
    pending,
    rows,
    villages: villages.sort((a, b) => collator.compare(a.village, b.village)),
    vaccines: vaccines
      .map((v) => ({ vaccine: v.vaccine, name: seriesNames.get(v.vaccine) ?? v.vaccine, count: v.count }))
      .sort((a, b) => collator.compare(a.name, b.name)),
  };
}

interface DoseRow {
  person_id: string;
  code: string;
  due_on: string;
}

/** The due doses of the people shown, earliest first, 500 people at a time (by primary key). */
function dosesOf(
  ctx: CoreContext,
  ids: readonly string[],
  where: string,
  params: Record<string, string>,
): Map<string, DoseRow[]> {
  const out = new Map<string, DoseRow[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    const named = Object.fromEntries(batch.map((id, k) => [`p${k}`, id]));
    const rows = ctx.store
      .prepare(
        `SELECT person_id, code, due_on FROM immunization_due_doses INDEXED BY sqlite_autoindex_immunization_due_doses_1
         WHERE person_id IN (${batch.map((_, k) => `@p${k}`).join(', ')}) AND ${where}`,
      )
      .all({ ...params, ...named }) as DoseRow[];
    for (const r of rows) {
      const list = out.get(r.person_id);
      if (list) list.push(r);
      else out.set(r.person_id, [r]);
    }
  }
  for (const list of out.values())
    list.sort((a, b) => (a.due_on < b.due_on ? -1 : a.due_on > b.due_on ? 1 : a.code < b.code ? -1 : 1));
  return out;
}

/** Part A of the people shown, 500 at a time. */
function detailsOf(ctx: CoreContext, ids: readonly string[]): Map<string, Row> {
  const out = new Map<string, Row>();
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    const rows = ctx.store
      .prepare(
        `SELECT id AS person_id, full_name, birth_date, sex, village, cur_text, phone_mobile,
                mother_name, mother_phone, father_name, father_phone, caregiver_name, caregiver_relation, caregiver_phone
         FROM persons WHERE id IN (${batch.map(() => '?').join(',')})`,
      )
      .all(...batch) as Row[];
    for (const r of rows) out.set(r.person_id, r);
  }
  return out;
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
