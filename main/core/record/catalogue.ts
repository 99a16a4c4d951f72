import type { VaccineItem } from '#contract/ops/record.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { VaccineRow } from '../db/schema.ts';
import { insertProgrammeDoses, setActive, setRegional } from './repo/vaccines.ts';
import { VACCINE_CATALOGUE, type VaccineDose } from './rules/vaccines.ts';

/**
 * The station's vaccine catalogue lives in the database, seeded from the national programme on
 * start-up: doses added by a new version of the app appear, doses a station switched off or
 * edited stay as the station left them.
 */
export function ensureVaccineCatalogue(ctx: Pick<CoreContext, 'store'>): void {
  const known = new Set(ctx.store.prepare('SELECT code FROM vaccines').pluck().all() as string[]);
  const missing = VACCINE_CATALOGUE.map((dose, sort) => ({ dose, sort })).filter(
    ({ dose }) => !known.has(dose.code),
  );
  if (missing.length === 0) return;
  ctx.store.tx(() => insertProgrammeDoses(ctx.store, missing));
}

function rows(ctx: CoreContext): VaccineRow[] {
  return ctx.store.prepare('SELECT * FROM vaccines ORDER BY sort, code').all() as VaccineRow[];
}

/** The doses the schedule engine uses: active ones only. */
export function activeCatalogue(ctx: CoreContext): VaccineDose[] {
  return rows(ctx)
    .filter((r) => r.active === 1)
    .map((r) => JSON.parse(r.data) as VaccineDose);
}

/** Roadmap vaccines (rotavirus, PCV, HPV in TCMR…) the station's province has switched on. */
export function regionalVaccines(ctx: CoreContext): string[] {
  return [
    ...new Set(
      rows(ctx)
        .filter((r) => r.regional === 1)
        .map((r) => (JSON.parse(r.data) as VaccineDose).vaccine),
    ),
  ];
}

export function vaccineByCode(ctx: CoreContext, code: string): VaccineDose | undefined {
  const r = ctx.store.prepare('SELECT data FROM vaccines WHERE code = ?').get(code) as
    { data: string } | undefined;
  return r ? (JSON.parse(r.data) as VaccineDose) : undefined;
}

export function listVaccines(ctx: CoreContext): VaccineItem[] {
  return rows(ctx).map((r) => {
    const d = JSON.parse(r.data) as VaccineDose;
    return {
      code: d.code,
      vaccine: d.vaccine,
      name: d.name,
      group: d.group,
      dose: d.dose,
      program: d.program,
      regional: r.regional === 1,
      active: r.active === 1,
      custom: r.custom === 1,
      uncertain: d.uncertain ?? null,
    };
  });
}

export function setVaccineActive(ctx: CoreContext, code: string, active: boolean): VaccineItem[] {
  if (!setActive(ctx.store, code, active))
    throw new AppError('NOT_FOUND', { message: `Không có vắc xin mã ${code}.` });
  return listVaccines(ctx);
}

/** Switches a roadmap vaccine (all its doses) on for the station's province. */
export function setVaccineRegional(ctx: CoreContext, vaccine: string, enabled: boolean): VaccineItem[] {
  const codes = rows(ctx)
    .filter((r) => (JSON.parse(r.data) as VaccineDose).vaccine === vaccine)
    .map((r) => r.code);
  if (codes.length === 0) throw new AppError('NOT_FOUND', { message: `Không có vắc xin ${vaccine}.` });
  ctx.store.tx(() => setRegional(ctx.store, codes, enabled));
  return listVaccines(ctx);
}
