/**
 * Care the station owes its residents, as of today: NCD patients on the registers (followed up in
 * the last 3 months, overdue by their own rhythm: record/ncd.ts), children with a vaccine due this
 * month or overdue (the `immunization_due_doses` cache the due list reads), and the children of the
 * period's cohort fully immunised before their first birthday.
 */
import type { CoreContext } from '../context.ts';
import { stationCatalogue } from '../record/catalogue.ts';
import { refreshRecentDue } from '../record/immunization-due.ts';
import type { NcdRegister } from '../record/rules/ncd.ts';
import { monthEnd, shiftMonths, villageParam, villageSql, type Scope } from './scope.ts';

export interface NcdRow {
  personId: string;
  register: NcdRegister;
  lastVisitOn: string | null;
  followed3m: boolean;
  /** The follow-up date passed, or null. */
  overdueSince: string | null;
}

export function ncdRows(ctx: CoreContext, scope: { village?: string; asOf: string }): NcdRow[] {
  const rows = ctx.store
    .prepare(
      `SELECT r.person_id, r.register, r.registered_on, r.interval_months, p.last_visit_on
       FROM ncd_registers r CROSS JOIN persons p INDEXED BY persons_care ON p.id = r.person_id
       WHERE p.status = 'active'${villageSql(scope)}`,
    )
    .all(villageParam(scope)) as {
    person_id: string;
    register: NcdRegister;
    registered_on: string;
    interval_months: number;
    last_visit_on: string | null;
  }[];
  const cut3 = shiftMonths(scope.asOf, -3);
  // The follow-up rule of record/ncd.ts (overdueNcd), on the scope's rows only: due one interval
  // after the later of registration and the last exam; visit days repeat, so each sum is done once.
  const sums = new Map<string, string>();
  return rows.map((r) => {
    const from = r.last_visit_on && r.last_visit_on > r.registered_on ? r.last_visit_on : r.registered_on;
    const key = `${from}+${r.interval_months}`;
    let nextDue = sums.get(key);
    if (nextDue === undefined) sums.set(key, (nextDue = shiftMonths(from, r.interval_months)));
    return {
      personId: r.person_id,
      register: r.register,
      lastVisitOn: r.last_visit_on,
      followed3m: r.last_visit_on !== null && r.last_visit_on >= cut3,
      overdueSince: nextDue < scope.asOf ? nextDue : null,
    };
  });
}

/** The condition of a dose listed on a session day `@day` (as the due list has it), minus retired vaccines. */
function dueCondition(ctx: CoreContext): { sql: string; params: Record<string, string> } {
  const retired = stationCatalogue(ctx).retired;
  return {
    sql: retired.length ? ` AND code NOT IN (${retired.map((_, i) => `@r${i}`).join(', ')})` : '',
    params: Object.fromEntries(retired.map((c, i) => [`r${i}`, c])),
  };
}

/**
 * Children with a dose due by the month's last day (the due list of a session that day), and of
 * them those with a dose that fell due more than a month before today (and is not too late).
 */
export function vaccineCounts(
  ctx: CoreContext,
  scope: { village?: string; asOf: string },
): { month: string; due: number; overdue: number } {
  // A child registered a moment ago is counted now, as the due list lists them.
  refreshRecentDue(ctx, 20, { expired: false });
  const retired = dueCondition(ctx);
  const village = scope.village !== undefined ? ' AND village = @village' : '';
  // DISTINCT on the village index's leading columns: its order gives each child once, no sort.
  const count = (where: string, params: Record<string, string>) =>
    ctx.store
      .prepare(
        `SELECT count(*) FROM (SELECT DISTINCT village, person_id FROM immunization_due_doses
           INDEXED BY immunization_due_doses_village WHERE ${where}${village}${retired.sql})`,
      )
      .pluck()
      .get({ ...params, ...retired.params, ...villageParam(scope) }) as number;
  const end = monthEnd(scope.asOf);
  return {
    month: scope.asOf.slice(0, 7),
    due: count('due_on <= @day AND (too_late_on IS NULL OR too_late_on > @day)', { day: end }),
    overdue: count('due_on <= @cut AND (too_late_on IS NULL OR too_late_on > @day)', {
      day: scope.asOf,
      cut: shiftMonths(scope.asOf, -1),
    }),
  };
}

/** The doses of "tiêm chủng đầy đủ" for a child under 1 (TCMR): BCG, 3 × DPT-VGB-Hib, 3 × OPV, IPV, measles. */
export const FULL_SET: readonly string[] = [
  'BCG',
  'DPT-VGB-HIB-1',
  'DPT-VGB-HIB-2',
  'DPT-VGB-HIB-3',
  'OPV-1',
  'OPV-2',
  'OPV-3',
  'IPV-1',
  'SOI',
];

export interface CohortChild {
  personId: string;
  birthday: string;
  /** Doses of the full set not given before the first birthday. */
  missing: string[];
}

/**
 * Active children (full birth date) whose first birthday falls in the period, and what they missed.
 * Their doses of the full set are read from `immunizations_given_day` (day, vaccine, child) over the
 * days they can have been given — from the first birth day of the cohort to the period's end — not
 * from each child's dose rows: those lie scattered over the whole table, and reading them pushed the
 * dashboard's pages out of the cache (its working set then exceeded the 64 MB the connection keeps).
 */
export function under1Cohort(ctx: CoreContext, scope: Scope): CohortChild[] {
  const births = { b0: shiftMonths(scope.from, -12), b1: shiftMonths(scope.to, -12) };
  const cohort = (columns: string) => `SELECT ${columns} FROM persons p INDEXED BY persons_birth
    WHERE p.birth_date >= @b0 AND p.birth_date <= @b1 AND length(p.birth_date) = 10 AND p.status = 'active'${villageSql(scope)}`;
  const rows = ctx.store
    .prepare(cohort('p.id, p.birth_date'))
    .raw()
    .all({ ...births, ...villageParam(scope) }) as [string, string][];
  const children = new Map<string, { birthday: string; given: Set<string> }>();
  for (const [id, birthDate] of rows)
    children.set(id, { birthday: shiftMonths(birthDate, 12), given: new Set() });
  const doses = ctx.store
    .prepare(
      `SELECT i.person_id, i.vaccine_code, i.given_on FROM immunizations i INDEXED BY immunizations_given_day
       WHERE i.given_on >= @b0 AND i.given_on <= @to AND i.vaccine_code IN (${FULL_SET.map((_, k) => `@v${k}`).join(', ')})
         AND i.person_id IN (${cohort('p.id')})`,
    )
    .raw()
    .all({
      ...births,
      to: scope.to,
      ...Object.fromEntries(FULL_SET.map((code, k) => [`v${k}`, code])),
      ...villageParam(scope),
    }) as [string, string, string][];
  for (const [id, code, givenOn] of doses) {
    const c = children.get(id);
    if (c && givenOn < c.birthday) c.given.add(code);
  }
  // The birthday must fall in the period (29 Feb births: the clamped date decides).
  return [...children]
    .filter(([, c]) => c.birthday >= scope.from && c.birthday <= scope.to)
    .map(([personId, c]) => ({
      personId,
      birthday: c.birthday,
      missing: FULL_SET.filter((d) => !c.given.has(d)),
    }));
}
