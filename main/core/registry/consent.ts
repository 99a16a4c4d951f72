import type { ConsentState } from '#contract/ops/upstream.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { findPersonRow } from './persons.ts';
import { todayIn } from './age.ts';
import { upsertConsent } from './repo/consent.ts';

export interface Consent {
  state: ConsentState;
  decidedOn: string | null;
  recordedBy: string | null;
}

/** The resident's consent to share; 'unknown' when nobody has recorded it. */
export function loadConsent(ctx: CoreContext, personId: string): Consent {
  const r = ctx.store
    .prepare('SELECT state, decided_on, recorded_by FROM person_consent WHERE person_id = ?')
    .get(personId) as
    { state: ConsentState; decided_on: string | null; recorded_by: string | null } | undefined;
  return r
    ? { state: r.state, decidedOn: r.decided_on, recordedBy: r.recorded_by }
    : { state: 'unknown', decidedOn: null, recordedBy: null };
}

/** Records what the resident said, on which day, and who wrote it down (audited, marked for upload). */
export function setConsent(
  ctx: CoreContext,
  actor: Actor,
  input: { personId: string; state: ConsentState; decidedOn: string },
): Consent {
  if (!findPersonRow(ctx, input.personId))
    throw new AppError('NOT_FOUND', { message: 'Không tìm thấy người này trong danh sách dân cư.' });
  if (input.decidedOn > todayIn(ctx.clock))
    throw new AppError('INVALID_INPUT', {
      message: 'Ngày đồng ý chia sẻ ở sau ngày hôm nay.',
      details: { issues: [{ path: 'decidedOn', message: 'Ngày đồng ý chia sẻ ở sau ngày hôm nay.' }] },
    });
  const now = isoNow(ctx.clock);
  ctx.store.tx(() => {
    upsertConsent(ctx.store, {
      personId: input.personId,
      state: input.state,
      decidedOn: input.decidedOn,
      recordedBy: actor.username,
      now,
    });
    appendAudit(
      ctx.store,
      actor,
      {
        action: 'person.consent',
        entity: 'person',
        entityId: input.personId,
        details: { state: input.state, decidedOn: input.decidedOn },
      },
      now,
    );
  });
  return loadConsent(ctx, input.personId);
}
