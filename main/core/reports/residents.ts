/**
 * The residents of the scope in one pass over the `persons_report` index (no row of the table
 * read): by village, status and age group, how many have a record (something of parts B, C or D)
 * and how many had a signed exam in the last 12 months.
 */
import type { CoreContext } from '../context.ts';
import { AGE_GROUP_SQL, ageParams, HAS_RECORD_SQL, shiftMonths, villageParam, villageSql } from './scope.ts';

export interface ResidentGroup {
  village: string;
  status: 'active' | 'moved' | 'deceased';
  /** 0 under 6, 1 pupils 6–17, 2 working age 18–59, 3 aged 60 and over. */
  ageGroup: 0 | 1 | 2 | 3;
  count: number;
  withRecord: number;
  examined12m: number;
}

export function residentGroups(ctx: CoreContext, scope: { village?: string; asOf: string }): ResidentGroup[] {
  const rows = ctx.store
    .prepare(
      `SELECT p.village, p.status, ${AGE_GROUP_SQL} AS age_group, count(*) AS count,
              sum(${HAS_RECORD_SQL}) AS with_record, coalesce(sum(p.last_visit_on >= @cut12), 0) AS examined
       FROM persons p INDEXED BY persons_report WHERE 1 = 1${villageSql(scope)}
       GROUP BY p.village, p.status, age_group`,
    )
    .all({ ...ageParams(scope.asOf), cut12: shiftMonths(scope.asOf, -12), ...villageParam(scope) }) as {
    village: string;
    status: ResidentGroup['status'];
    age_group: ResidentGroup['ageGroup'];
    count: number;
    with_record: number;
    examined: number;
  }[];
  return rows.map((r) => ({
    village: r.village,
    status: r.status,
    ageGroup: r.age_group,
    count: r.count,
    withRecord: r.with_record,
    examined12m: r.examined,
  }));
}

/** Every village of the registry, for the filter. */
export function villagesOf(ctx: CoreContext): string[] {
  const list = ctx.store
    .prepare(`SELECT DISTINCT village FROM persons INDEXED BY persons_report`)
    .pluck()
    .all() as string[];
  return list.sort(new Intl.Collator('vi').compare);
}
