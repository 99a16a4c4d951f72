/**
 * The one writer of `report_population`: the commune's official population per year, as the
 * station enters it from the commune People's Committee's figure (the coverage denominator).
 */
import type { Store } from '../../db/store.ts';

export interface PopulationRow {
  year: number;
  population: number;
  source: string;
  updatedAt: string;
}

export function readPopulations(store: Store): PopulationRow[] {
  return (
    store
      .prepare('SELECT year, population, source, updated_at FROM report_population ORDER BY year DESC')
      .all() as { year: number; population: number; source: string; updated_at: string }[]
  ).map((r) => ({ year: r.year, population: r.population, source: r.source, updatedAt: r.updated_at }));
}

export function populationOf(store: Store, year: number): number | null {
  return (
    (store.prepare('SELECT population FROM report_population WHERE year = ?').pluck().get(year) as
      number | undefined) ?? null
  );
}

/** Sets a year's figure, or removes it (null): the coverage goes back to the registry. */
export function writePopulation(
  store: Store,
  row: { year: number; population: number | null; source: string },
  at: string,
  userId: string | null,
): void {
  if (row.population === null) {
    store.prepare('DELETE FROM report_population WHERE year = ?').run(row.year);
    return;
  }
  store
    .prepare(
      `INSERT INTO report_population (year, population, source, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (year) DO UPDATE SET population = excluded.population, source = excluded.source,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    )
    .run(row.year, row.population, row.source, at, userId);
}
