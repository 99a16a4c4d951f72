/**
 * HID transport over node-hid's HIDAsync. Input reports are passed on whole and as-is, with their
 * report id when the device numbers its reports (HID POS scanners: 0x02); written bytes must start
 * with the report id (0x00 for unnumbered devices), as hidapi requires. node-hid signals an
 * unplugged device with a read error, so a read error also means "disconnected".
 */
import {
  classifyOpenError,
  Listeners,
  TransportError,
  type Transport,
  type Unsubscribe,
} from '../transport.ts';

/** The part of node-hid's HIDAsync this transport uses (a fake implements it in tests). */
export interface HidDevice {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
  write(values: number[] | Buffer): Promise<number>;
  sendFeatureReport(data: number[] | Buffer): Promise<number>;
  close(): Promise<void>;
}

export type HidOpener = (path: string) => Promise<HidDevice>;

/** node-hid is loaded on first use: a machine without its native module can still run the rest. */
export const nodeHidOpener: HidOpener = async (path) => {
  const hid = await import('node-hid');
  return (await hid.HIDAsync.open(path)) as unknown as HidDevice;
};

export interface HidTransportOptions {
  path: string;
  open?: HidOpener;
  now?: () => number;
}

export class HidTransport implements Transport {
  readonly kind = 'hid' as const;
  readonly path: string;
  readonly #opener: HidOpener;
  readonly #now: () => number;
  #device: HidDevice | null = null;
  readonly #data = new Listeners<[Uint8Array, number]>();
  readonly #errors = new Listeners<[TransportError]>();
  readonly #disconnects = new Listeners<[]>();

  constructor(options: HidTransportOptions) {
    this.path = options.path;
    this.#opener = options.open ?? nodeHidOpener;
    this.#now = options.now ?? Date.now;
  }

  get isOpen(): boolean {
    return this.#device !== null;
  }

  async open(): Promise<void> {
    if (this.#device) return;
    let device: HidDevice;
    try {
      device = await this.#opener(this.path);
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      // hidapi says only "cannot open device" whether the device is gone, busy, or owned by the OS
      // (a scanner left in keyboard mode): say what the nurse can check.
      if (/cannot open device/i.test(text)) {
        throw new TransportError(
          'open-failed',
          'Không mở được thiết bị USB: rút ra cắm lại. Nếu là máy quét, kiểm tra máy đang ở chế độ HID POS (không phải chế độ bàn phím).',
          `hid open ${this.path}: ${text}`,
          { cause: e },
        );
      }
      throw classifyOpenError(this.path, e);
    }
    device.on('data', (data: Buffer) => this.#data.emit(Uint8Array.from(data), this.#now()));
    device.on('error', (err: Error) => {
      this.#errors.emit(
        new TransportError(
          'read-failed',
          'Mất kết nối với thiết bị USB.',
          `hid ${this.path}: ${err.message}`,
          { cause: err },
        ),
      );
      if (this.#device === device) {
        this.#device = null;
        device.removeAllListeners();
        void device.close().catch(() => undefined);
        this.#disconnects.emit();
      }
    });
    this.#device = device;
  }

  async close(): Promise<void> {
    const device = this.#device;
    this.#device = null;
    if (!device) return;
    device.removeAllListeners();
    await device.close().catch(() => undefined);
  }

  async write(bytes: Uint8Array, report: 'output' | 'feature' = 'output'): Promise<void> {
    const device = this.#device;
    if (!device)
      throw new TransportError('not-open', 'Thiết bị USB chưa được mở.', `write to closed hid ${this.path}`);
    try {
      const data = Buffer.from(bytes);
      const n = report === 'feature' ? await device.sendFeatureReport(data) : await device.write(data);
      if (n < 0) throw new Error(`wrote ${n} bytes`);
    } catch (e) {
      throw new TransportError(
        'write-failed',
        'Không gửi được lệnh tới thiết bị USB.',
        `hid ${report} write: ${e instanceof Error ? e.message : String(e)}`,
        { cause: e },
      );
    }
  }

  onData(listener: (chunk: Uint8Array, receivedAt: number) => void): Unsubscribe {
    return this.#data.add(listener);
  }

  onError(listener: (error: TransportError) => void): Unsubscribe {
    return this.#errors.add(listener);
  }

  onDisconnect(listener: () => void): Unsubscribe {
    return this.#disconnects.add(listener);
  }
}
