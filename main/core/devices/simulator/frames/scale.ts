/** Byte frames that scales and height rods print, one function per format (see the drivers). */
import { asciiBytes, concatBytes } from '../../bytes.ts';
import { CAS_LAMP } from '../../drivers/cas22.ts';
import { toledoChecksum, TOLEDO_SWB } from '../../drivers/toledo-continuous.ts';

const fixed = (value: number, decimals: number): string => Math.abs(value).toFixed(decimals);

/** A&D: "ST,GS,+0072.50kg\r\n" (indicator) or "ST,+0072.50 kg\r\n" (balance). OL/UL print no digits. */
export function andFrame(o: {
  kg: number;
  header?: 'ST' | 'US' | 'OL' | 'UL' | 'QT';
  kind?: 'GS' | 'NT' | 'TR' | null;
  decimals?: number;
  unit?: string;
  balance?: boolean;
}): Uint8Array {
  const header = o.header ?? 'ST';
  const decimals = o.decimals ?? 2;
  const sign = o.kg < 0 ? '-' : '+';
  let digits = fixed(o.kg, decimals).padStart(7, '0');
  if (header === 'OL' || header === 'UL') digits = digits.replace(/\d/g, ' ');
  const unit = o.balance ? ` ${o.unit ?? 'kg'}` : (o.unit ?? 'kg');
  const kind = o.balance || o.kind === null ? '' : `${o.kind ?? 'GS'},`;
  return asciiBytes(`${header},${kind}${sign}${digits}${unit}\r\n`);
}

/** CAS 22-byte: "ST,GS," id lamp "," 8 data " kg" CR LF. */
export function cas22Frame(o: {
  kg: number;
  stable?: boolean;
  header?: 'ST' | 'US' | 'OL';
  kind?: 'GS' | 'NT';
  deviceId?: number;
  decimals?: number;
}): Uint8Array {
  const stable = o.stable ?? true;
  const header = o.header ?? (stable ? 'ST' : 'US');
  const lamp =
    CAS_LAMP.alwaysSet |
    (stable ? CAS_LAMP.stable : 0) |
    ((o.kind ?? 'GS') === 'GS' ? CAS_LAMP.gross : 0) |
    (o.kg === 0 ? CAS_LAMP.zero : 0);
  let data = fixed(o.kg, o.decimals ?? 1).padStart(8, '0');
  if (o.kg < 0) data = `-${data.slice(1)}`;
  if (header === 'OL') data = '    .   ';
  return concatBytes([
    asciiBytes(`${header},${o.kind ?? 'GS'},`),
    Uint8Array.of(0x30 + (o.deviceId ?? 1), lamp),
    asciiBytes(`,${data} kg\r\n`),
  ]);
}

export type SicsReplySpec =
  | { stable: boolean; kg: number; unit?: 'kg' | 'g'; decimals?: number }
  | 'S I'
  | 'S +'
  | 'S -'
  | 'ES'
  | 'ET'
  | 'EL';

/** MT-SICS: "S S      72.50 kg\r\n", "S D …", "S I", "S +", "ES" … */
export function sicsLine(reply: SicsReplySpec): Uint8Array {
  if (typeof reply === 'string') return asciiBytes(`${reply}\r\n`);
  const unit = reply.unit ?? 'kg';
  const value = unit === 'g' ? reply.kg * 1000 : reply.kg;
  const text = (value < 0 ? '-' : '') + fixed(value, reply.decimals ?? 2);
  return asciiBytes(`S ${reply.stable ? 'S' : 'D'} ${text.padStart(10)} ${unit}\r\n`);
}

/** Toledo continuous: STX SWA SWB SWC weight(6) tare(6) CR [CHK]. */
export function toledoFrame(o: {
  kg: number;
  tareKg?: number;
  motion?: boolean;
  net?: boolean;
  outOfRange?: boolean;
  notZeroed?: boolean;
  decimals?: 0 | 1 | 2 | 3;
  checksum?: boolean;
}): Uint8Array {
  const decimals = o.decimals ?? 1;
  const swa = 0x20 | (2 + decimals); // code 2 = no decimals, 3 = one, 4 = two, 5 = three
  let swb = 0x20 | TOLEDO_SWB.kg;
  if (o.net) swb |= TOLEDO_SWB.net;
  if (o.kg < 0) swb |= TOLEDO_SWB.negative;
  if (o.outOfRange) swb |= TOLEDO_SWB.outOfRange;
  if (o.motion) swb |= TOLEDO_SWB.motion;
  if (o.notZeroed) swb |= TOLEDO_SWB.notZeroed;
  const swc = 0x20;
  const six = (v: number) =>
    String(Math.round(Math.abs(v) * 10 ** decimals))
      .padStart(6, '0')
      .slice(-6);
  const frame = concatBytes([
    Uint8Array.of(0x02, swa, swb, swc),
    asciiBytes(six(o.kg) + six(o.tareKg ?? 0)),
    Uint8Array.of(0x0d),
  ]);
  return o.checksum ? concatBytes([frame, Uint8Array.of(toledoChecksum(frame))]) : frame;
}

/**
 * Tanita "{0,16,…" record. `junk` appends the stray byte the WB-3000 sends ~0.1 s after a frame.
 * CS is filled with a plausible value: its algorithm is not published and the driver ignores it.
 */
export function tanitaLine(o: {
  model: string;
  weightKg?: number;
  grams?: number;
  heightCm?: number;
  bmi?: number;
  junk?: boolean;
  extra?: string;
}): Uint8Array {
  const parts = ['{0,16,~0,1,~1,1,~2,1', `MO,"${o.model}"`];
  if (o.heightCm !== undefined) parts.push(`Hm,${o.heightCm.toFixed(1)}`);
  if (o.weightKg !== undefined) parts.push(`Wk,${o.weightKg.toFixed(1)}`);
  if (o.grams !== undefined) parts.push(`Wg,${Math.round(o.grams)}`);
  if (o.bmi !== undefined) parts.push(`MI,${o.bmi.toFixed(1)}`);
  if (o.extra) parts.push(o.extra);
  const body = parts.join(',');
  let sum = 0;
  for (const c of body) sum = (sum + c.charCodeAt(0)) & 0xff;
  const line = asciiBytes(`${body},CS,${sum.toString(16).toUpperCase().padStart(2, '0')}\r\n`);
  return o.junk ? concatBytes([line, Uint8Array.of(0x00)]) : line;
}
