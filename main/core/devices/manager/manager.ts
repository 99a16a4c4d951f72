/**
 * The device manager: keeps every remembered device connected. It lists the ports, re-finds each
 * device (port-match.ts), opens it with its driver and hands the driver's events to the intake.
 * Hot-plug is a poll: while any device is missing, the ports are listed every couple of seconds
 * (node-hid and serialport have no portable plug events), and an unplugged device goes back to
 * "waiting" until it reappears. The simulator switch adds virtual devices on the same path.
 */
import type { DetectedPort, DeviceConfig, DeviceList, DeviceState } from '#contract/ops/devices.ts';
import type { CoreContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { createDriver, driverInfo, suggestDrivers } from '../drivers/index.ts';
import {
  HID_USAGE_PAGE_BARCODE,
  listPorts as listSystemPorts,
  type PortInfo,
  type PortListing,
} from '../transports/list-ports.ts';
import { createTransport, type TransportSpec } from '../transports/index.ts';
import type { Transport } from '../transport.ts';
import type { DriverEvent } from '../events.ts';
import { listDeviceConfigs, driverOptions } from './config-store.ts';
import { DeviceConnection } from './connection.ts';
import { describeEvent, takeEvent } from './intake.ts';
import { FrameMonitor } from './monitor.ts';
import { findPort, portLocation } from './port-match.ts';
import type { DeviceService, SimulatedWhat } from '../service.ts';
import { SIMULATED_DEVICES, SimulatedBench } from './simulated.ts';

/** What the manager needs from the machine; tests give fakes, the app the real ports. */
export interface DeviceSystem {
  listPorts(): Promise<PortListing>;
  openTransport(spec: TransportSpec): Transport;
}

export const systemDevices: DeviceSystem = {
  listPorts: () => listSystemPorts(),
  openTransport: (spec) => createTransport(spec),
};

type ManagerContext = Pick<CoreContext, 'store' | 'clock' | 'events' | 'log' | 'jobs' | 'exams'>;

export class DeviceManager implements DeviceService {
  readonly #ctx: ManagerContext;
  readonly #system: DeviceSystem;
  readonly #pollMs: number;
  readonly #monitor: FrameMonitor;
  #configs: DeviceConfig[] = [];
  readonly #connections = new Map<string, DeviceConnection>();
  #timer: ReturnType<typeof setInterval> | null = null;
  #polling: Promise<void> | null = null;
  #bench: SimulatedBench | null = null;
  #stopped = false;
  /** Events waiting for a long job to release the database, and the chain that delivers them in order. */
  #queued = 0;
  #intake: Promise<void> = Promise.resolve();

  constructor(ctx: ManagerContext, system: DeviceSystem = systemDevices, options: { pollMs?: number } = {}) {
    this.#ctx = ctx;
    this.#system = system;
    this.#pollMs = options.pollMs ?? 2000;
    this.#monitor = new FrameMonitor(ctx.events);
  }

  /** Starts watching for the remembered devices (hosts with a UI call this; the CLI does not). */
  start(): void {
    if (this.#timer) return;
    this.#stopped = false;
    this.#reload();
    this.#timer = setInterval(() => void this.poll(), this.#pollMs);
    this.#timer.unref?.();
    void this.poll();
  }

  get started(): boolean {
    return this.#timer !== null;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    // disconnect() detaches the drivers at once, so no event reaches the database after this call.
    const closing = [...this.#connections.values()].map((c) => c.disconnect());
    this.#connections.clear();
    this.#bench = null;
    this.#monitor.stop();
    await Promise.all(closing);
    await this.#polling;
  }

  #connection(config: DeviceConfig, simulated = false): DeviceConnection {
    let c = this.#connections.get(config.id);
    if (!c) {
      const device = { id: config.id, name: config.name, driver: config.driver };
      c = new DeviceConnection(
        config.id,
        {
          onEvent: (e) => {
            this.#monitor.decoded(config.id, describeEvent(e), e.receivedAt);
            this.#deliver(device, e);
          },
          onBytes: (chunk, at) => this.#monitor.bytes(config.id, chunk, at),
          onState: (s) => {
            this.#ctx.events.emit('device.status', { id: s.id, status: s.status, message: s.message });
            this.#ctx.events.emit('system.changed', { reason: 'devices' });
          },
        },
        this.#ctx.log,
        { simulated, enabled: config.enabled },
      );
      this.#connections.set(config.id, c);
    }
    return c;
  }

  /**
   * Hands a driver event to the intake in arrival order. While a long job (an import) holds the
   * database in its own transaction, a reading waits for it to finish: written meanwhile, it would
   * be committed — or rolled back — with the job's transaction.
   */
  #deliver(device: { id: string; name: string; driver: string }, e: DriverEvent): void {
    const take = () => takeEvent(this.#ctx, device, e);
    if (!this.#ctx.jobs.running && this.#queued === 0) {
      take();
      return;
    }
    this.#queued += 1;
    this.#intake = this.#intake
      .then(() => this.#ctx.jobs.whenFree())
      .then(() => {
        this.#queued -= 1;
        if (!this.#stopped) take();
      });
  }

  /** Re-reads the remembered devices: a changed or removed device is closed, a new one is looked for. */
  #reload(): void {
    const before = new Map(this.#configs.map((c) => [c.id, JSON.stringify(c)]));
    this.#configs = listDeviceConfigs(this.#ctx);
    const now = new Set(this.#configs.map((c) => c.id));
    for (const [id, conn] of this.#connections) {
      if (id.startsWith('sim-')) continue;
      const cfg = this.#configs.find((c) => c.id === id);
      if (!now.has(id) || before.get(id) !== JSON.stringify(cfg)) {
        void conn.disconnect();
        this.#connections.delete(id);
      }
    }
    for (const c of this.#configs) this.#connection(c);
  }

  /** After a save or removal: apply it now rather than at the next poll. */
  async refresh(): Promise<void> {
    this.#reload();
    if (this.started) await this.poll();
  }

  /** One hot-plug pass: lists the ports only when some enabled device is not connected. */
  poll(): Promise<void> {
    this.#polling ??= this.#pollOnce().finally(() => (this.#polling = null));
    return this.#polling;
  }

  async #pollOnce(): Promise<void> {
    const missing = this.#configs.filter((c) => c.enabled && !this.#connections.get(c.id)?.connected);
    if (missing.length === 0 || this.#stopped) return;
    const { ports } = await this.#system.listPorts();
    const taken = new Set([...this.#connections.values()].flatMap((c) => (c.path ? [c.path] : [])));
    for (const config of missing) {
      if (this.#stopped) return;
      const conn = this.#connection(config);
      const usagePage =
        driverInfo(config.driver)?.kind === 'scanner' && config.transport === 'hid'
          ? HID_USAGE_PAGE_BARCODE
          : undefined;
      const port =
        findPort(config.match, config.transport, ports, { taken, usagePage }) ??
        this.#unlistedPath(config, ports);
      if (!port) {
        if (conn.state.status !== 'waiting') conn.idle('waiting');
        continue;
      }
      const driver = createDriver(config.driver, driverOptions(config));
      if (!driver.ok) {
        conn.idle('error', driver.error);
        continue;
      }
      const spec: TransportSpec =
        config.transport === 'serial'
          ? { transport: 'serial', path: port.path, settings: { ...config.port } }
          : { transport: 'hid', path: port.path };
      if (await conn.connect(this.#system.openTransport(spec), driver.driver)) taken.add(port.path);
      if (this.#stopped) await conn.disconnect();
    }
  }

  /**
   * A serial path typed in by hand may not be listed (a virtual port, a machine without udev):
   * try it anyway; opening it tells whether it exists.
   */
  #unlistedPath(config: DeviceConfig, ports: readonly PortInfo[]): PortInfo | null {
    const path = config.match.path;
    if (config.transport !== 'serial' || !path || config.match.vendorId || ports.some((p) => p.path === path))
      return null;
    return { transport: 'serial', path, name: path };
  }

  #stateOf(config: DeviceConfig): DeviceState {
    return this.#connections.get(config.id)?.state ?? this.#connection(config).state;
  }

  list(): DeviceList {
    if (!this.started && this.#configs.length === 0) this.#reload();
    const devices = [...this.#configs, ...(this.#bench ? SIMULATED_DEVICES : [])].map((config) => ({
      config,
      state: this.#stateOf(config),
    }));
    return { devices, simulator: this.#bench !== null };
  }

  /** Connected / configured counts for the status bar. */
  summary(): { connected: number; configured: number } {
    const list = this.list().devices.filter((d) => d.config.enabled);
    return { connected: list.filter((d) => d.state.status === 'connected').length, configured: list.length };
  }

  async detect(): Promise<{ ports: DetectedPort[]; problems: string[] }> {
    const { ports, problems } = await this.#system.listPorts();
    if (problems.length) this.#ctx.log.info('some ports could not be listed', { problems });
    const configured = new Map(
      [...this.#connections.values()].flatMap((c) => (c.path ? [[c.path, c.id] as const] : [])),
    );
    return {
      ports: ports.map((p) => ({
        transport: p.transport,
        path: p.path,
        name: p.name,
        vendorId: p.vendorId ?? null,
        productId: p.productId ?? null,
        serialNumber: p.serialNumber ?? null,
        location: portLocation(p),
        hidPos: p.usagePage === HID_USAGE_PAGE_BARCODE,
        configuredAs: configured.get(p.path) ?? null,
        suggested: suggestDrivers(p).map((d) => d.id),
      })),
      // The UI says "no ports found" in Vietnamese; the English reasons are for the log.
      problems: problems.length
        ? ['Không liệt kê được một số cổng trên máy này; có thể nhập đường dẫn cổng bằng tay (ví dụ COM3).']
        : [],
    };
  }

  /** The test button: reconnects now, and a monitor downloads its newest reading again. */
  async test(id: string): Promise<DeviceState> {
    const conn = this.#connections.get(id);
    if (!conn) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy thiết bị.' });
    if (conn.connected) await conn.request();
    else {
      if (!this.#configs.some((c) => c.id === id && c.enabled)) return conn.state;
      await this.poll();
    }
    return conn.state;
  }

  async setSimulator(enabled: boolean): Promise<DeviceList> {
    if (enabled && !this.#bench) {
      const bench = new SimulatedBench(() => this.#ctx.clock().getTime());
      this.#bench = bench;
      for (const config of SIMULATED_DEVICES) {
        const driver = createDriver(config.driver);
        const transport = bench.transports.get(config.id);
        if (driver.ok && transport) await this.#connection(config, true).connect(transport, driver.driver);
      }
      this.#ctx.log.info('device simulator on');
    } else if (!enabled && this.#bench) {
      this.#bench = null;
      for (const config of SIMULATED_DEVICES) {
        await this.#connections.get(config.id)?.disconnect();
        this.#connections.delete(config.id);
      }
      this.#ctx.log.info('device simulator off');
    }
    this.#ctx.events.emit('system.changed', { reason: 'devices' });
    return this.list();
  }

  /**
   * A simulated card carries its holder's real name, birth date and sex when the number belongs to
   * a resident — as the real card would — so the scan reads like a real one, warnings included.
   */
  #cardHolderDetails(
    what: 'cccd' | 'bhyt',
    values: Record<string, string | number>,
  ): Record<string, string | number> {
    const number = values[what];
    if (number === undefined || values.fullName !== undefined) return values;
    const p = this.#ctx.store
      .prepare(
        `SELECT p.full_name, p.birth_date, p.sex FROM person_identifiers i JOIN persons p ON p.id = i.person_id WHERE i.kind = ? AND i.value = ?`,
      )
      .get(what, String(number).toUpperCase()) as
      { full_name: string; birth_date: string; sex: string } | undefined;
    return p ? { fullName: p.full_name, birthDate: p.birth_date, sex: p.sex, ...values } : values;
  }

  async simulate(what: SimulatedWhat, values: Record<string, string | number>): Promise<void> {
    if (!this.#bench)
      throw new AppError('CONFLICT', { message: 'Bật chế độ mô phỏng trước (màn hình Thiết bị).' });
    await this.#bench.play(
      what,
      what === 'cccd' || what === 'bhyt' ? this.#cardHolderDetails(what, values) : values,
      async (id) => {
        await this.#connections.get(id)?.request();
      },
    );
  }
}
