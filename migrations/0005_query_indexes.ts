import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * Indexes the benchmarks on a 100,000-resident commune asked for:
 * - unfinished drafts, for "Hôm nay" (without it every visit was read: ~1.5 s);
 * - residents by birth year and folded name, so "an 1993" reads one year's ~1,500 names instead of
 *   every "an…" in the full-text index.
 */
export const name = '0005_query_indexes';

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE INDEX visits_drafts ON visits (updated_at) WHERE status = 'draft';
    CREATE INDEX persons_year_name ON persons (birth_year, name_folded, full_name);
  `);
}
