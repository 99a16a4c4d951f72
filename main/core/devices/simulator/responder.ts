/**
 * Plays a pull device: given what the host wrote, returns what the device would send back. With
 * a FakeTransport (`respond` option) it drives the HID monitors in unit tests; with
 * `serveResponder` on the device end of a socat pty pair it answers over a real serial port.
 * Faults can be injected to exercise the drivers' retries.
 */
import { asciiBytes, asciiOf, utf8Bytes } from '../bytes.ts';
import { OMRON_7322U_MEMORY_START } from '../drivers/omron-7322u.ts';
import type { Transport, Unsubscribe } from '../transport.ts';
import {
  beurerRecord,
  beurerSerialRecordAnswer,
  microlifeCyclesAnswer,
  microlifeInputReports,
  OMRON_IT_NO,
  omron7322uAnswer,
  omron7322uMemory,
  omronItCountAnswer,
  omronItInputReports,
  omronItRecordAnswer,
  sicsLine,
  type SicsReplySpec,
  type SimBpReading,
} from './frames.ts';

export interface Responder {
  respond(bytes: Uint8Array, report: 'output' | 'feature'): Uint8Array[];
}

export interface ResponderFaults {
  /** Answer "NO" (Omron IT) to this many commands first. */
  refuse?: number;
  /** Corrupt these answers (0-based, counted over all answers): one byte flipped. */
  corrupt?: number[];
  /** Send nothing until `arm()` is called (Omron 7322U: START/STOP not pressed). */
  needsArming?: boolean;
}

abstract class BaseResponder implements Responder {
  protected answers = 0;
  #refused = 0;
  #armed: boolean;
  readonly #faults: ResponderFaults;

  constructor(faults: ResponderFaults = {}) {
    this.#faults = faults;
    this.#armed = !faults.needsArming;
  }

  /** The user pressed the button that lets the monitor talk. */
  arm(): void {
    this.#armed = true;
  }

  respond(bytes: Uint8Array, report: 'output' | 'feature'): Uint8Array[] {
    if (!this.#armed) return [];
    return this.answer(bytes, report).map((a) => this.#maybeCorrupt(a));
  }

  protected abstract answer(bytes: Uint8Array, report: 'output' | 'feature'): Uint8Array[];

  protected refuseNow(): boolean {
    if (this.#refused < (this.#faults.refuse ?? 0)) {
      this.#refused++;
      return true;
    }
    return false;
  }

  #maybeCorrupt(a: Uint8Array): Uint8Array {
    const n = this.answers++;
    if (!this.#faults.corrupt?.includes(n) || !a.length) return a;
    const c = Uint8Array.from(a);
    c[c.length - 1] ^= 0x5a;
    return c;
  }
}

/** Omron HEM-790IT family. `readings[0]` is the newest, as libomron documents index 0. */
export class OmronItResponder extends BaseResponder {
  #cmd: number[] = [];
  readonly #banks: SimBpReading[][];

  constructor(banks: SimBpReading[][], faults?: ResponderFaults) {
    super(faults);
    this.#banks = banks;
  }

  protected answer(bytes: Uint8Array, report: 'output' | 'feature'): Uint8Array[] {
    if (report === 'feature') return []; // the mode switch is not answered
    const r = bytes.length === 9 ? bytes.subarray(1) : bytes;
    const n = Math.min(r[0] ?? 0, 7);
    for (let i = 1; i <= n; i++) this.#cmd.push(r[i]);
    const c = this.#cmd;
    if (c[0] === 0) {
      if (c.length < 23) return [];
      this.#cmd = [];
      return omronItInputReports(Uint8Array.of(0x4f, 0x4b));
    }
    if (c.length < 8) return [];
    this.#cmd = [];
    const name = String.fromCharCode(c[0], c[1], c[2]);
    if (this.refuseNow()) return omronItInputReports(OMRON_IT_NO);
    const bank = this.#banks[c[4]] ?? [];
    if (name === 'GDC') return omronItInputReports(omronItCountAnswer(bank.length));
    if (name === 'GME' && c[6] < bank.length) return omronItInputReports(omronItRecordAnswer(bank[c[6]]));
    return omronItInputReports(OMRON_IT_NO);
  }
}

/** Omron HEM-7322U/7131U: a memory image served in 40-byte blocks. */
export class Omron7322uResponder extends BaseResponder {
  readonly #memory: Uint8Array;

  constructor(users: SimBpReading[][], recordsPerUser: number, faults?: ResponderFaults) {
    super(faults);
    this.#memory = omron7322uMemory(users, recordsPerUser);
  }

  protected answer(bytes: Uint8Array): Uint8Array[] {
    const f = bytes[0] === 0x02 ? bytes.subarray(1) : bytes;
    const type = (f[1] << 8) | f[2];
    const address = (f[3] << 8) | f[4];
    const size = f[5];
    if (type === 0x0000) return [omron7322uAnswer(0x8000, 0, new Uint8Array(0))];
    if (type === 0x0f00) return [omron7322uAnswer(0x8f00, 0, new Uint8Array(0))];
    if (type === 0x0100) {
      const from = address - OMRON_7322U_MEMORY_START;
      const data = new Uint8Array(size).fill(0xff);
      data.set(this.#memory.subarray(Math.max(0, from), Math.max(0, from) + size));
      return [omron7322uAnswer(0x8100, address, data)];
    }
    return [];
  }
}

/** Microlife BPA-100: answers "read cycles" with the whole memory, in 8-byte reports. */
export class MicrolifeResponder extends BaseResponder {
  readonly #readings: SimBpReading[];

  constructor(readings: SimBpReading[], faults?: ResponderFaults) {
    super(faults);
    this.#readings = readings;
  }

  protected answer(bytes: Uint8Array): Uint8Array[] {
    const r = bytes.length === 9 ? bytes.subarray(1) : bytes;
    if (r[0] === 4 && r[1] === 0x12 && r[2] === 0x16 && r[3] === 0x18 && r[4] === 0x22) {
      return microlifeInputReports(microlifeCyclesAnswer(this.#readings));
    }
    return [];
  }
}

const BEURER_NAME = 'BM58 Beurer HSSK-SIM             ';

/** Beurer BM55/58, HID cable: one 8-byte report per command. */
export class BeurerHidResponder extends BaseResponder {
  readonly #readings: SimBpReading[];

  constructor(readings: SimBpReading[], faults?: ResponderFaults) {
    super(faults);
    this.#readings = readings;
  }

  protected answer(bytes: Uint8Array): Uint8Array[] {
    const r = bytes.length === 9 ? bytes.subarray(1) : bytes;
    const name = utf8Bytes(BEURER_NAME.padEnd(40));
    switch (r[0]) {
      case 0xaa:
      case 0xa4:
      case 0xa5:
      case 0xa6:
      case 0xa7: {
        const i = [0xaa, 0xa4, 0xa5, 0xa6, 0xa7].indexOf(r[0]);
        return [Uint8Array.from(name.subarray(i * 8, i * 8 + 8))];
      }
      case 0xa2:
        return [Uint8Array.of(this.#readings.length, 0, 0, 0, 0, 0, 0, 0)];
      case 0xa3: {
        const rec = this.#readings[r[1] - 1];
        return rec ? [beurerRecord(rec)] : [new Uint8Array(8)];
      }
      default:
        return [];
    }
  }
}

/** Beurer BM65 / old BM58 on a USB-serial cable (4800 8N1): a byte-stream command parser. */
export class BeurerSerialResponder extends BaseResponder {
  readonly #readings: SimBpReading[];
  #awaitingIndex = false;

  constructor(readings: SimBpReading[], faults?: ResponderFaults) {
    super(faults);
    this.#readings = readings;
  }

  protected answer(bytes: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (const b of bytes) {
      if (this.#awaitingIndex) {
        this.#awaitingIndex = false;
        const rec = this.#readings[b - 1];
        if (rec) out.push(beurerSerialRecordAnswer(rec));
        continue;
      }
      if (b === 0xaa) out.push(Uint8Array.of(0x55));
      else if (b === 0xa4) out.push(asciiBytes(BEURER_NAME.padEnd(32).slice(0, 32)));
      else if (b === 0xa2) out.push(Uint8Array.of(this.#readings.length));
      else if (b === 0xa3) this.#awaitingIndex = true;
    }
    return out;
  }
}

/** A Mettler MT-SICS balance: answers "S"/"SI" with the next weight in `replies` (the last repeats). */
export class MtSicsResponder extends BaseResponder {
  readonly #replies: SicsReplySpec[];
  #next = 0;
  #line = '';

  constructor(replies: SicsReplySpec[], faults?: ResponderFaults) {
    super(faults);
    this.#replies = replies;
  }

  protected answer(bytes: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    this.#line += asciiOf(bytes);
    let nl: number;
    while ((nl = this.#line.search(/\r?\n/)) >= 0) {
      const cmd = this.#line.slice(0, nl).trim();
      this.#line = this.#line.slice(nl).replace(/^\r?\n/, '');
      if (cmd === 'S' || cmd === 'SI') {
        out.push(sicsLine(this.#replies[Math.min(this.#next, this.#replies.length - 1)]));
        this.#next++;
      } else if (cmd) out.push(asciiBytes('ES\r\n'));
    }
    return out;
  }
}

export interface SimulatedDevice {
  /** Omron IT: per bank, newest first. Others: in memory order (oldest first). */
  readings?: SimBpReading[];
  /** Omron 7322U/7131U and Omron IT second bank. */
  user2?: SimBpReading[];
  sicsReplies?: SicsReplySpec[];
  faults?: ResponderFaults;
}

/** A responder for a registry driver id, or null for devices that only stream. */
/** A responder that can also be "armed" (the user pressed the device's transfer button). */
export type SimResponder = Responder & { arm(): void };

export function createResponder(driverId: string, sim: SimulatedDevice): SimResponder | null {
  const readings = sim.readings ?? [];
  switch (driverId) {
    case 'bp-omron-it':
      return new OmronItResponder([readings, sim.user2 ?? []], sim.faults);
    case 'bp-omron-7322u':
      return new Omron7322uResponder([readings, sim.user2 ?? []], 100, sim.faults);
    case 'bp-omron-7131u':
      return new Omron7322uResponder([readings, sim.user2 ?? []], 60, sim.faults);
    case 'bp-microlife':
      return new MicrolifeResponder(readings, sim.faults);
    case 'bp-beurer-hid':
      return new BeurerHidResponder(readings, sim.faults);
    case 'bp-beurer-serial':
      return new BeurerSerialResponder(readings, sim.faults);
    case 'scale-mt-sics':
      return new MtSicsResponder(sim.sicsReplies ?? [{ stable: true, kg: 60 }], sim.faults);
    default:
      return null;
  }
}

/**
 * Makes `transport` (the device end of a pty pair) behave like the device: every chunk the host
 * writes is answered in order. Returns a function that stops serving.
 */
export function serveResponder(transport: Transport, responder: Responder): Unsubscribe {
  let queue: Promise<void> = Promise.resolve();
  return transport.onData((chunk) => {
    const answers = responder.respond(chunk, 'output');
    for (const a of answers) queue = queue.then(() => transport.write(a)).catch(() => undefined);
  });
}
