/**
 * A resident's chip-ID card (CCCD) scanned at the desk, from USB bytes to the open record: the HID
 * POS reports a 2D scanner sends go through the real driver, the scan is parsed and its holder
 * looked up (readScan, what the device manager does with a scan event), and the record is opened
 * through the dispatcher (record.get, what the UI does next). Budget (ARCHITECTURE.md): device frame
 * → person record ≤ 100 ms. The baseline is record.get alone for the same residents, so the ratio
 * is what the device path adds. Runs on a copy of the fixture (benchSession).
 */
import { createDriver } from '../../main/core/devices/drivers/index.ts';
import type { Driver } from '../../main/core/devices/driver.ts';
import type { ScanEvent } from '../../main/core/devices/events.ts';
import { readScan } from '../../main/core/devices/manager/scan.ts';
import { cccdQrText } from '../../main/core/devices/simulator/cards.ts';
import { hidPosReports } from '../../main/core/devices/simulator/frames.ts';
import { emit, measure, withRatio } from './harness.ts';
import { benchSession, pick, spread, type BenchSession } from './session.ts';

const RESIDENTS = 200;

interface Holder {
  id: string;
  reports: Uint8Array[];
}

/** Residents with a CCCD and a full birth date, from across the commune, with their cards as HID reports. */
function holders(s: BenchSession): Holder[] {
  const raw = s.core.ctx.store.raw;
  type Row = {
    id: string;
    full_name: string;
    birth_date: string;
    sex: 'M' | 'F';
    perm_text: string;
    cccd: string;
  };
  const rows = spread(
    raw
      .prepare(
        `SELECT p.id, p.full_name, p.birth_date, p.sex, p.perm_text, i.value AS cccd
         FROM person_identifiers i JOIN persons p ON p.id = i.person_id
         WHERE i.kind = 'cccd' AND length(p.birth_date) = 10 ORDER BY i.rowid`,
      )
      .all() as Row[],
    RESIDENTS,
  );
  return rows.map((r) => ({
    id: r.id,
    reports: hidPosReports(
      `${cccdQrText({ cccd: r.cccd, fullName: r.full_name, birthDate: r.birth_date, sex: r.sex, address: r.perm_text })}\r\n`,
      {
        layout: 'A',
      },
    ),
  }));
}

function newDriver(): Driver {
  const made = createDriver('scanner-hidpos-a');
  if (!made.ok) throw new Error(made.error);
  return made.driver;
}

/** Pushes one scan's reports as they arrive; the scan event the driver completes, if any. */
function scanOf(driver: Driver, reports: Uint8Array[]): ScanEvent | undefined {
  let scan: ScanEvent | undefined;
  for (const r of reports) {
    for (const e of driver.push(r, Date.now()).events) if (e.type === 'scan') scan = e;
  }
  return scan;
}

export async function deviceBenches(persons: number): Promise<void> {
  const s = await benchSession(persons);
  try {
    const cards = holders(s);
    const runs = cards.length * 2;
    const warmup = 5;
    // A fresh driver per scan, made beforehand: the running app has its driver already.
    const freshDrivers = () => {
      const drivers = Array.from({ length: runs + warmup }, newDriver);
      return (i: number) => drivers[i >= 0 ? i : runs - 1 - i];
    };
    const reports = cards.reduce((a, c) => a + c.reports.length, 0) / cards.length;

    const baseline = await measure(
      'device.scan_to_record.baseline',
      persons,
      (i) => s.call('record.get', { personId: pick(cards, i).id }),
      {
        runs,
        warmup,
      },
    );
    emit(baseline);

    let found = 0;
    const parseDriver = freshDrivers();
    const toPerson = await measure(
      'device.scan_to_person',
      persons,
      (i) => {
        const scan = scanOf(parseDriver(i), pick(cards, i).reports);
        return scan ? readScan(s.core.ctx, scan.text, { utf8Valid: scan.utf8Valid }) : null;
      },
      { runs, warmup },
    );
    emit(toPerson);

    const driverFor = freshDrivers();
    const figure = await measure(
      'device.scan_to_record',
      persons,
      async (i) => {
        const card = pick(cards, i);
        const scan = scanOf(driverFor(i), card.reports);
        if (!scan) return;
        const read = readScan(s.core.ctx, scan.text, { utf8Valid: scan.utf8Valid });
        if (!read.personId) return;
        const record = await s.call('record.get', { personId: read.personId });
        if (i >= 0 && record.person.id === card.id) found++;
      },
      {
        runs,
        warmup,
        extra: {
          residents: cards.length,
          reports_per_scan: Math.round(reports * 10) / 10,
          budget_p95_ms: 100,
        },
      },
    );
    emit(withRatio({ ...figure, found_share: Math.round((found / runs) * 100) / 100 }, baseline));
  } finally {
    s.close();
  }
}
