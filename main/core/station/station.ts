import type { StationSettings } from '#contract/ops/station.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import type { StationRow } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { insertStation as insertStationRow, updateStation as updateStationRow } from './repo/station.ts';

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
 * Writes the station's identity the first time (its one row, with the default settings). Callers
 * hold the transaction: first run writes the station and its first administrator together
 * (security/setup.ts). Refuses a second station.
 */
export function insertStation(
  ctx: CoreContext,
  station: { code: string; name: string; provinceCode: string; communeCode: string },
  now: string,
): StationRow {
  if (readRow(ctx)) throw new AppError('ALREADY_SET_UP');
  insertStationRow(ctx.store, {
    id: 1,
    code: station.code,
    name: station.name,
    province_code: station.provinceCode,
    commune_code: station.communeCode,
    address: '',
    phone: '',
    settings: JSON.stringify(DEFAULT_SETTINGS),
    created_at: now,
    updated_at: now,
  });
  return readRow(ctx) as StationRow;
}

/** The settings as the UI and other modules read them, from the stored row. */
export function stationSettings(ctx: CoreContext, r: StationRow): StationSettings {
  return toSettings(ctx, r);
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
    updateStationRow(ctx.store, {
      name: input.name ?? r.name,
      address: input.address ?? r.address,
      phone: input.phone ?? r.phone,
      settings: JSON.stringify(next),
      updated_at: now,
    });
    appendAudit(
      ctx.store,
      actor,
      { action: 'station.update', entity: 'station', entityId: r.code, details: input },
      now,
    );
    return toSettings(ctx, readRow(ctx) as StationRow);
  });
}
