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
  const insert = store.prepare(
    'INSERT INTO vaccines (code, data, sort, active, regional, custom) VALUES (?, ?, ?, 1, 0, 0)',
  );
  for (const { dose, sort } of doses) insert.run(dose.code, JSON.stringify(dose), sort);
}

/** Returns whether the dose exists. */
export function setActive(store: Store, code: string, active: boolean): boolean {
  return store.prepare('UPDATE vaccines SET active = ? WHERE code = ?').run(active ? 1 : 0, code).changes > 0;
}

export function setRegional(store: Store, codes: readonly string[], enabled: boolean): void {
  const update = store.prepare('UPDATE vaccines SET regional = ? WHERE code = ?');
  for (const code of codes) update.run(enabled ? 1 : 0, code);
}
