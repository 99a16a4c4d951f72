/**
 * The residents of the scope, from the `persons_report` and `persons_birth` indexes (no row of the
 * table read): by village and status, how many have a record (something of parts B, C or D) and
 * how many had a signed exam in the last 12 months; and the active ones by age group.
 *
 * Why several small queries rather than one GROUP BY with every column: on 100,000 residents the
 * per-row CASE for the age group and the EXISTS probes cost more than the scan itself. The index
 * is walked in (village, status) order, so that grouping needs no sort; a record is mostly proven
 * by `last_visit_on` (a signed exam), and only residents never examined are probed for part B or C;
 * the age groups are counts of birth-date ranges.
 */
import type { CoreContext } from '../context.ts';
import { HAS_RECORD_SQL, shiftMonths, villageParam, villageSql } from './scope.ts';

export interface VillageCounts {
  village: string;
  status: 'active' | 'moved' | 'deceased';
  count: number;
  withRecord: number;
  examined12m: number;
}

export function villageCounts(ctx: CoreContext, scope: { village?: string; asOf: string }): VillageCounts[] {
  const rows = ctx.store
    .prepare(
      `SELECT p.village, p.status, count(*) AS count, count(p.last_visit_on) AS visited,
              coalesce(sum(p.last_visit_on >= @cut12), 0) AS examined
       FROM persons p INDEXED BY persons_report WHERE 1 = 1${villageSql(scope)} GROUP BY p.village, p.status`,
    )
    .all({ cut12: shiftMonths(scope.asOf, -12), ...villageParam(scope) }) as {
    village: string;
    status: VillageCounts['status'];
    count: number;
    visited: number;
    examined: number;
  }[];
  // Never examined, but with part B saved or a dose recorded.
  const unexamined = new Map(
    (
      ctx.store
        .prepare(
          `SELECT p.village, p.status, count(*) AS n FROM persons p INDEXED BY persons_report
           WHERE p.last_visit_on IS NULL AND (${HAS_RECORD_SQL}) = 1${villageSql(scope)} GROUP BY p.village, p.status`,
        )
        .all(villageParam(scope)) as { village: string; status: string; n: number }[]
    ).map((r) => [`${r.village}|${r.status}`, r.n]),
  );
  return rows.map((r) => ({
    village: r.village,
    status: r.status,
    count: r.count,
    withRecord: r.visited + (unexamined.get(`${r.village}|${r.status}`) ?? 0),
    examined12m: r.examined,
  }));
}

/**
 * Active residents by age group as of asOf, as registry/age.ts counts years: a full birth date has
 * had its birthday once the day reaches it; a year-only birth counts whole years.
 */
export function ageGroups(
  ctx: CoreContext,
  scope: { village?: string; asOf: string },
): { under6: number; pupils: number; working: number; elderly: number } {
  const y = Number(scope.asOf.slice(0, 4));
  const fullDates = ctx.store.prepare(
    `SELECT count(*) FROM persons p INDEXED BY persons_birth
     WHERE p.birth_date > @after AND p.birth_date <= @upto AND length(p.birth_date) = 10 AND p.status = 'active'${villageSql(scope)}`,
  );
  const v = villageParam(scope);
  // [youngest, oldest] years of age: born after the day `to` years back, up to the day `from` years back.
  const full = (from: number, to: number) =>
    fullDates.pluck().get({
      after: to >= 200 ? '0000' : shiftMonths(scope.asOf, -12 * (to + 1)),
      upto: from === 0 ? '9999-12-31' : shiftMonths(scope.asOf, -12 * from),
      ...v,
    }) as number;
  // Residents known by their birth year alone: the four bands in one pass over the index (they are
  // not in a range of it; four passes read it four times).
  const years = ctx.store
    .prepare(
      `SELECT coalesce(sum(p.birth_year > @y6), 0) AS under6,
              coalesce(sum(p.birth_year <= @y6 AND p.birth_year > @y18), 0) AS pupils,
              coalesce(sum(p.birth_year <= @y18 AND p.birth_year > @y60), 0) AS working,
              coalesce(sum(p.birth_year <= @y60), 0) AS elderly
       FROM persons p INDEXED BY persons_report
       WHERE length(p.birth_date) = 4 AND p.birth_year <= @y AND p.status = 'active'${villageSql(scope)}`,
    )
    .get({ y, y6: y - 6, y18: y - 18, y60: y - 60, ...v }) as {
    under6: number;
    pupils: number;
    working: number;
    elderly: number;
  };
  return {
    under6: full(0, 5) + years.under6,
    pupils: full(6, 17) + years.pupils,
    working: full(18, 59) + years.working,
    elderly: full(60, 999) + years.elderly,
  };
}

/** Every village of the registry, for the filter. */
export function villagesOf(ctx: CoreContext): string[] {
  // A skip through the report index, one seek per village (~0.3 ms), not a walk of every entry (8 ms).
  const list = ctx.store
    .prepare(
      `WITH RECURSIVE v(village) AS (
         SELECT min(village) FROM persons INDEXED BY persons_report
         UNION ALL
         SELECT (SELECT min(village) FROM persons INDEXED BY persons_report WHERE village > v.village)
         FROM v WHERE v.village IS NOT NULL)
       SELECT village FROM v WHERE village IS NOT NULL`,
    )
    .pluck()
    .all() as string[];
  return list.sort(new Intl.Collator('vi').compare);
}
