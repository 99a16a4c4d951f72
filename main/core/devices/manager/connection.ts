/**
 * One remembered device at run time: its transport and driver while it is plugged in, and the
 * status the "Thiết bị" screen and the status bar show (connected, waiting to be plugged in, or an
 * error with its reason). It forgets the transport when the device goes away; the manager finds the
 * device again on the next hot-plug poll.
 */
import type { DeviceState } from '#contract/ops/devices.ts';
import type { Logger } from '../../log.ts';
import type { Driver } from '../driver.ts';
import type { DriverEvent } from '../events.ts';
import { attachDriver, type DriverSession } from '../session.ts';
import { TransportError, type Transport } from '../transport.ts';

export interface ConnectionHooks {
  onEvent(event: DriverEvent): void;
  /** Raw bytes as they arrived, for the live monitor. */
  onBytes(chunk: Uint8Array, at: number): void;
  onState(state: DeviceState): void;
}

const WAITING = 'Chưa thấy thiết bị: cắm cáp USB và bật nguồn.';

export class DeviceConnection {
  readonly id: string;
  #state: DeviceState;
  #transport: Transport | null = null;
  #session: DriverSession | null = null;
  #driver: Driver | null = null;
  #offBytes: (() => void) | null = null;
  readonly #hooks: ConnectionHooks;
  readonly #log: Logger;

  constructor(
    id: string,
    hooks: ConnectionHooks,
    log: Logger,
    options: { simulated?: boolean; enabled?: boolean } = {},
  ) {
    this.id = id;
    this.#hooks = hooks;
    this.#log = log;
    this.#state = {
      id,
      status: options.enabled === false ? 'disabled' : 'waiting',
      message: options.enabled === false ? 'Đã tắt.' : WAITING,
      path: null,
      lastFrameAt: null,
      simulated: options.simulated ?? false,
    };
  }

  get state(): DeviceState {
    return this.#state;
  }

  get connected(): boolean {
    return this.#transport !== null;
  }

  get path(): string | null {
    return this.#transport?.path ?? null;
  }

  #set(patch: Partial<DeviceState>): void {
    const before = this.#state;
    this.#state = { ...before, ...patch };
    if (
      before.status !== this.#state.status ||
      before.message !== this.#state.message ||
      before.path !== this.#state.path
    ) {
      this.#hooks.onState(this.#state);
    }
  }

  /** Opens the transport and starts the driver (a monitor downloads its memory now). Never throws. */
  async connect(transport: Transport, driver: Driver): Promise<boolean> {
    await this.disconnect();
    try {
      await transport.open();
    } catch (e) {
      const err =
        e instanceof TransportError
          ? e
          : new TransportError('open-failed', 'Không mở được cổng thiết bị.', String(e));
      if (this.#state.status !== 'error' || this.#state.message !== err.userMessage) {
        this.#log.warn('device could not be opened', {
          device: this.id,
          path: transport.path,
          code: err.code,
          detail: err.message,
        });
      }
      this.#set({ status: 'error', message: err.userMessage, path: transport.path });
      return false;
    }
    this.#transport = transport;
    this.#driver = driver;
    this.#offBytes = transport.onData((chunk, at) => {
      this.#state = { ...this.#state, lastFrameAt: new Date(at).toISOString() };
      this.#hooks.onBytes(chunk, at);
    });
    this.#session = attachDriver(transport, driver, {
      onEvent: (e) => this.#hooks.onEvent(e),
      onTransportError: (e) => {
        this.#log.warn('device transport error', { device: this.id, code: e.code, detail: e.message });
        this.#set({ message: e.userMessage });
      },
      onDisconnect: () => {
        this.#log.info('device unplugged', { device: this.id, path: transport.path });
        this.#release();
        this.#set({
          status: 'waiting',
          message: 'Thiết bị vừa bị rút ra; sẽ tự kết nối lại khi cắm vào.',
          path: null,
        });
      },
    });
    this.#log.info('device connected', { device: this.id, path: transport.path, driver: driver.id });
    this.#set({ status: 'connected', message: 'Đã kết nối.', path: transport.path });
    await this.#session.start();
    return true;
  }

  /** Asks a pull device for its newest reading again (the test button, the simulator). */
  async request(): Promise<void> {
    if (!this.#session || !this.#driver) return;
    this.#driver.reset();
    await this.#session.start();
  }

  /** Shows a status without touching the port (e.g. "device not found", "disabled"). */
  idle(status: 'waiting' | 'disabled' | 'error', message = status === 'waiting' ? WAITING : 'Đã tắt.'): void {
    this.#set({ status, message, path: null });
  }

  #release(): void {
    this.#session?.stop();
    this.#offBytes?.();
    this.#session = null;
    this.#offBytes = null;
    this.#transport = null;
    this.#driver = null;
  }

  async disconnect(): Promise<void> {
    const t = this.#transport;
    this.#release();
    if (t) await t.close();
  }
}
