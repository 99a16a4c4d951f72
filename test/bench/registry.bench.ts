/**
 * The resident register on a 100,000-resident commune: the one search box (names typed without
 * diacritics, card and phone numbers) and the "Dân cư" list. Budget (ARCHITECTURE.md): search
 * p95 ≤ 15 ms. Every figure goes through the dispatcher (validation, permission, output check), as
 * the UI pays it; the baselines are the bare SQLite lookups the search is built on, so the ratio
 * says what ranking, summaries and the contract cost on top of the index.
 */
import { searchPersons } from '../../main/core/registry/search.ts';
import { emit, measure, note, withRatio } from './harness.ts';
import { ascii, benchSession, pick, spread, type BenchSession } from './session.ts';

type NameKind = 'full' | 'given-year' | 'surname' | 'given' | 'partial';
const NAME_KINDS: NameKind[] = ['full', 'given-year', 'surname', 'given', 'partial'];
const QUERIES = 200;

interface NameQuery {
  kind: NameKind;
  q: string;
  /** The FTS5 MATCH expression and year filter the search itself builds for this query. */
  match: string;
  year: number | null;
}

/** ~200 names from across the fixture, each typed one of five ways ("nguyen thi hoa", "hoa 1962", "tran", "hoa", "nguyen ho"). */
function nameQueries(s: BenchSession): NameQuery[] {
  const raw = s.core.ctx.store.raw;
  const people = spread(
    raw.prepare('SELECT full_name AS name, birth_year AS year FROM persons ORDER BY pk').all() as {
      name: string;
      year: number;
    }[],
    QUERIES,
  );
  return people.map((p, i) => {
    const words = ascii(p.name).split(' ');
    const surname = words[0];
    const given = words[words.length - 1];
    const kind = NAME_KINDS[i % NAME_KINDS.length];
    const q = {
      full: words.join(' '),
      'given-year': `${given} ${p.year}`,
      surname,
      given,
      partial: `${surname} ${given.slice(0, 3)}`,
    }[kind];
    const tokens = q.split(' ').filter((t) => !/^(19|20)\d{2}$/.test(t));
    return {
      kind,
      q,
      match: tokens.map((t) => `"${t}"*`).join(' '),
      year: kind === 'given-year' ? p.year : null,
    };
  });
}

async function nameSearch(s: BenchSession, n: number): Promise<void> {
  const queries = nameQueries(s);
  const runs = queries.length * 2;
  const fts = s.core.ctx.store.raw.prepare(
    'SELECT rowid FROM persons_fts WHERE persons_fts MATCH ? LIMIT 12',
  );
  const ftsYear = s.core.ctx.store.raw.prepare(
    'SELECT rowid FROM persons_fts WHERE persons_fts MATCH ? AND birth_year = ? LIMIT 12',
  );
  const baseline = await measure(
    'search.name.baseline',
    n,
    (i) => {
      const x = pick(queries, i);
      return x.year === null ? fts.all(x.match) : ftsYear.all(x.match, x.year);
    },
    {
      runs,
      warmup: 20,
      extra: { queries: queries.length, sql: 'persons_fts MATCH "tok"* … [AND birth_year = ?] LIMIT 12' },
    },
  );
  emit(baseline);
  const hits: number[] = [];
  const figure = await measure(
    'search.name',
    n,
    async (i) => {
      const r = await s.call('persons.search', { q: pick(queries, i).q, limit: 12 });
      if (i >= 0) hits.push(r.results.length);
    },
    { runs, warmup: 20, extra: { queries: queries.length, budget_p95_ms: 15 } },
  );
  emit(
    withRatio(
      { ...figure, mean_hits: Math.round((hits.reduce((a, b) => a + b, 0) / hits.length) * 10) / 10 },
      baseline,
    ),
  );
  emit(
    withRatio(
      await measure('search.name.bare', n, (i) => searchPersons(s.core.ctx, pick(queries, i).q, 12), {
        runs,
        warmup: 20,
      }),
      baseline,
    ),
  );
  // By how the name was typed: a lone surname or given name matches thousands and is the costly case.
  for (const kind of NAME_KINDS) {
    const some = queries.filter((x) => x.kind === kind);
    emit(
      await measure(
        `search.name.${kind}`,
        n,
        (i) => s.call('persons.search', { q: pick(some, i).q, limit: 12 }),
        {
          runs: some.length * 2,
          warmup: 5,
          extra: { example: some[0].q },
        },
      ),
    );
  }
}

interface IdQuery {
  kind: 'cccd' | 'bhyt' | 'phone';
  q: string;
  value: string;
}

function idQueries(s: BenchSession): IdQuery[] {
  const raw = s.core.ctx.store.raw;
  const cards = (kind: 'cccd' | 'bhyt') =>
    spread(
      raw
        .prepare('SELECT value FROM person_identifiers WHERE kind = ? ORDER BY rowid')
        .pluck()
        .all(kind) as string[],
      70,
    ).map((value) => ({
      kind,
      q: value,
      value,
    }));
  const phones = spread(
    raw
      .prepare(`SELECT phone_mobile FROM persons WHERE phone_mobile <> '' ORDER BY pk`)
      .pluck()
      .all() as string[],
    70,
  ).map(
    // Typed the way people read them out: "0912 345 678" half the time.
    (value, i) => ({
      kind: 'phone' as const,
      q: i % 2 ? `${value.slice(0, 4)} ${value.slice(4, 7)} ${value.slice(7)}` : value,
      value,
    }),
  );
  // Round-robin, so every stretch of the runs has all three kinds.
  const lists: IdQuery[][] = [cards('cccd'), cards('bhyt'), phones];
  const out: IdQuery[] = [];
  for (let i = 0; out.length < lists.reduce((a, l) => a + l.length, 0); i++)
    for (const l of lists) if (i < l.length) out.push(l[i]);
  return out;
}

async function idSearch(s: BenchSession, n: number): Promise<void> {
  const queries = idQueries(s);
  const kinds = [...new Set(queries.map((x) => x.kind))];
  note(
    `  ${queries.length} id queries (${kinds.map((k) => `${k} ${queries.filter((x) => x.kind === k).length}`).join(', ')})`,
  );
  const byCard = s.core.ctx.store.raw.prepare(
    'SELECT person_id FROM person_identifiers WHERE kind = ? AND value = ?',
  );
  // persons_phone is a partial index (WHERE phone_mobile <> ''): SQLite uses it only when the query
  // repeats that condition, so the indexed lookup spells it out.
  const byPhone = s.core.ctx.store.raw.prepare(
    `SELECT id FROM persons WHERE phone_mobile = ? AND phone_mobile <> ''`,
  );
  const lookup = (x: IdQuery) => (x.kind === 'phone' ? byPhone.all(x.value) : byCard.all(x.kind, x.value));
  const runs = queries.length;
  const baseline = await measure('search.id.baseline', n, (i) => lookup(pick(queries, i)), {
    runs,
    warmup: 10,
    extra: { queries: queries.length },
  });
  emit(baseline);
  let found = 0;
  const figure = await measure(
    'search.id',
    n,
    async (i) => {
      const r = await s.call('persons.search', { q: pick(queries, i).q, limit: 12 });
      if (i >= 0 && r.kind === 'id' && r.results.length > 0) found++;
    },
    { runs, warmup: 10, extra: { queries: queries.length, budget_p95_ms: 15 } },
  );
  emit(withRatio({ ...figure, found_share: Math.round((found / runs) * 100) / 100 }, baseline));
  for (const kind of kinds) {
    const some = queries.filter((x) => x.kind === kind);
    const base = await measure(`search.id.${kind}.baseline`, n, (i) => lookup(pick(some, i)), {
      runs: some.length,
      warmup: 5,
    });
    const one = await measure(
      `search.id.${kind}`,
      n,
      (i) => s.call('persons.search', { q: pick(some, i).q, limit: 12 }),
      {
        runs: some.length,
        warmup: 5,
      },
    );
    emit(base);
    emit(withRatio(one, base));
  }
}

/** The "Dân cư" list: 100 rows a page and the total, by name or within one village, at the top and 90 % down. */
async function residentList(s: BenchSession, n: number): Promise<void> {
  const villages = await s.call('persons.villages', {});
  emit(
    await measure('persons.villages', n, () => s.call('persons.villages', {}), {
      runs: 30,
      extra: { villages: villages.length },
    }),
  );
  const big = villages.reduce((a, b) => (b.residents > a.residents ? b : a));
  const all = await s.call('persons.list', {
    filters: { status: 'active' },
    sort: 'name',
    offset: 0,
    limit: 100,
  });
  const deep = (total: number) => Math.max(0, Math.floor((total * 0.9) / 100) * 100);
  const cases = [
    {
      bench: 'persons.list.first',
      input: { filters: { status: 'active' as const }, sort: 'name' as const, offset: 0, limit: 100 },
    },
    {
      bench: 'persons.list.deep',
      input: {
        filters: { status: 'active' as const },
        sort: 'name' as const,
        offset: deep(all.total),
        limit: 100,
      },
    },
    {
      bench: 'persons.list.village',
      input: {
        filters: { status: 'active' as const, village: big.village },
        sort: 'name' as const,
        offset: 0,
        limit: 100,
      },
    },
    {
      bench: 'persons.list.village.deep',
      input: {
        filters: { status: 'active' as const, village: big.village },
        sort: 'name' as const,
        offset: deep(big.residents),
        limit: 100,
      },
    },
    {
      bench: 'persons.list.filtered',
      input: {
        filters: {
          status: 'active' as const,
          village: big.village,
          sex: 'F' as const,
          ageBand: '60+' as const,
          examinedThisYear: 'no' as const,
        },
        sort: 'name' as const,
        offset: 0,
        limit: 100,
      },
    },
    {
      bench: 'persons.list.by_village.deep',
      input: {
        filters: { status: 'active' as const },
        sort: 'village' as const,
        offset: deep(all.total),
        limit: 100,
      },
    },
  ];
  for (const c of cases) {
    const r = await s.call('persons.list', c.input);
    emit(
      await measure(c.bench, n, () => s.call('persons.list', c.input), {
        runs: 40,
        extra: { offset: c.input.offset, total: r.total, rows: r.rows.length },
      }),
    );
  }
}

export async function registryBenches(persons: number): Promise<void> {
  const s = await benchSession(persons);
  try {
    await nameSearch(s, persons);
    await idSearch(s, persons);
    await residentList(s, persons);
  } finally {
    s.close();
  }
}
