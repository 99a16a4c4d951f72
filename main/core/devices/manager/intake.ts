/**
 * What happens to a driver's event: a scan is read and its holder looked up; a reading is stored
 * with its provenance and waits in the tray until a nurse applies it to a visit (so a reading never
 * lands on the wrong person by itself); errors and progress go to the status line. The UI hears of
 * each through contract events.
 */
import type { ReadingValues } from '#contract/ops/devices.ts';
import type { CoreContext } from '../../context.ts';
import { alreadyStored, storeReading } from '../measurements.ts';
import type { DriverEvent, Reading } from '../events.ts';
import { deviceTimeToEpoch } from '../measured-at.ts';
import { readScan } from './scan.ts';

export interface DeviceIdentity {
  id: string;
  name: string;
  driver: string;
}

type IntakeContext = Pick<CoreContext, 'store' | 'clock' | 'events' | 'log' | 'exams'>;

export function readingValues(r: Reading): ReadingValues {
  const none: ReadingValues = {
    systolic: null,
    diastolic: null,
    pulse: null,
    weightKg: null,
    heightCm: null,
  };
  switch (r.kind) {
    case 'bp':
      return { ...none, systolic: r.systolic, diastolic: r.diastolic, pulse: r.pulse };
    case 'weight':
      return { ...none, weightKg: r.kg };
    case 'height':
      return { ...none, heightCm: r.cm };
    case 'weight-height':
      return { ...none, weightKg: r.kg, heightCm: r.cm };
  }
}

/** One line for the live monitor: what the driver made of the bytes. */
export function describeEvent(e: DriverEvent): string {
  switch (e.type) {
    case 'scan':
      return `Mã quét: ${e.text.length} ký tự${e.symbology ? ` (${e.symbology})` : ''}${e.utf8Valid ? '' : ' — không phải UTF-8'}`;
    case 'reading': {
      const r = e.reading;
      if (r.kind === 'bp')
        return `Huyết áp ${r.systolic}/${r.diastolic} mmHg${r.pulse !== null ? `, mạch ${r.pulse}` : ''}${r.measuredAt ? `, đo lúc ${r.measuredAt.replace('T', ' ')}` : ''}`;
      if (r.kind === 'weight') return `Cân nặng ${r.kg} kg${r.stable ? '' : ' (chưa ổn định)'}`;
      if (r.kind === 'height') return `Chiều cao ${r.cm} cm`;
      return `Cân nặng ${r.kg} kg, chiều cao ${r.cm} cm`;
    }
    case 'error':
    case 'status':
      return e.message;
  }
}

/** Handles one event from the device `device`; never throws (a bad event is logged, not fatal). */
export function takeEvent(ctx: IntakeContext, device: DeviceIdentity, e: DriverEvent): void {
  try {
    if (e.type === 'scan') {
      const result = readScan(ctx, e.text, { utf8Valid: e.utf8Valid });
      ctx.log.info('card scanned', {
        device: device.id,
        kind: result.kind,
        found: result.personId !== null,
        warnings: result.warnings.length,
      });
      ctx.events.emit('device.scan', { ...result, device: device.name });
    } else if (e.type === 'reading') {
      if (e.reading.kind === 'weight' && !e.reading.stable) return;
      const measuredAtMs =
        e.reading.kind === 'bp' && e.reading.measuredAt ? deviceTimeToEpoch(e.reading.measuredAt) : null;
      const measuredAt = measuredAtMs === null ? null : new Date(measuredAtMs).toISOString();
      const values = readingValues(e.reading);
      if (measuredAt && alreadyStored(ctx, device.driver, measuredAt, values)) {
        ctx.log.info('reading already downloaded', { device: device.id, measuredAt });
        return;
      }
      const m = storeReading(ctx, {
        device: device.name,
        driver: device.driver,
        kind: e.reading.kind,
        values,
        measuredAt,
        receivedAt: new Date(e.receivedAt).toISOString(),
        raw: e.rawHex,
      });
      ctx.log.info('reading stored', { device: device.id, kind: m.kind, stale: m.stale });
      ctx.events.emit('device.reading', {
        measurementId: m.id,
        device: m.device,
        kind: m.kind,
        values: m.values,
        measuredAt: m.measuredAt,
        receivedAt: m.receivedAt,
        stale: m.stale,
        arrivedDuringVisitId: m.arrivedDuringVisitId,
      });
    } else {
      if (e.type === 'error')
        ctx.log.warn('device error', { device: device.id, code: e.code, detail: e.detail });
      ctx.events.emit('device.status', {
        id: device.id,
        status: e.type === 'error' ? 'error' : e.code,
        message: e.message,
      });
    }
  } catch (err) {
    ctx.log.error('device event could not be handled', {
      device: device.id,
      type: e.type,
      error: err instanceof Error ? err.message : String(err),
    });
  }
}
