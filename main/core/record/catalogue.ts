import type { VaccineItem } from '#contract/ops/record.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { VaccineRow } from '../db/schema.ts';
import { appendAudit, type Actor, type AuditInput } from '../audit/audit.ts';
import { expireAllDue } from './repo/immunizations.ts';
import { insertProgrammeDoses, setActive, setRegional, updateProgrammeDose } from './repo/vaccines.ts';
import { describeAgeRule } from './rules/immunization-age-rule.ts';
import { VACCINE_CATALOGUE, type VaccineDose } from './rules/vaccines.ts';

/**
 * The station's vaccine catalogue lives in the database, seeded from the national programme on
 * start-up: doses added by a new version of the app appear; a programme dose whose rule the app
 * corrected (UV2's spacing) takes the new rule, keeping whether the station switched it on or
 * retired it. Nothing edits a programme dose's rule at the station, so nothing is lost.
 */
export function ensureVaccineCatalogue(ctx: Pick<CoreContext, 'store'>): void {
  const stored = new Map(
    (
      ctx.store.prepare('SELECT code, data, custom FROM vaccines').all() as Pick<
        VaccineRow,
        'code' | 'data' | 'custom'
      >[]
    ).map((r) => [r.code, r]),
  );
  const missing = VACCINE_CATALOGUE.map((dose, sort) => ({ dose, sort })).filter(
    ({ dose }) => !stored.has(dose.code),
  );
  const changed = VACCINE_CATALOGUE.filter((dose) => {
    const r = stored.get(dose.code);
    return r !== undefined && r.custom === 0 && r.data !== JSON.stringify(dose);
  });
  if (missing.length === 0 && changed.length === 0) return;
  ctx.store.tx(() => {
    insertProgrammeDoses(ctx.store, missing);
    for (const dose of changed) updateProgrammeDose(ctx.store, dose);
    // A new dose or a corrected rule (an upper age added) changes who is due: every stored answer
    // is worked out again, in the background's slices and before any due list is shown.
    expireAllDue(ctx.store);
  });
}

function rows(ctx: Pick<CoreContext, 'store'>): VaccineRow[] {
  return ctx.store.prepare('SELECT * FROM vaccines ORDER BY sort, code').all() as VaccineRow[];
}

/** What the schedule engine needs from the station's catalogue, read once. */
export interface StationCatalogue {
  /** Every dose, retired ones included: a retired dose given earlier stays in the record. */
  doses: VaccineDose[];
  /** Retired doses: no longer offered or scheduled. */
  retired: string[];
  /** Roadmap vaccines (rotavirus, PCV, HPV in TCMR…) the station's province has switched on. */
  regional: string[];
}

export function stationCatalogue(ctx: Pick<CoreContext, 'store'>): StationCatalogue {
  const all = rows(ctx).map((r) => ({ r, d: JSON.parse(r.data) as VaccineDose }));
  return {
    doses: all.map((x) => x.d),
    retired: all.filter((x) => x.r.active !== 1).map((x) => x.d.code),
    regional: [...new Set(all.filter((x) => x.r.regional === 1).map((x) => x.d.vaccine))],
  };
}

/** The doses that can be offered: not retired. */
export function activeCatalogue(ctx: CoreContext): VaccineDose[] {
  return rows(ctx)
    .filter((r) => r.active === 1)
    .map((r) => JSON.parse(r.data) as VaccineDose);
}

export function vaccineByCode(ctx: CoreContext, code: string): VaccineDose | undefined {
  const r = ctx.store.prepare('SELECT data FROM vaccines WHERE code = ?').get(code) as
    { data: string } | undefined;
  return r ? (JSON.parse(r.data) as VaccineDose) : undefined;
}

export function listVaccines(ctx: CoreContext): VaccineItem[] {
  const all = rows(ctx).map((r) => ({ r, d: JSON.parse(r.data) as VaccineDose }));
  const byCode = new Map(all.map((x) => [x.d.code, x.d]));
  return all.map(({ r, d }) => ({
    code: d.code,
    vaccine: d.vaccine,
    name: d.name,
    group: d.group,
    dose: d.dose,
    program: d.program,
    roadmap: d.rollout === 'regional',
    regional: r.regional === 1,
    active: r.active === 1,
    custom: r.custom === 1,
    ageRule: describeAgeRule(d, byCode),
    uncertain: d.uncertain ?? null,
  }));
}

/**
 * The catalogue changed what is due: every stored answer is worked out again (the background
 * refresher does it in slices; the due list brings what it shows up to date first).
 */
function catalogueChanged(ctx: CoreContext, actor: Actor, entry: AuditInput): void {
  expireAllDue(ctx.store);
  appendAudit(ctx.store, actor, entry, isoNow(ctx.clock));
}

export function setVaccineActive(
  ctx: CoreContext,
  actor: Actor,
  code: string,
  active: boolean,
): VaccineItem[] {
  ctx.store.tx(() => {
    if (!setActive(ctx.store, [code], active))
      throw new AppError('NOT_FOUND', { message: `Không có vắc xin mã ${code}.` });
    catalogueChanged(ctx, actor, {
      action: active ? 'vaccine.restore' : 'vaccine.retire',
      details: { codes: [code] },
    });
  });
  return listVaccines(ctx);
}

const codesOf = (ctx: CoreContext, vaccine: string): string[] =>
  rows(ctx)
    .filter((r) => (JSON.parse(r.data) as VaccineDose).vaccine === vaccine)
    .map((r) => r.code);

/**
 * Retires a vaccine (every dose of it): no longer offered or scheduled; the doses given stay in
 * every record and on the printed forms. `retired: false` brings it back.
 */
export function retireVaccine(
  ctx: CoreContext,
  actor: Actor,
  vaccine: string,
  retired: boolean,
): VaccineItem[] {
  const codes = codesOf(ctx, vaccine);
  if (codes.length === 0) throw new AppError('NOT_FOUND', { message: `Không có vắc xin ${vaccine}.` });
  ctx.store.tx(() => {
    setActive(ctx.store, codes, !retired);
    catalogueChanged(ctx, actor, {
      action: retired ? 'vaccine.retire' : 'vaccine.restore',
      details: { vaccine, codes },
    });
  });
  return listVaccines(ctx);
}

/**
 * Switches a roadmap vaccine (all its doses) on for the station's province: from then on it is in
 * every child's schedule, record and due list. Only roadmap vaccines (rotavirus, PCV, HPV in TCMR)
 * have this switch; the others are always in the programme.
 */
export function setVaccineRegional(
  ctx: CoreContext,
  actor: Actor,
  vaccine: string,
  enabled: boolean,
): VaccineItem[] {
  const doses = rows(ctx)
    .map((r) => JSON.parse(r.data) as VaccineDose)
    .filter((d) => d.vaccine === vaccine);
  if (doses.length === 0) throw new AppError('NOT_FOUND', { message: `Không có vắc xin ${vaccine}.` });
  if (!doses.some((d) => d.rollout === 'regional'))
    throw new AppError('INVALID_INPUT', {
      message: `${vaccine} thuộc chương trình chung, không bật/tắt theo tỉnh.`,
    });
  ctx.store.tx(() => {
    setRegional(
      ctx.store,
      doses.map((d) => d.code),
      enabled,
    );
    catalogueChanged(ctx, actor, {
      action: enabled ? 'vaccine.regional.on' : 'vaccine.regional.off',
      details: { vaccine },
    });
  });
  return listVaccines(ctx);
}
