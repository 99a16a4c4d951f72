import { describe, expect, it } from 'vitest';
import { IDS } from './migrations-station.ts';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

const STEP = '0020_pregnancy_family_planning';

describe(STEP, () => {
  const db = stationBefore(STEP);
  // Part B's free text as stations typed it: with and without marks, abbreviations, natural methods, none.
  const texts: Record<string, string> = {
    [IDS.dao]: 'Đặt vòng (DCTC) từ 2010',
    [IDS.hoa]: 'uống thuốc tránh thai hằng ngày',
    [IDS.mai]: 'Que cấy Implanon',
    [IDS.thu]: 'Tính vòng kinh',
    [IDS.hung]: 'Triệt sản',
    [IDS.duc]: 'tiem thuoc 3 thang',
  };
  const at = '2026-02-01T03:00:00.000Z';
  for (const [id, text] of Object.entries(texts))
    db.prepare(`INSERT INTO person_history (person_id, data, version, updated_at) VALUES (?, ?, 1, ?)`).run(
      id,
      JSON.stringify({ reproductive: { contraception: text, lastPregnancy: '' } }),
      at,
    );
  db.prepare(
    `UPDATE person_history SET data = json_set(data, '$.reproductive.contraception', 'Không') WHERE person_id = ?`,
  ).run(IDS.an);
  const before = snapshot(db);
  runStep(db, STEP);

  it('maps each recognisable text to a method code, keeps the rest as "other" with its words, none for "Không"', () => {
    const rows = db
      .prepare(
        'SELECT id, person_id, method, method_text, source, started_on, created_at FROM family_planning',
      )
      .all() as { id: string; person_id: string; method: string; method_text: string; source: string }[];
    const byPerson = Object.fromEntries(rows.map((r) => [r.person_id, [r.method, r.method_text]]));
    expect(byPerson).toEqual({
      [IDS.dao]: ['iud', ''],
      [IDS.hoa]: ['pill', ''],
      [IDS.mai]: ['implant', ''],
      [IDS.thu]: ['other', 'Tính vòng kinh'],
      [IDS.hung]: ['sterilisation', ''],
      [IDS.duc]: ['injection', ''],
    });
    expect(rows.every((r) => r.source === 'part-b')).toBe(true);
    expect(rows[0]).toMatchObject({ started_on: null, created_at: at });
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('leaves part B as written and changes nothing else; the new tables are empty', () => {
    expect(dataChanges(before, snapshot(db)).filter((c) => !c.startsWith('family_planning'))).toEqual([]);
    expect(
      db
        .prepare(`SELECT data ->> '$.reproductive.contraception' FROM person_history WHERE person_id = ?`)
        .pluck()
        .get(IDS.thu),
    ).toBe('Tính vòng kinh');
    expect(db.prepare('SELECT count(*) FROM pregnancies').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM antenatal_visits').pluck().get()).toBe(0);
    expect(healthProblems(db)).toEqual([]);
  });

  it('reads open pregnancies through the partial index', () => {
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id, person_id, lmp FROM pregnancies WHERE outcome IS NULL AND lmp <= ?`,
      )
      .all('2026-04-23') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('pregnancies_open');
  });
});
