/**
 * An in-memory transport for unit tests and demos: inject device bytes, record what the host
 * wrote, simulate an unplug or a read error. An optional `respond` function plays the device
 * (see simulator/responder.ts), answering each write.
 */
import { Listeners, TransportError, type Transport, type Unsubscribe } from '../transport.ts';

export interface FakeWrite {
  bytes: Uint8Array;
  report: 'output' | 'feature';
}

export interface FakeTransportOptions {
  kind?: 'serial' | 'hid';
  path?: string;
  /** Device answers to each write, delivered after `write` resolves (as a real device would). */
  respond?: (bytes: Uint8Array, report: 'output' | 'feature') => Uint8Array[];
  /** Time stamp for injected chunks; default Date.now. */
  now?: () => number;
  /** Make `open()` fail with this error. */
  failOpen?: TransportError;
}

export class FakeTransport implements Transport {
  readonly kind: 'serial' | 'hid';
  readonly path: string;
  readonly writes: FakeWrite[] = [];
  #open = false;
  readonly #data = new Listeners<[Uint8Array, number]>();
  readonly #errors = new Listeners<[TransportError]>();
  readonly #disconnects = new Listeners<[]>();
  readonly #options: FakeTransportOptions;

  constructor(options: FakeTransportOptions = {}) {
    this.kind = options.kind ?? 'serial';
    this.path = options.path ?? 'FAKE0';
    this.#options = options;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  async open(): Promise<void> {
    if (this.#options.failOpen) throw this.#options.failOpen;
    this.#open = true;
  }

  async close(): Promise<void> {
    this.#open = false;
  }

  async write(bytes: Uint8Array, report: 'output' | 'feature' = 'output'): Promise<void> {
    if (!this.#open)
      throw new TransportError('not-open', 'Thiết bị chưa được mở.', `write to closed fake ${this.path}`);
    if (report === 'feature' && this.kind !== 'hid')
      throw new TransportError(
        'unsupported',
        'Cổng này không hỗ trợ lệnh HID.',
        'feature report on a serial fake',
      );
    this.writes.push({ bytes: Uint8Array.from(bytes), report });
    const answers = this.#options.respond?.(bytes, report) ?? [];
    if (answers.length) queueMicrotask(() => answers.forEach((a) => this.inject(a)));
  }

  /** Delivers bytes as if the device sent them. */
  inject(chunk: Uint8Array, at?: number): void {
    if (!this.#open) return;
    this.#data.emit(Uint8Array.from(chunk), at ?? (this.#options.now ?? Date.now)());
  }

  simulateError(error: TransportError): void {
    this.#errors.emit(error);
  }

  simulateDisconnect(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#disconnects.emit();
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
