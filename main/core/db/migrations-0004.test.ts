import { describe, expect, it } from 'vitest';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

describe('0004_devices', () => {
  const db = stationBefore('0004_devices');
  const tray = () =>
    db.prepare(`SELECT id FROM measurements WHERE status = 'tray' ORDER BY received_at DESC`).pluck().all();
  const trayBefore = tray();
  const before = snapshot(db);
  runStep(db, '0004_devices');

  it('keeps every visit, diagnosis, dose, history and reading as it was', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
  });

  it('adds the remembered devices, none yet, and keeps the readings already in the tray there', () => {
    expect(db.prepare('SELECT count(*) FROM devices').pluck().get()).toBe(0);
    expect(trayBefore).toEqual(['4b5c6d7e-0000-4000-8000-000000000002']);
    expect(tray()).toEqual(trayBefore);
    expect(
      db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'measurements_tray'`).pluck().get(),
    ).toMatch(/WHERE status = 'tray'/);
  });

  it('accepts the devices a station sets up, and readings naming them', () => {
    db.exec(`INSERT INTO devices (id, name, role, driver, transport, match, port, created_at, updated_at)
             VALUES ('d1', 'Cân Tanita', 'scale', 'tanita-bd', 'serial', '{}', '{"baudRate":9600}', '2026-02-01', '2026-02-01')`);
    expect(() =>
      db.exec(`INSERT INTO devices (id, name, role, driver, transport, match, port, created_at, updated_at)
               VALUES ('d2', 'Nhiệt kế', 'thermometer', 'x', 'serial', '{}', '{}', '2026-02-01', '2026-02-01')`),
    ).toThrow(/CHECK/);
    expect(healthProblems(db)).toEqual([]);
  });
});
