/**
 * Who is due for a vaccine today, from the same schedule the record shows ("Hẹn tiêm 07/12/2026"),
 * without computing every child's schedule on each visit to "Hôm nay": each person's open doses
 * (the next of each series, with the day each falls due and the day it becomes too late) are kept in
 * `immunization_due`, with the answer for the day they were worked out (due now? since when?) and
 * the day that answer next changes. A row is worked out again when the person's doses change (in
 * the same transaction), when the person changes, or when its answer expires; the background
 * refresher does it in small slices (a new or edited resident, an import, the seed, a new day).
 * "Hôm nay" then counts and sorts by index (a few ms on 100,000 residents).
 */
import type { CoreContext } from '../context.ts';
import { isoNow } from '../clock.ts';
import { todayIn } from '../registry/age.ts';
import { listDoses, scheduleOf } from './person-schedule.ts';
import { writeDue } from './repo/immunizations.ts';

/** One dose that can be given next. */
export interface OpenDose {
  code: string;
  name: string;
  /** yyyy-mm-dd */
  due: string;
  /** From this day the dose is no longer given (null: no age limit). */
  tooLate: string | null;
}

/** The programme schedule covers children; older people only get a row once a dose is recorded. */
const CHILD_YEARS = 15;

/** What the open doses mean on `day`: due now (since when), and the next day that changes. */
export function dueAnswer(
  open: readonly OpenDose[],
  day: string,
): { dueNow: boolean; firstDue: string | null; nextChangeOn: string | null } {
  let firstDue: string | null = null;
  const changes: string[] = [];
  for (const d of open) {
    const tooLate = d.tooLate !== null && day >= d.tooLate;
    if (d.due <= day && !tooLate && (firstDue === null || d.due < firstDue)) firstDue = d.due;
    if (d.due > day) changes.push(d.due);
    if (d.tooLate !== null && d.tooLate > day) changes.push(d.tooLate);
  }
  changes.sort();
  return { dueNow: firstDue !== null, firstDue, nextChangeOn: changes[0] ?? null };
}

/** Recomputes one person's open doses (callers hold the transaction when it follows a dose write). */
export function refreshDue(ctx: CoreContext, personId: string): void {
  const person = ctx.store
    .prepare('SELECT birth_date, sex, status FROM persons WHERE id = ?')
    .get(personId) as { birth_date: string; sex: 'M' | 'F'; status: string } | undefined;
  if (!person) return;
  const schedule = scheduleOf(
    ctx,
    { id: personId, birthDate: person.birth_date, sex: person.sex },
    listDoses(ctx, personId),
  );
  const open: OpenDose[] = (schedule?.doses ?? [])
    .filter(
      (d) =>
        (d.status === 'due' || d.status === 'overdue' || d.status === 'not-yet-due') &&
        !d.waitingFor &&
        d.dueDate,
    )
    .map((d) => ({ code: d.code, name: d.name, due: d.dueDate as string, tooLate: d.tooLateFrom ?? null }));
  const next = open.reduce<string | null>((min, d) => (min === null || d.due < min ? d.due : min), null);
  const today = todayIn(ctx.clock);
  // Someone who moved away or died is nobody's appointment (a status change makes the row stale).
  const answer =
    person.status === 'active'
      ? dueAnswer(open, today)
      : { dueNow: false, firstDue: null, nextChangeOn: null };
  writeDue(ctx.store, personId, {
    nextDueOn: next,
    doses: JSON.stringify(open),
    computedAt: isoNow(ctx.clock),
    computedOn: today,
    ...answer,
  });
}

/** How many residents one read of the changed ones returns (~15 ms on 100,000 encrypted). */
const CHANGED_SLICE = 500;
/** How many changed residents one look reads at most (a few ms), so no look stalls the window. */
const LOOK_AT_MOST = 2 * CHANGED_SLICE;

/** A place in the residents ordered by last change (ties broken by id: an import changes thousands at once). */
interface Mark {
  at: string;
  id: string;
}

/**
 * How far the look through changed residents has got, per database: every resident up to here
 * needs nothing. In memory, so after a restart every resident is looked at once (in the
 * background, in slices), which also finds the children who never had a row.
 */
const seen = new WeakMap<object, Mark>();

/**
 * Residents whose row must be worked out again, at most `limit`: first those whose stored answer
 * has expired (a dose fell due or became too late, or the row predates the answer; by index), then
 * among the residents changed since the last look — a child with no row yet, a row older than the
 * resident's last change (a corrected birth date, a move away). Asking twice gives the same answer
 * until the rows are worked out.
 */
export function staleDue(ctx: CoreContext, limit: number): string[] {
  return findStale(ctx, limit).ids;
}

/** The stale residents (at most `limit`), and whether there may be more beyond this look. */
function findStale(ctx: CoreContext, limit: number): { ids: string[]; more: boolean } {
  const today = todayIn(ctx.clock);
  const expired = ctx.store
    .prepare(`SELECT person_id FROM immunization_due WHERE next_change_on <= ? OR computed_on > ? LIMIT ?`)
    .pluck()
    .all(today, today, limit) as string[];
  if (expired.length >= limit) return { ids: expired, more: true };
  const changed = changedSinceLastLook(ctx, limit - expired.length);
  return { ids: [...new Set([...expired, ...changed.ids])], more: changed.more };
}

/**
 * Brings up to `limit` stale rows up to date in one transaction (~0.2 ms each: slices of 50 stay
 * well inside the 50 ms an event-loop turn may take). `more`: call again soon, there may be more.
 */
export function refreshStaleDue(ctx: CoreContext, limit = 50): { done: number; more: boolean } {
  const { ids, more } = findStale(ctx, limit);
  if (ids.length) ctx.store.tx(() => ids.forEach((id) => refreshDue(ctx, id)));
  return { done: ids.length, more };
}

/**
 * For a screen that must show what changed a moment ago ("Hôm nay" after registering a child):
 * the expired rows and the most recently changed residents, up to `limit`, worked out now. The
 * look through every change since start-up is left to the background refresher.
 */
export function refreshRecentDue(ctx: CoreContext, limit = 50, options: { expired?: boolean } = {}): number {
  const today = todayIn(ctx.clock);
  // `expired: false`: only the newest changes (the expired look has no index on computed_on).
  const expired =
    options.expired === false
      ? []
      : (ctx.store
          .prepare(
            `SELECT person_id FROM immunization_due WHERE next_change_on <= ? OR computed_on > ? LIMIT ?`,
          )
          .pluck()
          .all(today, today, limit) as string[]);
  const fromYear = Number(today.slice(0, 4)) - CHILD_YEARS;
  const recent = (
    ctx.store
      .prepare(
        `SELECT p.id, p.updated_at, p.birth_year, p.birth_date, p.status, d.computed_at
         FROM persons p LEFT JOIN immunization_due d ON d.person_id = p.id
         ORDER BY p.updated_at DESC, p.id DESC LIMIT ?`,
      )
      .all(limit) as ChangedRow[]
  )
    .filter((r) => isStale(r, fromYear))
    .map((r) => r.id);
  const ids = [...new Set([...expired, ...recent])];
  if (ids.length) ctx.store.tx(() => ids.forEach((id) => refreshDue(ctx, id)));
  return ids.length;
}

interface ChangedRow {
  id: string;
  updated_at: string;
  birth_year: number;
  birth_date: string;
  status: string;
  computed_at: string | null;
}

/** No row yet for a child the schedule covers, or a row older than the resident's last change. */
function isStale(r: ChangedRow, fromYear: number): boolean {
  const child = r.birth_year >= fromYear && r.birth_date.length === 10 && r.status === 'active';
  // Worked out in the same millisecond as the change is after it: the change was read.
  return r.computed_at === null ? child : r.computed_at < r.updated_at;
}

/**
 * The stale ones among the residents changed since the last look. The mark moves only over
 * residents that need nothing, so a stale one is found again until its row has been worked out.
 * (A resident changed again in the very millisecond of the mark, with a smaller id, waits for its
 * next change or a restart; the record screen works its doses out afresh anyway.)
 */
function changedSinceLastLook(ctx: CoreContext, limit: number): { ids: string[]; more: boolean } {
  const fromYear = Number(todayIn(ctx.clock).slice(0, 4)) - CHILD_YEARS;
  const out: string[] = [];
  let mark = seen.get(ctx.store) ?? { at: '', id: '' };
  let from = mark;
  const changed = ctx.store.prepare(
    `SELECT p.id, p.updated_at, p.birth_year, p.birth_date, p.status, d.computed_at
     FROM persons p LEFT JOIN immunization_due d ON d.person_id = p.id
     WHERE (p.updated_at, p.id) > (?, ?) ORDER BY p.updated_at, p.id LIMIT ?`,
  );
  let looked = 0;
  for (;;) {
    const rows = changed.all(from.at, from.id, CHANGED_SLICE) as ChangedRow[];
    looked += rows.length;
    for (const r of rows) {
      if (isStale(r, fromYear)) out.push(r.id);
      else if (out.length === 0) mark = { at: r.updated_at, id: r.id };
      if (out.length >= limit) break;
    }
    if (out.length >= limit) break;
    if (rows.length < CHANGED_SLICE) {
      seen.set(ctx.store, mark);
      return { ids: out, more: false };
    }
    if (looked >= LOOK_AT_MOST) break;
    const last = rows[rows.length - 1];
    from = { at: last.updated_at, id: last.id };
  }
  seen.set(ctx.store, mark);
  return { ids: out, more: true };
}

export interface DuePerson {
  personId: string;
  /** The doses due by `day` (due date reached, not yet too late), earliest first. */
  doses: OpenDose[];
  /** Days since the earliest of them fell due (0: due today). */
  daysOverdue: number;
}

const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/** The doses due on `day` (reached, not yet too late), earliest first. */
function dueDoses(json: string, day: string): OpenDose[] {
  return (JSON.parse(json) as OpenDose[])
    .filter((d) => d.due <= day && (d.tooLate === null || day < d.tooLate))
    .sort((a, b) => (a.due < b.due ? -1 : 1));
}

/**
 * Everyone with a dose due by `day`, most overdue first (`limit` of them, and how many in all).
 * Rows whose stored answer holds for `day` are counted and sorted by index; the few whose answer
 * does not (worked out for another day, expired since) are judged from their doses.
 */
export function dueOn(ctx: CoreContext, day: string, limit: number): { total: number; people: DuePerson[] } {
  const holds = (t: string) =>
    `${t}computed_on <= @day AND (${t}next_change_on IS NULL OR ${t}next_change_on > @day)`;
  const counted = ctx.store
    .prepare(`SELECT count(*) FROM immunization_due WHERE due_now = 1 AND ${holds('')}`)
    .pluck()
    .get({ day }) as number;
  const top = ctx.store
    .prepare(
      `SELECT person_id AS personId, doses FROM immunization_due WHERE due_now = 1 AND ${holds('')} ORDER BY first_due LIMIT @limit`,
    )
    .all({ day, limit }) as { personId: string; doses: string }[];
  const others = ctx.store
    .prepare(
      `SELECT d.person_id AS personId, d.doses FROM immunization_due d JOIN persons p ON p.id = d.person_id
       WHERE (d.computed_on IS NULL OR NOT (${holds('d.')})) AND d.next_due_on <= @day AND p.status = 'active'`,
    )
    .all({ day }) as { personId: string; doses: string }[];
  const people: DuePerson[] = [];
  let extra = 0;
  for (const r of [...top, ...others]) {
    const doses = dueDoses(r.doses, day);
    if (!doses.length) continue;
    if (!top.includes(r)) extra += 1;
    people.push({ personId: r.personId, doses, daysOverdue: dayNumber(day) - dayNumber(doses[0].due) });
  }
  people.sort((a, b) => b.daysOverdue - a.daysOverdue);
  return { total: counted + extra, people: people.slice(0, limit) };
}

/**
 * Keeps `immunization_due` up to date in the background: a slice every few milliseconds while
 * anything is stale, then a look every 30 s (new residents, imports). Never while a long job holds
 * the database.
 */
export function startDueRefresher(ctx: CoreContext): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const run = (): void => {
    timer = null;
    if (stopped) return;
    let more = false;
    try {
      if (!ctx.jobs.running) more = refreshStaleDue(ctx).more;
    } catch (e) {
      ctx.log.warn('immunization due list could not be refreshed', {
        error: e instanceof Error ? e.message : String(e),
      });
    }
    timer = setTimeout(run, more ? 5 : 30_000);
    timer.unref();
  };
  timer = setTimeout(run, 0);
  timer.unref();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
