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

/** Returns whether the dose exists. */
export function setActive(store: Store, code: string, active: boolean): boolean {
  return (
    store.run(
      store.qb
        .updateTable('vaccines')
        .set({ active: active ? 1 : 0 })
        .where('code', '=', code),
    ).changes > 0
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
