import { describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.ts';
import type { PersonRow } from '../db/schema.ts';
import { openSqlite } from '../db/sqlite.ts';
import { rowToFields } from './person-row.ts';
import { MIGRATIONS } from '../../../migrations/index.ts';

describe('0007_part_a_more', () => {
  it('adds landlines for mother, father and caregiver and keeps every phone number already stored', () => {
    const db = openSqlite({ file: ':memory:' });
    const at = MIGRATIONS.findIndex((m) => m.name === '0007_part_a_more');
    expect(at).toBeGreaterThan(0);
    migrate(db, MIGRATIONS.slice(0, at));
    db.prepare(
      `INSERT INTO persons (id, full_name, name_folded, sex, birth_date, birth_year, created_at, updated_at,
         mother_name, mother_phone, father_name, father_phone, caregiver_name, caregiver_relation, caregiver_phone, birth_province_code)
       VALUES ('p1', 'Hồ Thị Lan', 'ho thi lan', 'F', '2019-08-12', 2019, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z',
         'Lương Thị Mai', '0912111222', 'Hồ Văn Sơn', '0987333444', 'Lương Thị Hoa', 'Bà ngoại', '0977555666', '40')`,
    ).run();

    expect(migrate(db, MIGRATIONS).applied).toContain('0007_part_a_more');

    const row = db.prepare(`SELECT * FROM persons WHERE id = 'p1'`).get() as PersonRow;
    expect(row).toMatchObject({
      mother_phone: '0912111222',
      father_phone: '0987333444',
      caregiver_phone: '0977555666',
      birth_province_code: '40',
    });
    expect(row).toMatchObject({ mother_landline: '', father_landline: '', caregiver_landline: '' });
    // The old single number is read as the mobile: nothing the station typed is lost or moved.
    expect(rowToFields(row, [])).toMatchObject({
      mother: { name: 'Lương Thị Mai', phone: '0912111222', landline: '' },
      father: { name: 'Hồ Văn Sơn', phone: '0987333444', landline: '' },
      caregiver: { name: 'Lương Thị Hoa', relation: 'Bà ngoại', phone: '0977555666', landline: '' },
    });
    // Households are found by their head (the registration form's household search).
    expect(
      db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'households_head'`).pluck().get(),
    ).toBe(1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
