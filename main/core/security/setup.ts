/**
 * First run, which belongs to no one module: the station's identity (station module) and its first
 * administrator (this module), written together. Kept here so the station module never depends on
 * accounts and sign-in (security → station, one way).
 */
import type { StationSettings } from '#contract/ops/station.ts';
import { appendAudit } from '../audit/audit.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { SessionBinding } from '../handler-types.ts';
import { insertStation, stationSettings } from '../station/station.ts';
import { hashPassword } from './passwords.ts';
import { updateUser } from './repo/users.ts';
import { insertUser } from './users.ts';

/**
 * First run: the station's identity and its first administrator, in one transaction, so a
 * half-finished wizard never leaves a station without an administrator.
 *
 * With `signIn`, the window that ran the wizard is signed in as that administrator: the person
 * who just chose the password does not have to type it again. The sign-in is recorded in the same
 * transaction, and the session is created right after it commits, with no await in between, so no
 * other call can slip in. A refused setup (second run, bad commune) signs nobody in.
 */
export async function setupStation(
  ctx: CoreContext,
  input: {
    station: { code: string; name: string; provinceCode: string; communeCode: string };
    admin: { username: string; fullName: string; password: string };
  },
  options: { signIn?: SessionBinding } = {},
): Promise<StationSettings> {
  const province = ctx.codes.province(input.station.provinceCode);
  const commune = ctx.codes.commune(input.station.communeCode);
  if (!province)
    throw new AppError('INVALID_INPUT', { message: 'Tỉnh/thành phố không có trong danh mục 2025.' });
  if (!commune || commune.provinceCode !== province.code) {
    throw new AppError('INVALID_INPUT', { message: `Xã/phường không thuộc ${province.fullName}.` });
  }
  const passwordHash = await hashPassword(input.admin.password);
  const { row, admin } = ctx.store.tx(() => {
    const now = isoNow(ctx.clock);
    const row = insertStation(
      ctx,
      { ...input.station, provinceCode: province.code, communeCode: commune.code },
      now,
    );
    const admin = insertUser(ctx, null, { ...input.admin, role: 'admin', passwordHash });
    const actor = { userId: admin.id, username: admin.username };
    appendAudit(
      ctx.store,
      actor,
      {
        action: 'station.setup',
        entity: 'station',
        entityId: input.station.code,
        details: { ...input.station },
      },
      now,
    );
    if (options.signIn) {
      updateUser(ctx.store, admin.id, { last_login_at: now });
      appendAudit(
        ctx.store,
        actor,
        { action: 'auth.login', entity: 'user', entityId: admin.id, details: { via: 'station.setup' } },
        now,
      );
    }
    return { row, admin };
  });
  ctx.log.info('station set up', { code: row.code, commune: row.commune_code });
  if (options.signIn) {
    // Whatever this window held before (nothing, on a fresh station) is replaced.
    ctx.sessions.destroy(options.signIn.get());
    const session = ctx.sessions.create({
      id: admin.id,
      username: admin.username,
      fullName: admin.full_name,
      role: admin.role,
    });
    options.signIn.set(session.id);
  }
  return stationSettings(ctx, row);
}
