/**
 * The vaccine catalogue repository: the one writer of `vaccines` (the station's catalogue, seeded
 * from the national programme). A station setting, not a resident's record: nothing is marked for
 * upload.
 */
import type { Store } from '../../db/store.ts';
import type { VaccineDose } from '../rules/vaccines.ts';

/** Doses the catalogue does not have yet, switched on, neither regional nor the station's own. */
export function insertProgrammeDoses(
  store: Store,
  doses: readonly { dose: VaccineDose; sort: number }[],
): void {
  if (doses.length === 0) return;
  store.run(
    store.qb.insertInto('vaccines').values(
      doses.map(({ dose, sort }) => ({
        code: dose.code,
        data: JSON.stringify(dose),
        sort,
        active: 1 as const,
        regional: 0 as const,
        custom: 0 as const,
      })),
    ),
  );
}

/** Switches doses on or retires them; returns whether any exists. */
export function setActive(store: Store, codes: readonly string[], active: boolean): boolean {
  if (codes.length === 0) return false;
  return (
    store.run(
      store.qb
        .updateTable('vaccines')
        .set({ active: active ? 1 : 0 })
        .where('code', 'in', codes),
    ).changes > 0
  );
}

/** A programme dose whose rule a new version of the app corrected (never a station's own dose). */
export function updateProgrammeDose(store: Store, dose: VaccineDose): void {
  store.run(
    store.qb
      .updateTable('vaccines')
      .set({ data: JSON.stringify(dose) })
      .where('code', '=', dose.code)
      .where('custom', '=', 0),
  );
}

export function setRegional(store: Store, codes: readonly string[], enabled: boolean): void {
  if (codes.length === 0) return;
  store.run(
    store.qb
      .updateTable('vaccines')
      .set({ regional: enabled ? 1 : 0 })
      .where('code', 'in', codes),
  );
}
