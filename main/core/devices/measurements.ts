import { randomUUID } from 'node:crypto';
import type { Measurement, ReadingValues } from '#contract/ops/devices.ts';
import { isoNow } from '../clock.ts';
import { driverInfo } from './drivers/index.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import type { MeasurementRow } from '../db/schema.ts';
import { attachReading, discardFromTray, insertReading } from './repo/measurements.ts';

/** A reading measured this long before it reached the app is "stale": the nurse must confirm it. */
export const STALE_AFTER_MS = 10 * 60_000;

const toMeasurement = (r: MeasurementRow): Measurement => ({
  id: r.id,
  device: r.device,
  driver: r.driver,
  kind: r.kind,
  values: JSON.parse(r.data) as ReadingValues,
  measuredAt: r.measured_at,
  receivedAt: r.received_at,
  raw: r.raw,
  status: r.status,
  stale: isStale(r.measured_at, r.received_at, r.driver),
  visitId: r.visit_id,
  arrivedDuringVisitId: r.arrived_during_visit_id,
});

/** A device clock this far ahead of the PC is wrong, and so may be the reading's time. */
const CLOCK_AHEAD_MS = 5 * 60_000;

/**
 * A reading needs the nurse's confirmation when it was taken long before it arrived (yesterday's,
 * another patient's), when the device clock is ahead, or when a monitor that downloads its memory
 * gave no time at all. Live readings (a scale) have no device time and are never stale.
 */
export function isStale(measuredAt: string | null, receivedAt: string, driver: string): boolean {
  if (measuredAt === null) return driverInfo(driver)?.pull ?? false;
  const age = Date.parse(receivedAt) - Date.parse(measuredAt);
  return age > STALE_AFTER_MS || age < -CLOCK_AHEAD_MS;
}

const VN_TIME = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  dateStyle: 'short',
  timeStyle: 'short',
});
const vnDateTime = (iso: string): string => VN_TIME.format(new Date(iso));
const VN_CLOCK = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
});

/** A reading that arrived with no exam open is offered for this long, with its time, by explicit choice only. */
export const UNASSIGNED_OFFER_MS = 30 * 60_000;

/**
 * Every reading is kept with its provenance (device, driver, measured and received times, the raw
 * frame) and the exam that was open on screen when it arrived, and waits in the tray until a nurse
 * puts it on a visit: a reading never lands on anyone by itself.
 */
export function storeReading(
  ctx: Pick<CoreContext, 'store' | 'clock' | 'exams'>,
  r: {
    device: string;
    driver: string;
    kind: Measurement['kind'];
    values: ReadingValues;
    measuredAt: string | null;
    raw: string;
    receivedAt?: string;
  },
): Measurement {
  const id = randomUUID();
  const receivedAt = r.receivedAt ?? isoNow(ctx.clock);
  // Asked for the moment it arrived, not now: a reading that waited behind an import still
  // belongs to the exam that was open when the device sent it.
  const during = ctx.exams.openAt(Date.parse(receivedAt))?.visitId ?? null;
  ctx.store.tx(() =>
    insertReading(ctx.store, {
      id,
      device: r.device,
      driver: r.driver,
      kind: r.kind,
      data: JSON.stringify(r.values),
      measured_at: r.measuredAt,
      received_at: receivedAt,
      raw: r.raw,
      arrived_during_visit_id: during,
    }),
  );
  return getMeasurement(ctx, id);
}

/**
 * A monitor hands over the same stored reading each time it is plugged in or asked again: the
 * second copy is not a new measurement and must not reach the tray twice.
 */
export function alreadyStored(
  ctx: Pick<CoreContext, 'store'>,
  driver: string,
  measuredAt: string,
  values: ReadingValues,
): boolean {
  return (
    ctx.store
      .prepare('SELECT 1 FROM measurements WHERE driver = ? AND measured_at = ? AND data = ? LIMIT 1')
      .get(driver, measuredAt, JSON.stringify(values)) !== undefined
  );
}

export function getMeasurement(ctx: Pick<CoreContext, 'store'>, id: string): Measurement {
  const r = ctx.store.prepare('SELECT * FROM measurements WHERE id = ?').get(id) as
    MeasurementRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy số đo.' });
  return toMeasurement(r);
}

export function trayList(ctx: CoreContext): Measurement[] {
  return (
    ctx.store
      .prepare(`SELECT * FROM measurements WHERE status = 'tray' ORDER BY received_at DESC LIMIT 50`)
      .all() as MeasurementRow[]
  ).map(toMeasurement);
}

/**
 * What an exam may take from the tray: every reading that arrived while it was open, and the
 * recent ones that arrived with no exam open at all. A reading that arrived during another
 * person's exam is never among them.
 */
export function offeredFor(ctx: CoreContext, visitId: string): Measurement[] {
  const since = new Date(ctx.clock().getTime() - UNASSIGNED_OFFER_MS).toISOString();
  return (
    ctx.store
      .prepare(
        `SELECT * FROM measurements WHERE status = 'tray'
           AND (arrived_during_visit_id = ? OR (arrived_during_visit_id IS NULL AND received_at >= ?))
         ORDER BY received_at DESC LIMIT 50`,
      )
      .all(visitId, since) as MeasurementRow[]
  ).map(toMeasurement);
}

export interface ApplyConfirmations {
  /** The nurse checked that a reading taken long before it arrived is this patient's. */
  stale: boolean;
  /** The nurse chose a reading that arrived while no exam was open. */
  noExam: boolean;
}

export function applyMeasurement(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  visitId: string,
  confirm: ApplyConfirmations,
): Measurement {
  return ctx.store.tx(() => {
    const m = getMeasurement(ctx, id);
    if (m.status !== 'tray')
      throw new AppError('CONFLICT', { message: 'Số đo này đã được dùng hoặc đã bỏ.' });
    const visit = ctx.store.prepare('SELECT person_id, status FROM visits WHERE id = ?').get(visitId) as
      { person_id: string; status: string } | undefined;
    if (!visit) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy lượt khám.' });
    if (visit.status !== 'draft')
      throw new AppError('CONFLICT', { message: 'Lượt khám đã ký: không thêm số đo được nữa.' });
    if (m.arrivedDuringVisitId !== null && m.arrivedDuringVisitId !== visitId) {
      ctx.log.warn('reading refused: it arrived during another exam', { measurementId: id, visitId });
      throw new AppError('CONFLICT', {
        message: `Số đo lúc ${VN_CLOCK.format(new Date(m.receivedAt))} đến trong lượt khám của người khác: không dùng cho người này. Nếu cần, hãy đo lại.`,
        details: { otherExam: true },
      });
    }
    if (m.arrivedDuringVisitId === null && !confirm.noExam) {
      throw new AppError('CONFLICT', {
        message: `Số đo lúc ${VN_CLOCK.format(new Date(m.receivedAt))} đến khi chưa mở lượt khám nào. Xác nhận đây là số đo của người này trước khi dùng.`,
        details: { noExam: true },
      });
    }
    if (m.stale && !confirm.stale) {
      throw new AppError('CONFLICT', {
        message: m.measuredAt
          ? `Số đo này được đo lúc ${vnDateTime(m.measuredAt)}, không phải vừa đo. Xác nhận đúng người trước khi dùng.`
          : 'Máy đo không cho biết giờ đo. Xác nhận đúng người trước khi dùng.',
        details: { stale: true },
      });
    }
    const now = isoNow(ctx.clock);
    attachReading(
      ctx.store,
      { id, kind: m.kind, receivedAt: m.receivedAt },
      { id: visitId, personId: visit.person_id },
      now,
    );
    appendAudit(
      ctx.store,
      actor,
      {
        action: 'measurement.apply',
        entity: 'person',
        entityId: visit.person_id,
        details: {
          measurementId: id,
          visitId,
          stale: m.stale,
          arrivedWithNoExam: m.arrivedDuringVisitId === null,
        },
      },
      now,
    );
    return getMeasurement(ctx, id);
  });
}

export function discardMeasurement(ctx: CoreContext, actor: Actor, id: string): void {
  ctx.store.tx(() => {
    if (!discardFromTray(ctx.store, id))
      throw new AppError('NOT_FOUND', { message: 'Không có số đo này trong khay.' });
    appendAudit(
      ctx.store,
      actor,
      { action: 'measurement.discard', details: { measurementId: id } },
      isoNow(ctx.clock),
    );
  });
}
