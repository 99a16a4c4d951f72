/**
 * The upstream settings repository: the one writer of `upstream_settings` (one row). Settings and
 * secrets are kept apart so nothing that reads the settings for the UI can reach a secret by
 * accident. Not a resident's record: nothing is marked for upload.
 */
import type { Store } from '../../db/store.ts';

export function writeSettings(store: Store, settings: string, secrets: string, now: string): void {
  store.run(
    store.qb
      .insertInto('upstream_settings')
      .values({ id: 1, settings, secrets, updated_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ settings, secrets, updated_at: now })),
  );
}
