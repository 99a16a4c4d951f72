/**
 * Records and answers of the memory-download blood-pressure monitors, built from readings, so
 * tests and the simulator can play a monitor that holds any history. See the drivers for layouts.
 */
import { asciiBytes, xorOf } from '../../bytes.ts';
import type { BpFlag } from '../../events.ts';
import { MICROLIFE_ACK, microlifeChecksum } from '../../drivers/microlife.ts';
import { OMRON_7322U_REPORT_ID, OMRON_RECORD_SIZE } from '../../drivers/omron-7322u.ts';

/** A reading as a simulated monitor stores it. `measuredAt` is device wall-clock 'yyyy-mm-ddTHH:MM[:SS]'. */
export interface SimBpReading {
  systolic: number;
  diastolic: number;
  pulse: number;
  measuredAt: string;
  flags?: BpFlag[];
}

function timeParts(measuredAt: string): {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
} {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(measuredAt);
  if (!m) throw new Error(`simulator: bad measuredAt ${measuredAt}`);
  return { y: +m[1], mo: +m[2], d: +m[3], h: +m[4], mi: +m[5], s: m[6] ? +m[6] : 0 };
}

// ---- Omron HEM-790IT family (libomron) ----

/** 14-byte GME record: yy mm dd HH MM SS unit sysHi sys dia pulse flagsHi flagsLo xor. */
export function omronItRecord(r: SimBpReading): Uint8Array {
  const t = timeParts(r.measuredAt);
  let flags = 0;
  if (r.flags?.includes('irregular-heartbeat')) flags |= 0x0001;
  if (r.flags?.includes('body-movement')) flags |= 0x0002;
  if (r.flags?.includes('averaged')) flags |= 0x0010;
  const rec = Uint8Array.of(
    t.y - 2000,
    t.mo,
    t.d,
    t.h,
    t.mi,
    t.s,
    0x00,
    r.systolic >> 8,
    r.systolic & 0xff,
    r.diastolic,
    r.pulse,
    flags >> 8,
    flags & 0xff,
    0,
  );
  rec[13] = xorOf(rec, 0, 13);
  return rec;
}

/** "OK" 00 payload…, checksummed so the bytes after OK XOR to zero. */
export function omronItOk(payload: ArrayLike<number>, withChecksum = true): Uint8Array {
  const body = [0x4f, 0x4b, 0x00, ...Array.from(payload)];
  if (withChecksum) body.push(xorOf(Uint8Array.from(body), 2));
  return Uint8Array.from(body);
}

/** Answer to GDC: "OK" 00 then count at byte 6, then the checksum byte. */
export const omronItCountAnswer = (count: number): Uint8Array => omronItOk([0x00, 0x00, 0x00, count]);

/** Answer to GME: "OK" 00 + the 14-byte record (whose last byte already balances the XOR). */
export const omronItRecordAnswer = (r: SimBpReading): Uint8Array => omronItOk(omronItRecord(r), false);

export const OMRON_IT_NO = Uint8Array.of(0x4e, 0x4f);

/** An answer as 8-byte input reports: [count, up to 7 bytes, padding]. */
export function omronItInputReports(answer: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < answer.length; i += 7) {
    const part = answer.subarray(i, i + 7);
    const r = new Uint8Array(8);
    r[0] = part.length;
    r.set(part, 1);
    out.push(r);
  }
  return out;
}

// ---- Omron HEM-7322U / 7131U (obpm) ----

/** A 14-byte memory record in obpm's bit layout. */
export function omron7322uRecord(r: SimBpReading): Uint8Array {
  const t = timeParts(r.measuredAt);
  const b = new Uint8Array(OMRON_RECORD_SIZE);
  b[0] = r.diastolic;
  b[1] = r.systolic - 25;
  b[2] = t.y - 2000;
  b[3] = r.pulse;
  // month: b4 bits 2–5; day: bits 5–9 of (b4<<8 | b5); hour: b5 bits 0–4; minute: bits 6–11 of (b6<<8 | b7).
  const w45 = (t.mo << 10) | (t.d << 5) | t.h;
  b[4] = w45 >> 8;
  b[5] = w45 & 0xff;
  const w67 = t.mi << 6;
  b[6] = w67 >> 8;
  b[7] = w67 & 0xff;
  return b;
}

/** The memory image: user 1's slots, then user 2's; unused slots are FF. */
export function omron7322uMemory(
  users: readonly (readonly SimBpReading[])[],
  recordsPerUser: number,
): Uint8Array {
  const mem = new Uint8Array(2 * recordsPerUser * OMRON_RECORD_SIZE).fill(0xff);
  users.forEach((readings, u) =>
    readings
      .slice(0, recordsPerUser)
      .forEach((r, i) => mem.set(omron7322uRecord(r), (u * recordsPerUser + i) * OMRON_RECORD_SIZE)),
  );
  return mem;
}

/** An answer report: report id, len, type, address, size, data, pad, xor. */
export function omron7322uAnswer(type: number, address: number, data: Uint8Array): Uint8Array {
  const len = 8 + data.length;
  const f = new Uint8Array(1 + len);
  f.set([OMRON_7322U_REPORT_ID, len, type >> 8, type & 0xff, address >> 8, address & 0xff, data.length], 0);
  f.set(data, 7);
  f[len] = xorOf(f, 1, len);
  return f;
}

// ---- Microlife BPA-100 ----

/** One 32-char record: yymmddHHMM, 6 unknown chars, the sys/dia/pulse word, 8 unknown chars. */
export function microlifeRecord(r: SimBpReading): string {
  const t = timeParts(r.measuredAt);
  const p = (n: number) => String(n).padStart(2, '0');
  const word = ((r.pulse & 0x3ff) << 20) | ((r.diastolic & 0x3ff) << 10) | (r.systolic & 0x3ff);
  return `${p(t.y % 100)}${p(t.mo)}${p(t.d)}${p(t.h)}${p(t.mi)}000000${(word >>> 0).toString(16).toUpperCase().padStart(8, '0')}00000000`;
}

/** ACK + hex count + patient id + records + checksum, as the monitor answers "read cycles". */
export function microlifeCyclesAnswer(readings: readonly SimBpReading[], patientId = 'HSSK'): Uint8Array {
  const id = [...patientId]
    .map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'))
    .join('')
    .padEnd(24, '0')
    .slice(0, 24);
  const text =
    readings.length.toString(16).toUpperCase().padStart(4, '0') +
    '0000' +
    id +
    readings.map(microlifeRecord).join('');
  return Uint8Array.from([MICROLIFE_ACK, ...asciiBytes(text + microlifeChecksum(text))]);
}

/** An answer as 8-byte input reports whose low nibble of byte 0 is the count. */
export function microlifeInputReports(answer: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < answer.length; i += 7) {
    const part = answer.subarray(i, i + 7);
    const r = new Uint8Array(8);
    r[0] = 0xf0 | part.length; // the high nibble is not part of the count
    r.set(part, 1);
    out.push(r);
  }
  return out;
}

// ---- Beurer BM55/58/65 ----

/** 8-byte record: sys−25, dia−25, pulse, month|resting, day|user2, hour, minute, year−2000|arrhythmia. */
export function beurerRecord(r: SimBpReading): Uint8Array {
  const t = timeParts(r.measuredAt);
  return Uint8Array.of(
    r.systolic - 25,
    r.diastolic - 25,
    r.pulse,
    t.mo | (r.flags?.includes('resting-indicator') ? 0x80 : 0),
    t.d | (r.flags?.includes('user-2') ? 0x80 : 0),
    t.h,
    t.mi,
    (t.y - 2000) | (r.flags?.includes('irregular-heartbeat') ? 0x80 : 0),
  );
}

/** The serial variant's 9-byte answer to A3 n: a header byte, then the record. */
export const beurerSerialRecordAnswer = (r: SimBpReading, header = 0xac): Uint8Array =>
  Uint8Array.from([header, ...beurerRecord(r)]);
