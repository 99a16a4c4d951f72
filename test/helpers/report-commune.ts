/**
 * A small commune whose every report figure is counted by hand in dashboard.test.ts. The clock
 * moves forward through 2025–2026 so each change carries its own day; "today" is 10 Mar 2026.
 *
 * | who   | sex | born       | village   | what is in the record                                   |
 * |-------|-----|------------|-----------|----------------------------------------------------------|
 * | An    | M   | 1962-05-14 | Thôn Đông | exam 2025-11-20; part B 2026-01-15 ticks hypertension    |
 * | Bình  | M   | 1950-02-01 | Thôn Đông | exam 2026-03-02 with I10 and E11.9                       |
 * | Cúc   | F   | 1990-07-07 | Thôn Tây  | part A only                                              |
 * | Dung  | M   | 2010-09-09 | Thôn Tây  | part B 2025-06-01                                        |
 * | Em    | M   | 2025-01-20 | Thôn Đông | full infant set before 1, JE 1–2 recorded 2026-01-27     |
 * | Giang | M   | 2026-01-05 | Thôn Tây  | part A only                                              |
 * | Hà    | F   | 2023-03-10 | Thôn Đông | exam 2026-03-01: 10.0 kg, 88 cm standing                 |
 * | Khoa  | M   | 2024-06-01 | Thôn Tây  | exam 2026-02-01: 11.0 kg, 82 cm lying                    |
 * | Lan   | F   | 2025-06-01 | Thôn Tây  | part A only                                              |
 * | Tâm   | F   | 2025-02-10 | Thôn Tây  | BCG 2025-02-15 (recorded 2025-06-01)                     |
 * | Sơn   | M   | 1985       | Thôn Đông | part A only                                              |
 * | Phúc  | M   | 1940-01-01 | Thôn Tây  | moved away 2026-03-05                                    |
 * | Quý   | F   | 1930       | Thôn Đông | died 2026-03-05                                          |
 */
import type { PersonInput } from '#contract/ops/persons.ts';
import { makeSignedInCore, TEST_ADMIN, type TestCore } from './core.ts';
import { personInput } from './persons.ts';

export const TODAY = '2026-03-10';
export type People = Record<
  'an' | 'binh' | 'cuc' | 'dung' | 'em' | 'giang' | 'ha' | 'khoa' | 'lan' | 'tam' | 'son' | 'phuc' | 'quy',
  string
>;

const place = (village: string) => ({
  village,
  provinceCode: '01',
  communeCode: '00004',
  text: `${village}, Phường Ba Đình, Thành phố Hà Nội`,
});

export async function smallCommune(): Promise<{
  t: TestCore;
  people: People;
  at: (day: string) => Promise<void>;
}> {
  let now = new Date('2025-06-01T02:00:00.000Z');
  const t = await makeSignedInCore({ clock: () => now });
  /** Moves the clock to 09:00 of a day in Vietnam and signs in again (a session lasts 12 hours). */
  const at = async (day: string) => {
    now = new Date(`${day}T02:00:00.000Z`);
    await t.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
  };
  const person = async (
    fullName: string,
    sex: 'M' | 'F',
    birthDate: string,
    village: string,
    over: Partial<PersonInput> = {},
  ) =>
    (
      await t.ok('persons.create', {
        person: personInput({ fullName, sex, birthDate, currentAddress: place(village), ...over }),
        confirmSimilar: true,
      })
    ).id;
  const sign = async (personId: string, visit: Record<string, unknown>) => {
    const d = await t.ok('visits.start', { personId });
    await t.ok('visits.sign', { id: d.id, version: d.version, visit: visit as never, confirmed: [] });
  };
  const history = async (personId: string, codes: number[]) => {
    const rec = await t.ok('record.get', { personId });
    await t.ok('record.saveHistory', {
      personId,
      version: rec.historyVersion,
      history: { ...rec.history, diseases: { ...rec.history.diseases, codes } },
    });
  };
  const doses = (personId: string, list: [string, string][]) =>
    t.ok('immunizations.record', {
      personId,
      doses: list.map(([vaccineCode, givenOn]) => ({ vaccineCode, givenOn })),
      confirmed: [],
    });

  const p = {} as People;
  p.an = await person('Nguyễn Văn An', 'M', '1962-05-14', 'Thôn Đông');
  p.binh = await person('Trần Văn Bình', 'M', '1950-02-01', 'Thôn Đông');
  p.cuc = await person('Lê Thị Cúc', 'F', '1990-07-07', 'Thôn Tây');
  p.dung = await person('Phạm Văn Dung', 'M', '2010-09-09', 'Thôn Tây');
  p.em = await person('Hoàng Văn Em', 'M', '2025-01-20', 'Thôn Đông');
  p.ha = await person('Vũ Thị Hà', 'F', '2023-03-10', 'Thôn Đông');
  p.khoa = await person('Đỗ Minh Khoa', 'M', '2024-06-01', 'Thôn Tây');
  p.lan = await person('Bùi Thị Lan', 'F', '2025-06-01', 'Thôn Tây');
  p.tam = await person('Ngô Thị Tâm', 'F', '2025-02-10', 'Thôn Tây');
  p.son = await person('Đinh Văn Sơn', 'M', '1985', 'Thôn Đông');
  p.phuc = await person('Lý Văn Phúc', 'M', '1940-01-01', 'Thôn Tây');
  p.quy = await person('Mai Thị Quý', 'F', '1930', 'Thôn Đông');
  await history(p.dung, [4]);
  await doses(p.tam, [['BCG', '2025-02-15']]);
  await doses(p.em, [
    ['BCG', '2025-01-25'],
    ['DPT-VGB-HIB-1', '2025-03-20'],
    ['OPV-1', '2025-03-20'],
    ['DPT-VGB-HIB-2', '2025-04-20'],
    ['OPV-2', '2025-04-20'],
    ['DPT-VGB-HIB-3', '2025-05-20'],
    ['OPV-3', '2025-05-20'],
  ]);
  await at('2025-10-20');
  await doses(p.em, [
    ['IPV-1', '2025-06-20'],
    ['IPV-2', '2025-10-20'],
    ['SOI', '2025-10-20'],
  ]);
  await at('2025-11-20');
  await sign(p.an, { visitOn: '2025-11-20', vitals: { systolic: 128, diastolic: 82 } });
  await at('2026-01-15');
  await history(p.an, [2]);
  p.giang = await person('Cao Văn Giang', 'M', '2026-01-05', 'Thôn Tây');
  await at('2026-01-27');
  await doses(p.em, [
    ['VNNB-1', '2026-01-20'],
    ['VNNB-2', '2026-01-27'],
  ]);
  await at('2026-02-01');
  await sign(p.khoa, { visitOn: '2026-02-01', vitals: { weightKg: 11, heightCm: 82, position: 'lying' } });
  await at('2026-03-01');
  await sign(p.ha, { visitOn: '2026-03-01', vitals: { weightKg: 10, heightCm: 88, position: 'standing' } });
  await at('2026-03-02');
  await sign(p.binh, {
    visitOn: '2026-03-02',
    vitals: { systolic: 150, diastolic: 95 },
    diagnoses: [
      { code: 'I10', name: 'Bệnh tăng huyết áp vô căn', main: true },
      { code: 'E11.9', name: 'Đái tháo đường type 2' },
    ],
  });
  await at('2026-03-05');
  await t.ok('persons.setStatus', { id: p.phuc, status: 'moved', date: '2026-03-05' });
  await t.ok('persons.setStatus', { id: p.quy, status: 'deceased', date: '2026-03-05' });
  await at(TODAY);
  return { t, people: p, at };
}
