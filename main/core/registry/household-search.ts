import type { HouseholdSummary } from '#contract/ops/persons.ts';
import type { CoreContext } from '../context.ts';
import { fold } from '#contract/text.ts';

/** Name matches looked at: "nguyen" alone matches a third of a commune; heads are found among the first ones. */
const NAME_CAP = 2000;

interface Row {
  id: string;
  code: string;
  village: string;
  address: string;
  head_person_id: string | null;
  head_name: string | null;
  members: number;
}

const SELECT = `SELECT h.id, h.code, h.village, h.address, h.head_person_id,
  (SELECT full_name FROM persons WHERE id = h.head_person_id) AS head_name,
  (SELECT count(*) FROM persons WHERE household_id = h.id) AS members
  FROM households h`;

/**
 * Households for the registration form's picker: codes that start with what was typed ("HK-04",
 * "1627900"), then households whose head's name has every typed word as a word prefix, without
 * diacritics and in any order ("hung nguyen" → Nguyễn Văn Hùng), through the name index.
 */
export function searchHouseholds(ctx: CoreContext, query: string, limit: number): HouseholdSummary[] {
  const text = query.normalize('NFC').trim();
  if (!text) return [];
  const found = new Map<string, Row>();
  // Codes are few (one per household) and short: a LIKE over the code index is cheap, and ignores case.
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  for (const r of ctx.store
    .prepare(`${SELECT} WHERE h.code LIKE ? ESCAPE '\\' ORDER BY h.code LIMIT ?`)
    .all(`${escaped}%`, limit) as Row[]) {
    found.set(r.id, r);
  }
  const words = fold(text)
    .split(' ')
    .map((w) => w.replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  if (words.length && found.size < limit) {
    const rows = ctx.store
      .prepare(
        `${SELECT} WHERE h.head_person_id IN (
           SELECT p.id FROM persons_fts f JOIN persons p ON p.pk = f.rowid WHERE persons_fts MATCH ? LIMIT ${NAME_CAP})
         ORDER BY head_name, h.code LIMIT ?`,
      )
      .all(words.map((w) => `"${w}"*`).join(' '), limit) as Row[];
    for (const r of rows) if (!found.has(r.id)) found.set(r.id, r);
  }
  return [...found.values()].slice(0, limit).map((r) => ({
    id: r.id,
    code: r.code,
    village: r.village,
    address: r.address,
    headPersonId: r.head_person_id,
    headName: r.head_name,
    members: r.members,
  }));
}
