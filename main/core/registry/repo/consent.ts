/**
 * The consent repository: the one writer of `person_consent` (part A: the resident's consent to
 * share the record beyond the statutory repository). A change of consent changes what a sharing
 * upstream may receive (a FHIR Consent resource, or nothing), so it marks the record in the outbox
 * in the caller's transaction. Callers validate, audit and hold the transaction.
 */
import type { Store } from '../../db/store.ts';
import { markRecord } from '../../sync/outbox.ts';

export interface ConsentRowInput {
  personId: string;
  state: 'unknown' | 'given' | 'refused' | 'withdrawn';
  decidedOn: string | null;
  recordedBy: string | null;
  now: string;
}

export function upsertConsent(store: Store, c: ConsentRowInput): void {
  store.run(
    store.qb
      .insertInto('person_consent')
      .values({
        person_id: c.personId,
        state: c.state,
        decided_on: c.decidedOn,
        recorded_by: c.recordedBy,
        recorded_at: c.now,
      })
      .onConflict((oc) =>
        oc.column('person_id').doUpdateSet({
          state: c.state,
          decided_on: c.decidedOn,
          recorded_by: c.recordedBy,
          recorded_at: c.now,
        }),
      ),
  );
  markRecord(store, c.personId, c.now);
}
