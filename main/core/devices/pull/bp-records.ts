/**
 * What every memory-download driver does at the end: keep the plausible records and report the
 * newest as the reading, with its measurement time (the nurse confirms it if stale, see
 * measured-at.ts).
 */
import { errorEvent, MSG, readingEvent, statusEvent, type BpReading, type DriverEvent } from '../events.ts';

export interface BpRecord {
  reading: BpReading;
  /** The record's own bytes, stored with the reading as its provenance. */
  raw: Uint8Array;
}

export function plausibleBp(sys: number, dia: number, pulse: number | null): boolean {
  return (
    Number.isInteger(sys) &&
    Number.isInteger(dia) &&
    sys >= 40 &&
    sys <= 300 &&
    dia >= 20 &&
    dia <= 250 &&
    sys > dia &&
    (pulse === null || (pulse >= 20 && pulse <= 300))
  );
}

/**
 * The newest record by measurement time. Records without a readable time lose to any record with
 * one; among themselves the device's order decides (`newestFirst`: index 0 is the latest).
 */
export function pickNewest(records: readonly BpRecord[], newestFirst: boolean): BpRecord | null {
  let best: BpRecord | null = null;
  for (const r of newestFirst ? [...records].reverse() : records) {
    const t = r.reading.measuredAt;
    const bt = best?.reading.measuredAt;
    if (!best || (t !== undefined && (bt === undefined || t >= bt)) || (t === undefined && bt === undefined))
      best = r;
  }
  return best;
}

/** The events that close a download: the newest reading, or why there is none. */
export function downloadResult(
  records: readonly BpRecord[],
  held: number,
  newestFirst: boolean,
  at: number,
  device: string,
): DriverEvent[] {
  if (held === 0) return [errorEvent('no-records', MSG.noRecords, `${device}: memory is empty`, at)];
  const usable = records.filter((r) => plausibleBp(r.reading.systolic, r.reading.diastolic, r.reading.pulse));
  const newest = pickNewest(usable, newestFirst);
  if (!newest)
    return [
      errorEvent(
        'invalid-reading',
        MSG.invalidReading,
        `${device}: none of ${records.length} records is plausible`,
        at,
      ),
    ];
  return [
    readingEvent({ ...newest.reading, recordsOnDevice: held }, newest.raw, at),
    statusEvent(
      'done',
      'Đã tải xong kết quả đo.',
      `${device}: ${records.length} records read, newest ${newest.reading.measuredAt ?? 'without time'}`,
      at,
    ),
  ];
}
