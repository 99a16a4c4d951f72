import type { Identifier, PersonFields } from '#contract/ops/persons.ts';
import type { Store } from '../db/store.ts';
import { decodeBhyt, validateBhyt, validateCccd, validateCmnd, validatePassport } from './identity.ts';

export interface FieldIssue {
  path: string;
  message: string;
}

const LABEL: Record<string, string> = {
  cccd: 'CCCD',
  cmnd: 'CMND',
  bhyt: 'thẻ BHYT',
  passport: 'hộ chiếu',
  bhxh: 'BHXH',
};
export const identifierLabel = (kind: string): string => LABEL[kind] ?? kind;

/**
 * Checks each identity number on its own and against the person (a CCCD's 4th digit against sex
 * and century, its year digits against the birth year). Returns field issues for the form.
 */
export function checkIdentifiers(
  p: PersonFields,
  onDate: Date,
): { errors: FieldIssue[]; warnings: FieldIssue[] } {
  const errors: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  const birthYear = Number(p.birthDate.slice(0, 4));
  const seen = new Set<string>();
  p.identifiers.forEach((id, i) => {
    const path = `person.identifiers.${i}.value`;
    if (seen.has(id.kind)) {
      errors.push({ path, message: `Mỗi người chỉ ghi một số ${identifierLabel(id.kind)} đang dùng.` });
      return;
    }
    seen.add(id.kind);
    const result =
      id.kind === 'cccd'
        ? validateCccd(id.value, { sex: p.sex, birthYear })
        : id.kind === 'cmnd'
          ? validateCmnd(id.value)
          : id.kind === 'bhyt'
            ? validateBhyt(id.value, { birthYear, onDate })
            : validatePassport(id.value);
    for (const m of result.errors) errors.push({ path, message: m });
    for (const m of result.warnings) warnings.push({ path, message: m });
  });
  return { errors, warnings };
}

/** The rows to store: the user's numbers plus the BHXH number carried by a BHYT card (unique per person). */
export function identifierRows(ids: readonly Identifier[]): Identifier[] {
  const rows: Identifier[] = [...ids];
  const bhyt = ids.find((i) => i.kind === 'bhyt');
  const bhxh = bhyt ? decodeBhyt(bhyt.value) : null;
  if (bhyt && bhxh && /^\d{10}$/.test(bhxh.bhxhNumber)) {
    rows.push({ ...bhyt, kind: 'bhxh' as Identifier['kind'], value: bhxh.bhxhNumber });
  }
  return rows;
}

/** Who already holds one of these numbers (other than `selfId`). */
export function identifierClashes(
  store: Store,
  ids: readonly Identifier[],
  selfId: string | null,
): { kind: string; value: string; personId: string }[] {
  const st = store.prepare(`SELECT person_id FROM person_identifiers WHERE kind = ? AND value = ?`);
  const out: { kind: string; value: string; personId: string }[] = [];
  for (const id of identifierRows(ids)) {
    const holder = st.get(id.kind, id.value) as { person_id: string } | undefined;
    if (holder && holder.person_id !== selfId)
      out.push({ kind: id.kind, value: id.value, personId: holder.person_id });
  }
  return out;
}
