import type { SearchResult } from '#contract/ops/persons.ts';
import type { CoreContext } from '../context.ts';
import { fold } from '#contract/text.ts';
import { compactNumber } from './identity.ts';
import { summariesByIds, summariesByPks } from './summaries.ts';

type Match = SearchResult['results'][number]['matchedBy'];

/** A year typed after a name: "nguyen van an 1962". */
const YEAR = /^(19|20)\d{2}$/;

/**
 * One search box for everything. A number (CCCD, CMND, BHYT card, phone, household code) finds its
 * holder exactly; anything else is a name — diacritics, đ/Đ, case, token order and NFC/NFD do not
 * matter, every token matches as a prefix, and a 4-digit year narrows to that birth year.
 * Ranked: exact identifier, then exact name, then names starting with the query, then names where
 * every token is a whole word, then token prefixes (shorter names first within each rank).
 */
export function searchPersons(ctx: CoreContext, query: string, limit: number): SearchResult {
  const text = query.normalize('NFC').trim();
  if (!text) return { kind: 'empty', results: [] };

  const compact = compactNumber(text).toUpperCase();
  if (/^[0-9A-Z]{6,15}$/.test(compact) && /\d{6}/.test(compact)) {
    return { kind: 'id', results: identifierMatches(ctx, compact, limit) };
  }

  const tokens = fold(text)
    .split(' ')
    .map((t) => t.replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  const year = tokens.find((t) => YEAR.test(t));
  const words = tokens.filter((t) => !YEAR.test(t));
  if (words.length === 0) return { kind: 'empty', results: [] };

  const exact = words.join(' ');
  const typed = text.toLowerCase().replace(/\s+/g, ' ');
  const candidates = nameCandidates(ctx, words, exact, year ? Number(year) : null);
  const ranked = [...candidates.values()]
    // Typed with diacritics and matching them exactly ("Nguyễn Thị Hoa", not "Hòa") comes first of all.
    .map((c) => ({ ...c, rank: c.fullName?.toLowerCase() === typed ? -1 : rankOf(c.name, words, exact) }))
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        a.name.length - b.name.length ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : a.pk - b.pk),
    )
    .slice(0, limit);
  const summaries = summariesByPks(
    ctx,
    ranked.map((r) => r.pk),
  );
  return {
    kind: 'name',
    results: summaries.map((s, i) => ({
      ...s,
      matchedBy: (ranked[i].rank <= 0 ? 'exact-name' : 'name') as Match,
    })),
  };
}

/** Beyond this many any-order matches the query is too unspecific for finer ranking to matter. */
const FTS_CAP = 400;
const TOP = '\u{10FFFF}';

/**
 * Candidates from three cheap sources: the exact folded name and names that start with the query
 * (both straight from the name index, alphabetical), then any-order token-prefix matches from the
 * full-text index ("hoa nguyen" → "Nguyễn Thị Hoa"), capped so a one-letter query stays fast.
 */
interface Candidate {
  pk: number;
  name: string;
  fullName?: string;
}

function nameCandidates(
  ctx: CoreContext,
  words: string[],
  exact: string,
  year: number | null,
): Map<number, Candidate> {
  const out = new Map<number, Candidate>();
  const add = (rows: Candidate[]) => {
    for (const r of rows) if (!out.has(r.pk)) out.set(r.pk, r);
  };
  if (year !== null) {
    // With a birth year: that year's residents (about one in seventy), every token a prefix of a word of the name.
    const born = ctx.store
      .prepare(`SELECT pk, name_folded AS name, full_name AS fullName FROM persons WHERE birth_year = ?`)
      .all(year) as Candidate[];
    add(born.filter((r) => words.every((w) => r.name.split(' ').some((t) => t.startsWith(w)))));
    return out;
  }
  add(
    ctx.store
      .prepare(
        `SELECT pk, name_folded AS name, full_name AS fullName FROM persons WHERE name_folded >= ? AND name_folded < ? ORDER BY name_folded LIMIT 60`,
      )
      .all(exact, exact + TOP) as Candidate[],
  );
  add(
    ctx.store
      .prepare(
        `SELECT rowid AS pk, name_folded AS name FROM persons_fts WHERE persons_fts MATCH ? LIMIT ${FTS_CAP}`,
      )
      .all(words.map((w) => `"${w}"*`).join(' ')) as Candidate[],
  );
  return out;
}

/** 0 exact name · 1 the name starts with the query · 2 every token a whole word · 3 token prefixes. */
function rankOf(name: string, words: string[], exact: string): number {
  if (name === exact) return 0;
  if (name.startsWith(exact)) return 1;
  const tokens = new Set(name.split(' '));
  return words.every((w) => tokens.has(w)) ? 2 : 3;
}

function identifierMatches(ctx: CoreContext, value: string, limit: number): SearchResult['results'] {
  const found = new Map<string, Match>();
  const add = (ids: { person_id: string }[], how: Match) => {
    for (const { person_id } of ids) if (!found.has(person_id)) found.set(person_id, how);
  };
  // A merged-away id is not typed by people; card numbers (and the BHXH number inside a BHYT code) are.
  add(
    ctx.store
      .prepare(`SELECT person_id FROM person_identifiers WHERE value = ? AND kind <> 'alias'`)
      .all(value) as { person_id: string }[],
    'identifier',
  );
  if (/^\d{10}$/.test(value) && !found.size) {
    add(
      ctx.store
        .prepare(`SELECT person_id FROM person_identifiers WHERE kind = 'bhxh' AND value = ?`)
        .all(value) as { person_id: string }[],
      'identifier',
    );
  }
  const phone = value.startsWith('84') && value.length === 11 ? `0${value.slice(2)}` : value;
  if (/^0\d{8,10}$/.test(phone)) {
    // The condition repeats the partial index's own (persons_phone … WHERE phone_mobile <> ''), or SQLite scans the table.
    add(
      ctx.store
        .prepare(`SELECT id AS person_id FROM persons WHERE phone_mobile = ? AND phone_mobile <> '' LIMIT ?`)
        .all(phone, limit) as { person_id: string }[],
      'phone',
    );
  }
  add(
    ctx.store
      .prepare(
        `SELECT p.id AS person_id FROM households h JOIN persons p ON p.household_id = h.id WHERE h.code = ? ORDER BY p.birth_date LIMIT ?`,
      )
      .all(value, limit) as { person_id: string }[],
    'household',
  );
  const ids = [...found.keys()].slice(0, limit);
  return summariesByIds(ctx, ids).map((s) => ({ ...s, matchedBy: found.get(s.id) as Match }));
}
