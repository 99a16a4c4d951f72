/**
 * Serial transport over `serialport` (RS-232, USB-serial bridges, USB CDC "virtual COM"). The port
 * is opened with the device's settings; bytes are delivered as read. An unplugged USB-serial
 * adapter closes the port with a "disconnected" error, which becomes `onDisconnect`.
 */
import { SerialPort } from 'serialport';
import type { SerialSettings } from '../settings.ts';
import {
  classifyOpenError,
  Listeners,
  TransportError,
  type Transport,
  type Unsubscribe,
} from '../transport.ts';

export interface SerialTransportOptions {
  path: string;
  settings: SerialSettings;
  /** Clock for `receivedAt`; default Date.now. */
  now?: () => number;
}

export class SerialTransport implements Transport {
  readonly kind = 'serial' as const;
  readonly path: string;
  readonly #settings: SerialSettings;
  readonly #now: () => number;
  #port: SerialPort | null = null;
  #closing = false;
  readonly #data = new Listeners<[Uint8Array, number]>();
  readonly #errors = new Listeners<[TransportError]>();
  readonly #disconnects = new Listeners<[]>();

  constructor(options: SerialTransportOptions) {
    this.path = options.path;
    this.#settings = options.settings;
    this.#now = options.now ?? Date.now;
  }

  get isOpen(): boolean {
    return this.#port?.isOpen ?? false;
  }

  async open(): Promise<void> {
    if (this.#port?.isOpen) return;
    let port: SerialPort;
    try {
      port = new SerialPort({
        path: this.path,
        baudRate: this.#settings.baudRate,
        dataBits: this.#settings.dataBits,
        parity: this.#settings.parity,
        stopBits: this.#settings.stopBits,
        autoOpen: false,
      });
    } catch (e) {
      throw new TransportError(
        'open-failed',
        `Cài đặt cổng ${this.path} không hợp lệ.`,
        `serialport rejected settings: ${String(e)}`,
        { cause: e },
      );
    }
    await new Promise<void>((resolve, reject) =>
      port.open((err) => (err ? reject(classifyOpenError(this.path, err)) : resolve())),
    );
    this.#closing = false;
    port.on('data', (chunk: Buffer) => this.#data.emit(Uint8Array.from(chunk), this.#now()));
    port.on('error', (err: Error) =>
      this.#errors.emit(
        new TransportError(
          'read-failed',
          `Lỗi đọc cổng ${this.path}.`,
          `serial ${this.path}: ${err.message}`,
          { cause: err },
        ),
      ),
    );
    port.on('close', (err: (Error & { disconnected?: boolean }) | null) => {
      this.#port = null;
      if (!this.#closing || err?.disconnected) this.#disconnects.emit();
    });
    this.#port = port;
  }

  async close(): Promise<void> {
    const port = this.#port;
    if (!port) return;
    this.#closing = true;
    this.#port = null;
    if (!port.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  async write(bytes: Uint8Array, report: 'output' | 'feature' = 'output'): Promise<void> {
    if (report === 'feature')
      throw new TransportError(
        'unsupported',
        'Cổng COM không gửi được lệnh HID.',
        'feature report requested on a serial port',
      );
    const port = this.#port;
    if (!port?.isOpen)
      throw new TransportError(
        'not-open',
        `Cổng ${this.path} chưa mở.`,
        `write to closed serial ${this.path}`,
      );
    await new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(bytes), (err) => {
        if (err)
          return reject(
            new TransportError(
              'write-failed',
              `Không gửi được lệnh tới thiết bị ở cổng ${this.path}.`,
              `serial write: ${err.message}`,
              { cause: err },
            ),
          );
        // drain: resolve when the bytes have left the OS buffer, so a pull driver's timeout starts then.
        port.drain((e) =>
          e
            ? reject(
                new TransportError(
                  'write-failed',
                  `Không gửi được lệnh tới thiết bị ở cổng ${this.path}.`,
                  `serial drain: ${e.message}`,
                  { cause: e },
                ),
              )
            : resolve(),
        );
      });
    });
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
