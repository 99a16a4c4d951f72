import type { Identifier, MergeField, PersonFields, PersonRecord } from '#contract/ops/persons.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import type { Store } from '../db/store.ts';
import { reassignReadings } from '../devices/repo/measurements.ts';
import { loadPerson, validatePersonFields } from '../registry/persons.ts';
import { replaceHead } from '../registry/repo/households.ts';
import { absorbPerson } from '../registry/repo/persons.ts';
import { refreshDue } from './immunization-due.ts';
import { reassignHistory } from './repo/history.ts';
import { reassignDoses } from './repo/immunizations.ts';
import { reassignRegisters } from './repo/ncd-registers.ts';
import { reassignMaternal } from './repo/pregnancies.ts';
import { reassignVisits } from './repo/visits.ts';
import { reassignSupplements } from './repo/supplements.ts';

const ID_KINDS = ['cccd', 'cmnd', 'bhyt', 'passport'] as const;
type Side = 'survivor' | 'merged';

const isEmpty = (v: unknown): boolean =>
  v === '' ||
  v === null ||
  v === undefined ||
  (typeof v === 'object' && Object.values(v as object).every(isEmpty));

/**
 * Every table that points at a person, and how a merge moves its rows: each through the one
 * repository that writes it. The rest of the person (identifiers, aliases, households they head)
 * is the registry's. A table added later and missing here keeps its rows; deleting the duplicate
 * then fails on the foreign key and the whole merge rolls back rather than leave them behind
 * (merge-residents.test.ts checks the list against the schema).
 */
const MOVES = {
  person_history: (s: Store, from: string, to: string, now: string) => reassignHistory(s, from, to, now),
  immunizations: (s: Store, from: string, to: string, now: string) => ({
    moved: reassignDoses(s, from, to, now),
    dropped: 0,
  }),
  visits: (s: Store, from: string, to: string, now: string) => ({
    moved: reassignVisits(s, from, to, now),
    dropped: 0,
  }),
  ncd_registers: (s: Store, from: string, to: string, now: string) => reassignRegisters(s, from, to, now),
  // Pregnancies, antenatal visits and family-planning methods (issue 14) move together.
  pregnancies: (s: Store, from: string, to: string, now: string) => ({
    moved: reassignMaternal(s, from, to, now),
    dropped: 0,
  }),
  measurements: (s: Store, from: string, to: string) => ({
    moved: reassignReadings(s, from, to),
    dropped: 0,
  }),
  child_supplements: (s: Store, from: string, to: string, now: string) => ({
    moved: reassignSupplements(s, from, to, now),
    dropped: 0,
  }),
} satisfies Record<
  string,
  (s: Store, from: string, to: string, now: string) => { moved: number; dropped: number }
>;

type Move = (s: Store, from: string, to: string, now: string) => { moved: number; dropped: number };

/**
 * Moves of modules above the record (campaigns/: a roster row), which the record may not import:
 * each registers its move when its handlers are loaded, and the merge runs it in its transaction.
 */
const LATER_MOVES = new Map<string, Move>();

export function registerMergeMove(table: string, move: Move): void {
  LATER_MOVES.set(table, move);
}

/** The tables a merge moves (besides the registry's own); the due caches go with the doses. */
export function mergedTables(): string[] {
  return [
    ...Object.keys(MOVES),
    ...LATER_MOVES.keys(),
    'immunization_due',
    'immunization_due_doses',
    'antenatal_visits',
    'family_planning',
  ];
}

/**
 * Merges a duplicate into the surviving record. The user picks, field by field, whose value stays
 * (by default the survivor's, with gaps filled from the duplicate). Every child record (visits,
 * immunisations, history, measurements…) moves to the survivor; the duplicate's id becomes an alias
 * so references the province already holds still resolve; the province is told about the merge.
 */
export function mergeResidents(
  ctx: CoreContext,
  actor: Actor,
  survivorId: string,
  mergedId: string,
  take: Partial<Record<MergeField, Side>>,
): PersonRecord {
  if (survivorId === mergedId)
    throw new AppError('INVALID_INPUT', { message: 'Chọn hai hồ sơ khác nhau để gộp.' });
  const survivor = loadPerson(ctx, survivorId);
  const merged = loadPerson(ctx, mergedId);
  const pick = <T>(field: MergeField, s: T, m: T): T => {
    const side = take[field] ?? (isEmpty(s) && !isEmpty(m) ? 'merged' : 'survivor');
    return side === 'merged' ? m : s;
  };
  const idOf = (p: PersonRecord, kind: string) => p.identifiers.find((i) => i.kind === kind);
  const identifiers = ID_KINDS.flatMap((kind) => {
    const chosen = pick<Identifier | undefined>(kind, idOf(survivor, kind), idOf(merged, kind));
    return chosen ? [chosen] : [];
  });
  const household = pick(
    'household',
    { id: survivor.householdId, relation: survivor.relationToHead },
    { id: merged.householdId, relation: merged.relationToHead },
  );
  const fields: PersonFields = {
    fullName: pick('fullName', survivor.fullName, merged.fullName),
    sex: pick('sex', survivor.sex, merged.sex),
    birthDate: pick('birthDate', survivor.birthDate, merged.birthDate),
    householdId: household.id,
    relationToHead: household.relation,
    bloodAbo: pick('bloodAbo', survivor.bloodAbo, merged.bloodAbo),
    bloodRh: pick('bloodRh', survivor.bloodRh, merged.bloodRh),
    birthProvinceCode: pick('birthProvinceCode', survivor.birthProvinceCode, merged.birthProvinceCode),
    ethnicityCode: pick('ethnicityCode', survivor.ethnicityCode, merged.ethnicityCode),
    nationality: pick('nationality', survivor.nationality, merged.nationality),
    religion: pick('religion', survivor.religion, merged.religion),
    occupation: pick('occupation', survivor.occupation, merged.occupation),
    identifiers,
    permanentAddress: pick('permanentAddress', survivor.permanentAddress, merged.permanentAddress),
    currentAddress: pick('currentAddress', survivor.currentAddress, merged.currentAddress),
    phoneMobile: pick('phoneMobile', survivor.phoneMobile, merged.phoneMobile),
    phoneLandline: pick('phoneLandline', survivor.phoneLandline, merged.phoneLandline),
    email: pick('email', survivor.email, merged.email),
    mother: pick('mother', survivor.mother, merged.mother),
    father: pick('father', survivor.father, merged.father),
    caregiver: pick('caregiver', survivor.caregiver, merged.caregiver),
    shareConsent: survivor.shareConsent && merged.shareConsent,
  };
  validatePersonFields(ctx, fields);

  ctx.store.tx(() => {
    const now = isoNow(ctx.clock);
    const moved: Record<string, number> = {};
    const dropped: Record<string, number> = {};
    // Rows the survivor already has an equivalent of (one part-B document, one register entry per
    // disease) stay the survivor's; the duplicate's copies are dropped and counted in the audit.
    for (const [table, move] of [...Object.entries(MOVES), ...LATER_MOVES]) {
      const r = move(ctx.store, mergedId, survivorId, now);
      if (r.moved) moved[table] = r.moved;
      if (r.dropped) dropped[table] = r.dropped;
    }
    replaceHead(ctx.store, mergedId, survivorId);
    const lastVisitOn =
      [survivor.lastVisitOn, merged.lastVisitOn]
        .filter((d): d is string => d !== null)
        .sort()
        .pop() ?? null;
    absorbPerson(
      ctx.store,
      {
        survivorId,
        mergedId,
        fields,
        version: Math.max(survivor.version, merged.version) + 1,
        lastVisitOn,
      },
      { now, userId: actor.userId },
    );
    // The survivor's doses (and perhaps birth date) changed: their due doses are worked out again.
    refreshDue(ctx, survivorId);
    appendAudit(
      ctx.store,
      actor,
      {
        action: 'person.merge',
        entity: 'person',
        entityId: survivorId,
        details: { mergedId, took: take, moved, dropped },
      },
      now,
    );
  });
  return loadPerson(ctx, survivorId);
}
