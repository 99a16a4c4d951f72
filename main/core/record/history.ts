import { PartB, type PartB as PartBData } from '#contract/ops/record.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { refreshDue } from './immunization-due.ts';
import { findPersonRow } from '../registry/persons.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { syncRegisters } from './ncd.ts';
import { saveHistory as writeHistory } from './repo/history.ts';

export const EMPTY_HISTORY: PartBData = PartB.parse({});

export function loadHistory(ctx: CoreContext, personId: string): { history: PartBData; version: number } {
  const row = ctx.store
    .prepare('SELECT data, version FROM person_history WHERE person_id = ?')
    .get(personId) as { data: string; version: number } | undefined;
  if (!row) return { history: EMPTY_HISTORY, version: 0 };
  // Parse through the schema so documents saved by an older version get today's defaults.
  return { history: PartB.parse(JSON.parse(row.data)), version: row.version };
}

/** Part B in one piece, with the NCD registers following the B.3.2 hypertension/diabetes boxes. */
export function saveHistory(
  ctx: CoreContext,
  actor: Actor,
  personId: string,
  expectedVersion: number,
  history: PartBData,
): { history: PartBData; version: number } {
  if (!findPersonRow(ctx, personId))
    throw new AppError('NOT_FOUND', { message: 'Không tìm thấy người này.' });
  return ctx.store.tx(() => {
    const current = loadHistory(ctx, personId);
    if (current.version !== expectedVersion)
      throw new AppError('VERSION_CONFLICT', { details: { currentVersion: current.version } });
    const now = isoNow(ctx.clock);
    const version = current.version + 1;
    writeHistory(ctx.store, personId, JSON.stringify(history), version, { now, userId: actor.userId });
    syncRegisters(ctx, personId, now.slice(0, 10));
    // Her last pregnancy may make a tetanus dose due (issue 14): her due row is worked out again.
    if (JSON.stringify(history.reproductive) !== JSON.stringify(current.history.reproductive))
      refreshDue(ctx, personId);
    const sections = (Object.keys(history) as (keyof PartBData)[]).filter(
      (k) => JSON.stringify(history[k]) !== JSON.stringify(current.history[k]),
    );
    appendAudit(
      ctx.store,
      actor,
      { action: 'history.save', entity: 'person', entityId: personId, details: { sections } },
      now,
    );
    return { history, version };
  });
}
