import type { ListFilters, PersonSummary } from '#contract/ops/persons.ts';
import type { CoreContext } from '../context.ts';
import { todayIn } from './age.ts';
import { summariesByPks } from './summaries.ts';

type Filters = Omit<ListFilters, 'status'> & { status: 'active' | 'moved' | 'deceased' | 'all' };

const AGE_RANGES: Record<NonNullable<ListFilters['ageBand']>, [number, number]> = {
  '0-5': [0, 5],
  '6-14': [6, 14],
  '15-49': [15, 49],
  '50-59': [50, 59],
  // Người cao tuổi: from 60 (Luật Người cao tuổi 2009, Điều 2), not 65.
  '60+': [60, 200],
};

/**
 * Both orders walk a covering index (see migration 0002), so deep pages cost an index scan only.
 * Ties keep the index's own order (it ends with the rowid), which is total, so pages never overlap.
 */
const ORDER = {
  name: 'p.name_folded',
  village: 'p.village, p.name_folded',
} as const;

/** WHERE clause and parameters for the "Dân cư" filters (ages by birth year, which the index holds). */
function where(f: Filters, today: string): { sql: string; params: (string | number)[] } {
  const year = Number(today.slice(0, 4));
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (f.status !== 'all') {
    clauses.push('p.status = ?');
    params.push(f.status);
  }
  if (f.village !== undefined) {
    clauses.push('p.village = ?');
    params.push(f.village);
  }
  if (f.sex) {
    clauses.push('p.sex = ?');
    params.push(f.sex);
  }
  if (f.ageBand) {
    const [min, max] = AGE_RANGES[f.ageBand];
    clauses.push('p.birth_year BETWEEN ? AND ?');
    params.push(year - max, year - min);
  }
  if (f.examinedThisYear) {
    clauses.push(
      f.examinedThisYear === 'yes'
        ? 'p.last_visit_on >= ?'
        : '(p.last_visit_on IS NULL OR p.last_visit_on < ?)',
    );
    params.push(`${year}-01-01`);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * One page of the resident list and the total for the scroll bar. The page's keys come from the
 * index first; the summaries (cards, household code) are built for those rows only — building
 * them inside an OFFSET query would compute them for every skipped row too.
 */
export function listPersons(
  ctx: CoreContext,
  filters: Filters,
  sort: keyof typeof ORDER,
  offset: number,
  limit: number,
): { total: number; rows: PersonSummary[] } {
  const w = where(filters, todayIn(ctx.clock));
  const total = (
    ctx.store.prepare(`SELECT count(*) AS n FROM persons p ${w.sql}`).get(...w.params) as { n: number }
  ).n;
  const pks = ctx.store
    .prepare(`SELECT p.pk FROM persons p ${w.sql} ORDER BY ${ORDER[sort]} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...w.params, limit, offset) as number[];
  return { total, rows: summariesByPks(ctx, pks) };
}

export function listVillages(ctx: CoreContext): { village: string; residents: number }[] {
  return ctx.store
    .prepare(
      `SELECT village, count(*) AS residents FROM persons WHERE status = 'active' AND village <> '' GROUP BY village ORDER BY village`,
    )
    .all() as { village: string; residents: number }[];
}
