/**
 * Residents handed from another screen (the resident list's "In danh sách này") to the batch panel:
 * held here for the one navigation between them, then taken.
 */
import { BATCH_MAX_IDS, type PersonSummary } from '#contract';
import { api, unwrap } from '../api.ts';
import type { Chosen } from './types.ts';

let pending: Chosen[] | null = null;

export function handOff(people: Chosen[]): void {
  pending = people;
}

/** What was handed over (once), or an empty list. */
export function takeHandoff(): Chosen[] {
  const people = pending ?? [];
  pending = null;
  return people;
}

/** Every resident a list filter shows, up to a batch's limit, read page by page. */
export async function residentsOf(
  filters: Parameters<typeof api.persons.list>[0]['filters'],
  sort: 'name' | 'village',
): Promise<{ people: Chosen[]; total: number }> {
  const people: Chosen[] = [];
  let total = 0;
  for (let offset = 0; offset < BATCH_MAX_IDS; offset += 500) {
    const r = await unwrap(api.persons.list({ filters, sort, offset, limit: 500 }));
    total = r.total;
    people.push(...r.rows.map(toChosen));
    if (r.rows.length < 500) break;
  }
  return { people: people.slice(0, BATCH_MAX_IDS), total };
}

function toChosen(p: PersonSummary): Chosen {
  return {
    id: p.id,
    fullName: p.fullName,
    sex: p.sex,
    birthDate: p.birthDate,
    age: p.age,
    village: p.village,
  };
}
