import { describe, expect, it } from 'vitest';
import { IDS } from './migrations-station.ts';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

describe('0002_registry', () => {
  const db = stationBefore('0002_registry');
  const before = snapshot(db);
  runStep(db, '0002_registry');

  it('keeps every resident, card, account, audit entry and outbox row as it was', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
  });

  it('gives existing residents the new part-A fields with their defaults', () => {
    const rows = db
      .prepare(
        `SELECT id, nationality, share_consent, relation_to_head, phone_mobile, mother_phone, status_date, last_visit_on
         FROM persons ORDER BY pk`,
      )
      .all();
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      expect(r).toMatchObject({
        nationality: 'VN',
        share_consent: 1,
        relation_to_head: '',
        phone_mobile: '',
        mother_phone: '',
        status_date: null,
        last_visit_on: null,
      });
    }
  });

  it('builds the name index from the residents already registered, so search finds them', () => {
    const find = (query: string) =>
      db
        .prepare(
          `SELECT p.full_name FROM persons_fts f JOIN persons p ON p.pk = f.rowid
           WHERE persons_fts MATCH ? ORDER BY p.pk`,
        )
        .pluck()
        .all(query);
    expect(db.prepare('SELECT count(*) FROM persons_fts').pluck().get()).toBe(5);
    expect(find('nguyen* an*')).toEqual(['Nguyễn Văn An']);
    expect(find('nguyen*')).toEqual(['Nguyễn Văn An', 'Nguyễn Minh Đức']);
    expect(find('dao')).toEqual(['Trần Thị Bích Đào']);
    expect(find('hu*')).toEqual(['Phạm Văn Hùng']);
    expect(db.prepare('SELECT birth_year FROM persons_fts WHERE rowid = 2').pluck().get()).toBe(1958);
  });

  it('keeps the index in step with residents registered, renamed or removed after the upgrade', () => {
    const count = (q: string) =>
      db.prepare('SELECT count(*) FROM persons_fts WHERE persons_fts MATCH ?').pluck().get(q);
    db.prepare(
      `UPDATE persons SET full_name = 'Trần Thị Bích Đào Hương', name_folded = 'tran thi bich dao huong' WHERE id = ?`,
    ).run(IDS.dao);
    expect(count('huong')).toBe(1);
    db.exec(`DELETE FROM persons WHERE pk = 5`);
    expect(count('hung')).toBe(0);
    expect(healthProblems(db)).toEqual([]);
  });

  it('adds the list, phone, duplicate and identifier indexes and an empty template table', () => {
    const indexes = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (?, ?, ?, ?, ?) ORDER BY name`,
      )
      .pluck()
      .all(
        'persons_list_name',
        'persons_list_village',
        'persons_phone',
        'persons_dedupe',
        'person_identifiers_value',
      );
    expect(indexes).toHaveLength(5);
    expect(db.prepare('SELECT count(*) FROM import_templates').pluck().get()).toBe(0);
  });
});
