import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../migrations/index.ts';
import { makeTestCore, type TestCore } from '../../../test/helpers/core.ts';
import { listBackups, readManifest } from '../backup/files.ts';
import { refreshStaleDue } from '../record/immunization-due.ts';
import { openSqlite } from './sqlite.ts';
import { IDS, STATION_PASSWORD } from './migrations-station.ts';
import { stationBefore } from './migrations-testkit.ts';

/**
 * The whole chain as a station lives it: a database written by the app of 0005's time (every
 * era's rows up to it) is opened by today's app, which migrates it and must show the nurse
 * everything that was there. The step tests check each step's SQL; this one checks that today's
 * code reads what the old steps left.
 */
describe('a station upgraded from the 0005 schema by opening it with today’s app', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hssk-upgrade-'));
  const dbFile = join(dir, 'hssk.db');
  stationBefore('0006_reading_context', { file: dbFile }).close();
  const t: TestCore = makeTestCore({ dbFile, key: null });
  afterAll(() => {
    t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates the steps it lacked, and the old accounts still sign in', async () => {
    const from = MIGRATIONS.findIndex((m) => m.name === '0006_reading_context');
    expect(t.core.database.migration.applied).toEqual(MIGRATIONS.slice(from).map((m) => m.name));
    await t.ok('auth.login', { username: 'quantri', password: STATION_PASSWORD });
  });

  it('copied the database as it was into backups/ before migrating it', () => {
    const from = MIGRATIONS.findIndex((m) => m.name === '0006_reading_context');
    const [copy, ...others] = listBackups(join(dir, 'backups'));
    expect(others).toEqual([]);
    expect(copy).toMatchObject({ reason: 'migration' });
    const manifest = readManifest(copy?.path ?? '');
    expect(manifest).toMatchObject({ reason: 'migration', schemaVersion: from, integrity: 'ok' });
    const old = openSqlite({ file: copy?.path ?? '', mustExist: true, readonly: true });
    try {
      expect(old.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(from);
      expect(old.prepare('SELECT count(*) FROM persons').pluck().get()).toBe(manifest?.counts.persons);
    } finally {
      old.close();
    }
  });

  it('finds residents by name, by name and year of a year-only birth date, and by card', async () => {
    const names = async (q: string) =>
      (await t.ok('persons.search', { q })).results.map((r) => [r.fullName, r.matchedBy]);
    expect(await names('nguyen van an')).toEqual([['Nguyễn Văn An', 'exact-name']]);
    expect(await names('dao 1958')).toEqual([['Trần Thị Bích Đào', 'name']]);
    expect(await names('040196001122')).toEqual([['Hoàng Thị Mai', 'identifier']]);
    const [an] = (await t.ok('persons.search', { q: 'nguyen van an' })).results;
    expect(an).toMatchObject({
      cccd: '001062012345',
      bhyt: 'HT2010162012345',
      householdCode: 'HGD-00004-0001',
    });
  });

  it('opens a record with its history, exams, diagnoses and register as they were written', async () => {
    const r = await t.ok('record.get', { personId: IDS.an });
    expect(r.history).toMatchObject({ risks: { smoking: 'regular' }, allergies: { drugs: 'Penicillin' } });
    expect(
      r.visits.map((v) => [v.visitOn, v.status, v.systolic, v.diastolic, v.diagnoses.map((d) => d.code)]),
    ).toEqual([['2026-01-15', 'signed', 150, 95, ['I10', 'E78.5']]]);
    expect(r.ncd).toEqual([expect.objectContaining({ register: 'hypertension' })]);
  });

  it("opens a baby's record with the doses given and the parents' numbers as mobiles", async () => {
    const r = await t.ok('record.get', { personId: IDS.duc });
    expect(r.doses.map((d) => d.vaccineCode).sort()).toEqual(['BCG', 'DPT-VGB-HIB-1', 'VGB-SS']);
    expect(r.person.mother).toEqual({ name: 'Hoàng Thị Mai', phone: '0912111222', landline: '' });
    expect(r.person.caregiver).toMatchObject({
      name: 'Nguyễn Văn An',
      relation: 'Ông nội',
      phone: '0977555666',
    });
  });

  it('keeps the remembered devices and the readings waiting in the tray', async () => {
    expect((await t.ok('devices.list', {})).devices.map((d) => d.config.name)).toContain(
      'Máy đo huyết áp Omron HEM-7156T',
    );
    expect((await t.ok('measurements.tray', {})).map((m) => m.values.systolic ?? m.values.weightKg)).toEqual([
      132, 58.4,
    ]);
  });

  it("fills the baby's due doses in the background, and the audit chain runs on unbroken", async () => {
    while (refreshStaleDue(t.core.ctx).more);
    const due = t.core.database.store.raw
      .prepare('SELECT person_id FROM immunization_due ORDER BY person_id')
      .pluck()
      .all();
    expect(due).toEqual(expect.arrayContaining([IDS.duc]));
    const verified = await t.ok('audit.verify', {});
    expect(verified).toMatchObject({ ok: true, firstBrokenSeq: null });
    // The old entries plus what today's app appended (sign-in, records read).
    expect(verified.checked).toBeGreaterThan(14);
  });
});
