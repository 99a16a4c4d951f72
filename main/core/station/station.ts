import type { StationSettings } from '#contract/ops/station.ts';
import { isoNow } from '../clock.ts';
import type { SessionBinding } from '../api/types.ts';
import type { CoreContext } from '../context.ts';
import type { StationRow } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { appendAudit, type Actor } from '../security/audit.ts';
import { hashPassword } from '../security/passwords.ts';
import { insertUser } from '../security/users.ts';

/** Settings kept in station.settings (JSON), with the defaults a fresh station starts from. */
interface StoredSettings {
  updateUrl: string;
  idleLockMinutes: number;
  bpScheme: 'VNHA2018' | 'VNHA2022';
}

export const DEFAULT_SETTINGS: StoredSettings = { updateUrl: '', idleLockMinutes: 15, bpScheme: 'VNHA2018' };

function readRow(ctx: CoreContext): StationRow | undefined {
  return ctx.store.first(ctx.store.qb.selectFrom('station').selectAll().where('id', '=', 1));
}

function parseSettings(json: string): StoredSettings {
  try {
    return { ...DEFAULT_SETTINGS, ...(JSON.parse(json) as Partial<StoredSettings>) };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

function toSettings(ctx: CoreContext, r: StationRow): StationSettings {
  const s = parseSettings(r.settings);
  return {
    code: r.code,
    name: r.name,
    provinceCode: r.province_code,
    communeCode: r.commune_code,
    provinceName: ctx.codes.province(r.province_code)?.fullName ?? '',
    communeName: ctx.codes.commune(r.commune_code)?.fullName ?? '',
    address: r.address,
    phone: r.phone,
    ...s,
  };
}

export function isSetUp(ctx: CoreContext): boolean {
  return readRow(ctx) !== undefined;
}

export function getStation(ctx: CoreContext): StationSettings {
  const r = readRow(ctx);
  if (!r) throw new AppError('NOT_SET_UP');
  return toSettings(ctx, r);
}

/** The idle-lock minutes, read each time so a changed setting applies to open sessions at once. */
export function idleLockMinutes(ctx: Pick<CoreContext, 'store'>): number {
  const r = ctx.store.first(ctx.store.qb.selectFrom('station').select('settings').where('id', '=', 1));
  return r ? parseSettings(r.settings).idleLockMinutes : DEFAULT_SETTINGS.idleLockMinutes;
}

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
    if (readRow(ctx)) throw new AppError('ALREADY_SET_UP');
    const now = isoNow(ctx.clock);
    ctx.store.run(
      ctx.store.qb.insertInto('station').values({
        id: 1,
        code: input.station.code,
        name: input.station.name,
        province_code: province.code,
        commune_code: commune.code,
        address: '',
        phone: '',
        settings: JSON.stringify(DEFAULT_SETTINGS),
        created_at: now,
        updated_at: now,
      }),
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
      ctx.store.run(ctx.store.qb.updateTable('users').set({ last_login_at: now }).where('id', '=', admin.id));
      appendAudit(
        ctx.store,
        actor,
        { action: 'auth.login', entity: 'user', entityId: admin.id, details: { via: 'station.setup' } },
        now,
      );
    }
    return { row: readRow(ctx) as StationRow, admin };
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
  return toSettings(ctx, row);
}

export function updateStation(
  ctx: CoreContext,
  actor: Actor,
  input: Partial<
    Pick<StationSettings, 'name' | 'address' | 'phone' | 'updateUrl' | 'idleLockMinutes' | 'bpScheme'>
  >,
): StationSettings {
  return ctx.store.tx(() => {
    const r = readRow(ctx);
    if (!r) throw new AppError('NOT_SET_UP');
    const settings = parseSettings(r.settings);
    const next: StoredSettings = {
      updateUrl: input.updateUrl ?? settings.updateUrl,
      idleLockMinutes: input.idleLockMinutes ?? settings.idleLockMinutes,
      bpScheme: input.bpScheme ?? settings.bpScheme,
    };
    const now = isoNow(ctx.clock);
    ctx.store.run(
      ctx.store.qb
        .updateTable('station')
        .set({
          name: input.name ?? r.name,
          address: input.address ?? r.address,
          phone: input.phone ?? r.phone,
          settings: JSON.stringify(next),
          updated_at: now,
        })
        .where('id', '=', 1),
    );
    appendAudit(
      ctx.store,
      actor,
      { action: 'station.update', entity: 'station', entityId: r.code, details: input },
      now,
    );
    return toSettings(ctx, readRow(ctx) as StationRow);
  });
}
