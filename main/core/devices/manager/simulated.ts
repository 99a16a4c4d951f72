/**
 * The simulator switch: three virtual devices (a HID POS card scanner, an Omron IT blood-pressure
 * monitor, an A&D scale) whose bytes go through the real drivers and the real intake, exactly as
 * hardware would. Used in demos and training, and by the end-to-end tests.
 */
import type { DeviceConfig } from '#contract/ops/devices.ts';
import { AppError } from '../../errors.ts';
import { vietnamWallClock } from '../measured-at.ts';
import { FakeTransport } from '../transports/fake.ts';
import { bhytQrText, cccdQrText } from '../simulator/cards.ts';
import { hidPosReports } from '../simulator/frames.ts';
import { createResponder, type SimResponder } from '../simulator/responder.ts';
import { playFrames, scenarioFrames } from '../simulator/scenarios.ts';

const PORT = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;
const sim = (
  id: string,
  name: string,
  role: DeviceConfig['role'],
  driver: string,
  transport: DeviceConfig['transport'],
): DeviceConfig => ({
  id,
  name,
  role,
  driver,
  transport,
  match: { vendorId: null, productId: null, serialNumber: null, location: null, path: `SIM:${id}` },
  port: { ...PORT },
  pattern: null,
  enabled: true,
});

export const SIMULATED_DEVICES: readonly DeviceConfig[] = [
  sim('sim-scanner', 'Máy quét thẻ (mô phỏng)', 'scanner', 'scanner-hidpos-a', 'hid'),
  sim('sim-bp', 'Máy đo huyết áp (mô phỏng)', 'bp', 'bp-omron-it', 'hid'),
  sim('sim-scale', 'Cân (mô phỏng)', 'scale', 'scale-and', 'serial'),
];

export type { SimulatedWhat } from '../service.ts';
import type { SimulatedWhat } from '../service.ts';
type Values = Record<string, string | number>;

const num = (v: Values, key: string, fallback: number, min: number, max: number): number => {
  const n = Number(v[key] ?? fallback);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new AppError('INVALID_INPUT', { message: `Giá trị mô phỏng «${key}» phải từ ${min} đến ${max}.` });
  return n;
};
const str = (v: Values, key: string, fallback = ''): string => String(v[key] ?? fallback);

/** The card payload to "scan": given outright (`text`), or built from the resident's details. */
export function simulatedCardText(what: 'cccd' | 'bhyt', v: Values): string {
  if (v.text) return str(v, 'text');
  // A CCCD number encodes sex, century and year of birth (digits 4–6): a card invented for a
  // number must agree with it, as a real one would.
  const id = /^\d{12}$/.test(str(v, 'cccd')) ? str(v, 'cccd') : null;
  const fromId = id
    ? {
        year: 1900 + Math.floor(Number(id[3]) / 2) * 100 + Number(id.slice(4, 6)),
        sex: Number(id[3]) % 2 === 1 ? 'F' : 'M',
      }
    : null;
  if (fromId && v.sex === undefined) v = { ...v, sex: fromId.sex };
  const born = str(v, 'birthDate', fromId ? `${fromId.year}-05-12` : '1960-05-12');
  // A card always prints a full date; a register that knows only the year gets 1 January, as cards do.
  const base = {
    fullName: str(v, 'fullName', 'Nguyễn Văn An'),
    birthDate: born.length === 4 ? `${born}-01-01` : born,
    sex: str(v, 'sex') === 'F' ? ('F' as const) : ('M' as const),
    address: str(v, 'address') || undefined,
  };
  return what === 'cccd'
    ? cccdQrText({ ...base, cccd: str(v, 'cccd', '001060012345') })
    : bhytQrText({ ...base, number: str(v, 'bhyt', '0112345678'), validTo: str(v, 'validTo') || undefined });
}

/** The simulated devices' ends: transports the manager connects to, and what each "does". */
export class SimulatedBench {
  readonly transports = new Map<string, FakeTransport>();
  /** Starts empty: a monitor with nothing in its memory, until the nurse "measures". */
  #bpResponder: SimResponder | null = createResponder('bp-omron-it', { readings: [] });
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
    for (const d of SIMULATED_DEVICES) {
      this.transports.set(
        d.id,
        new FakeTransport({
          kind: d.transport,
          path: d.match.path ?? d.id,
          now,
          respond:
            d.id === 'sim-bp'
              ? (bytes, report) => this.#bpResponder?.respond(bytes, report) ?? []
              : undefined,
        }),
      );
    }
  }

  /** Plays one scan or measurement. `request` asks the monitor's driver to download (as replugging would). */
  async play(what: SimulatedWhat, v: Values, request: (deviceId: string) => Promise<void>): Promise<void> {
    if (what === 'bp') {
      const minutesAgo = num(v, 'minutesAgo', 0, 0, 60 * 24 * 365);
      const reading = {
        systolic: num(v, 'systolic', 128, 40, 300),
        diastolic: num(v, 'diastolic', 82, 20, 200),
        pulse: num(v, 'pulse', 74, 20, 250),
        measuredAt: vietnamWallClock(this.#now() - minutesAgo * 60_000),
      };
      this.#bpResponder = createResponder('bp-omron-it', { readings: [reading] });
      await request('sim-bp');
      return;
    }
    if (what === 'scale') {
      const scenario = scenarioFrames('scale-and', { kind: 'weight', kg: num(v, 'kg', 58.4, 0.5, 300) });
      if (!scenario.ok) throw new AppError('INTERNAL', { logMessage: scenario.error });
      await this.#inject(
        'sim-scale',
        scenario.frames.map((f) => ({ ...f, delayMs: Math.min(f.delayMs, 30) })),
      );
      return;
    }
    const reports = hidPosReports(`${simulatedCardText(what, v)}\r\n`, { layout: 'A' });
    await this.#inject(
      'sim-scanner',
      reports.map((bytes) => ({ delayMs: 2, bytes })),
    );
  }

  async #inject(id: string, frames: { delayMs: number; bytes: Uint8Array }[]): Promise<void> {
    const t = this.transports.get(id);
    if (!t?.isOpen) throw new AppError('CONFLICT', { message: 'Bật chế độ mô phỏng trước.' });
    await playFrames({ write: async (b) => t.inject(b) }, frames);
  }
}
