import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { insertHousehold as insertHouseholdRow } from './repo/households.ts';

/** The relation written for a household's head (A.2). */
export const HEAD = 'Chủ hộ';

/** Household codes: the station's commune code and a running number ("1627900042"). */
export function nextHouseholdCode(ctx: Pick<CoreContext, 'store'>): string {
  const commune =
    (
      ctx.store.prepare('SELECT commune_code FROM station WHERE id = 1').get() as
        { commune_code: string } | undefined
    )?.commune_code ?? '00000';
  const last = ctx.store
    .prepare(
      `SELECT max(CAST(substr(code, 6) AS INTEGER)) AS n FROM households WHERE code GLOB ? AND length(code) = 10`,
    )
    .get(`${commune}[0-9][0-9][0-9][0-9][0-9]`) as { n: number | null };
  return `${commune}${String((last.n ?? 0) + 1).padStart(5, '0')}`;
}

export interface NewHouseholdRow {
  /** '' = the next generated code. */
  code: string;
  village: string;
  address: string;
  headPersonId: string | null;
}

/**
 * Writes one household row and its audit entry (inside the caller's transaction). A typed code
 * someone already uses is refused with the household it belongs to, so the clerk can open that one.
 * Does not touch the head's person row: callers set household_id and the relation themselves.
 */
export function insertHousehold(
  ctx: CoreContext,
  actor: Actor,
  h: NewHouseholdRow,
  now: string,
): { id: string; code: string } {
  const code = h.code || nextHouseholdCode(ctx);
  const taken = ctx.store.prepare('SELECT village, address FROM households WHERE code = ?').get(code) as
    { village: string; address: string } | undefined;
  if (taken) {
    const where = taken.village || taken.address;
    throw new AppError('CONFLICT', {
      message: `Mã hộ gia đình ${code} đã có${where ? ` (${where})` : ''}.`,
      logMessage: 'household code already in use',
      details: { issues: [{ path: 'code', message: `Mã hộ gia đình ${code} đã có.` }] },
    });
  }
  const id = randomUUID();
  insertHouseholdRow(
    ctx.store,
    { id, code, headPersonId: h.headPersonId, village: h.village, address: h.address },
    now,
  );
  appendAudit(
    ctx.store,
    actor,
    { action: 'household.create', entity: 'household', entityId: id, details: { code } },
    now,
  );
  return { id, code };
}
