import type { DuplicateCheck, PersonFields } from '#contract/ops/persons.ts';
import type { CoreContext } from '../context.ts';
import { fold } from '#contract/text.ts';
import { identifierClashes } from './identifiers.ts';
import { summariesByIds } from './summaries.ts';

/**
 * Before a save: the same CCCD/CMND/BHYT/passport already registered blocks it; the same folded
 * name, birth date and sex is probably the same person and asks for confirmation (same village
 * first, as the tie-breaker). A year-only birth date matches full dates in that year and vice versa.
 */
export function findDuplicates(ctx: CoreContext, p: PersonFields, excludeId: string | null): DuplicateCheck {
  const clashes = identifierClashes(ctx.store, p.identifiers, excludeId);
  const holders = new Map(
    summariesByIds(ctx, [...new Set(clashes.map((c) => c.personId))]).map((s) => [s.id, s]),
  );
  const blocking = clashes.flatMap((c) => {
    const person = holders.get(c.personId);
    return person ? [{ kind: c.kind, value: c.value, person }] : [];
  });

  const year = p.birthDate.slice(0, 4);
  const candidates = ctx.store
    .prepare(
      `SELECT id, village FROM persons
       WHERE name_folded = ? AND sex = ? AND (birth_date = ? OR birth_date = ? OR (length(?) = 4 AND birth_year = ?))
         AND id <> ? LIMIT 20`,
    )
    .all(fold(p.fullName), p.sex, p.birthDate, year, p.birthDate, Number(year), excludeId ?? '') as {
    id: string;
    village: string;
  }[];
  const blockingIds = new Set(blocking.map((b) => b.person.id));
  const village = fold(p.currentAddress.village);
  const similar = summariesByIds(
    ctx,
    candidates.filter((c) => !blockingIds.has(c.id)).map((c) => c.id),
  )
    .map((person) => ({ person, sameVillage: village !== '' && fold(person.village) === village }))
    .sort((a, b) => Number(b.sameVillage) - Number(a.sameVillage));
  return { blocking, similar };
}
