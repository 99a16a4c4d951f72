/**
 * The device manager inside a real core (real SQLite): remembered devices are found, re-found after
 * a replug on another port, read through the real drivers, and their scans and readings reach the
 * resident lookup and the tray. The machine's port listing is the only thing faked (this machine
 * has no USB devices); serial over a real pty is in manager-pty.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '#contract/events.ts';
import { cccdFor, personInput } from '../../../../test/helpers/persons.ts';
import { makeSignedInCore, type TestCore } from '../../../../test/helpers/core.ts';
import { FakeTransport } from '../transports/fake.ts';
import type { PortInfo } from '../transports/list-ports.ts';
import { TransportError } from '../transport.ts';
import { vietnamWallClock } from '../measured-at.ts';
import { andFrame, hidPosReports } from '../simulator/frames.ts';
import { cccdQrText } from '../simulator/cards.ts';
import { createResponder } from '../simulator/responder.ts';
import type { DeviceSystem } from './manager.ts';

const SCALE: PortInfo = {
  transport: 'serial',
  path: 'COM3',
  name: 'USB-SERIAL CH340 (COM3)',
  vendorId: '1a86',
  productId: '7523',
  serialNumber: 'SC1',
  locationId: 'L1',
};
const SCANNER: PortInfo = {
  transport: 'hid',
  path: 'hid#pos',
  name: 'Honeywell — HID POS',
  vendorId: '0c2e',
  productId: '0b61',
  usagePage: 0x8c,
};
const OMRON: PortInfo = {
  transport: 'hid',
  path: 'hid#omron',
  name: 'Omron',
  vendorId: '0590',
  productId: '0028',
};

/** A machine whose ports the test plugs and unplugs. */
class FakeMachine implements DeviceSystem {
  ports: PortInfo[] = [];
  readonly opened = new Map<string, FakeTransport>();
  busy = new Set<string>();
  respond: ((b: Uint8Array, r: 'output' | 'feature') => Uint8Array[]) | undefined;
  async listPorts() {
    return { ports: [...this.ports], problems: [] };
  }
  openTransport(spec: { transport: 'serial' | 'hid'; path: string }) {
    const t = new FakeTransport({
      kind: spec.transport,
      path: spec.path,
      respond: spec.path === OMRON.path ? (b, r) => this.respond?.(b, r) ?? [] : undefined,
      failOpen: this.busy.has(spec.path)
        ? new TransportError('busy', `Cổng ${spec.path} đang bị chương trình khác dùng.`, 'EBUSY')
        : undefined,
    });
    this.opened.set(spec.path, t);
    return t;
  }
}

const open: TestCore[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) {
    await t.core.ctx.devices.stop();
    t.close();
  }
});

async function rig() {
  const machine = new FakeMachine();
  const t = await makeSignedInCore({ deviceSystem: machine });
  open.push(t);
  const heard: { name: EventName; payload: unknown }[] = [];
  t.core.events.subscribe((name, payload) => heard.push({ name, payload }));
  const until = async <T>(get: () => T | undefined | null | false, what: string): Promise<T> => {
    for (let i = 0; i < 300; i++) {
      const v = get();
      if (v) return v;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const events = <E extends EventName>(name: E) =>
    heard.filter((h) => h.name === name).map((h) => h.payload as never);
  /** The tray once it holds a reading (readings arrive asynchronously, as from a real port). */
  const tray = async () => {
    for (let i = 0; i < 300; i++) {
      const x = await t.ok('measurements.tray', {});
      if (x.length) return x;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('timed out waiting for a reading');
  };
  return { t, machine, heard, until, events, tray, devices: t.core.ctx.devices };
}

const remember = (p: PortInfo) => ({
  vendorId: p.vendorId ?? null,
  productId: p.productId ?? null,
  serialNumber: p.serialNumber ?? null,
  location: p.locationId ?? null,
  path: p.path,
});

describe('device manager', () => {
  it('waits for an unplugged scale, connects when it is plugged in, takes its stable weight into the tray, and re-finds it on another COM port', async () => {
    const { t, machine, devices, until, events, tray } = await rig();
    const saved = await t.ok('devices.save', {
      name: 'Cân sức khoẻ',
      role: 'scale',
      driver: 'scale-and',
      transport: 'serial',
      match: remember(SCALE),
    });
    devices.start();
    await devices.poll();
    expect((await t.ok('devices.list', {})).devices[0].state).toMatchObject({ status: 'waiting' });

    machine.ports = [SCALE];
    await devices.poll();
    expect((await t.ok('devices.list', {})).devices[0].state).toMatchObject({
      status: 'connected',
      path: 'COM3',
    });
    const scale = machine.opened.get('COM3')!;
    for (const kg of [20.1, 55.7, 58.4, 58.4, 58.4])
      scale.inject(andFrame({ kg, header: kg === 58.4 ? 'ST' : 'US' }));
    const weighed = await tray();
    expect(weighed).toHaveLength(1);
    expect(weighed[0]).toMatchObject({
      device: 'Cân sức khoẻ',
      driver: 'scale-and',
      kind: 'weight',
      status: 'tray',
      stale: false,
      measuredAt: null,
    });
    expect(weighed[0].values.weightKg).toBe(58.4);
    expect(weighed[0].raw).toMatch(/^53 54 2c 47 53/); // "ST,GS": the frame is kept as provenance
    expect(events<'device.reading'>('device.reading')).toHaveLength(1);

    // Unplugged, then plugged into another socket: a new COM number, found by USB ids + serial number.
    scale.simulateDisconnect();
    await until(() => devices.list().devices[0].state.status === 'waiting', 'the unplug');
    machine.ports = [{ ...SCALE, path: 'COM7', locationId: 'L2' }];
    await devices.poll();
    expect(devices.list().devices[0].state).toMatchObject({
      id: saved.id,
      status: 'connected',
      path: 'COM7',
    });
    const statuses = events<'device.status'>('device.status').map((e: { status: string }) => e.status);
    // Connection changes, plus the driver's own "settling" status while the person stood still.
    expect(statuses.filter((s) => s !== 'waiting-stable')).toEqual(['connected', 'waiting', 'connected']);
    expect(statuses).toContain('waiting-stable');
  });

  it('reports a port held by another program in Vietnamese, and connects once it is free', async () => {
    const { t, machine, devices } = await rig();
    await t.ok('devices.save', {
      name: 'Cân',
      role: 'scale',
      driver: 'scale-and',
      transport: 'serial',
      match: remember(SCALE),
    });
    machine.ports = [SCALE];
    machine.busy.add('COM3');
    devices.start();
    await devices.poll();
    expect(devices.list().devices[0].state).toMatchObject({
      status: 'error',
      message: expect.stringContaining('đang bị chương trình khác dùng'),
    });
    machine.busy.clear();
    await devices.poll();
    expect(devices.list().devices[0].state.status).toBe('connected');
  });

  it('a CCCD scanned on a HID POS scanner finds the resident; an unknown card comes back for registration', async () => {
    const { t, machine, devices, until, events } = await rig();
    const cccd = cccdFor('F', 1958, '004321');
    const p = await t.ok('persons.create', {
      person: personInput({
        fullName: 'Trần Thị Bích',
        sex: 'F',
        birthDate: '1958-02-03',
        identifiers: [{ kind: 'cccd', value: cccd }],
      }),
    });
    await t.ok('devices.save', {
      name: 'Máy quét',
      role: 'scanner',
      driver: 'scanner-hidpos-a',
      transport: 'hid',
      match: remember(SCANNER),
    });
    machine.ports = [SCANNER];
    devices.start();
    await devices.poll();
    const scanner = machine.opened.get(SCANNER.path)!;
    for (const r of hidPosReports(
      `${cccdQrText({ cccd, fullName: 'Trần Thị Bích', birthDate: '1958-02-03', sex: 'F' })}\r\n`,
      { layout: 'A' },
    ))
      scanner.inject(r);
    const found = (await until(() => events<'device.scan'>('device.scan')[0], 'the scan')) as {
      personId: string;
      kind: string;
      device: string;
    };
    expect(found).toMatchObject({ kind: 'cccd', personId: p.id, device: 'Máy quét' });

    const stranger = cccdFor('M', 1990, '777777');
    for (const r of hidPosReports(
      `${cccdQrText({ cccd: stranger, fullName: 'Lý Văn Đức', birthDate: '1990-07-01', sex: 'M' })}\r\n`,
      { layout: 'A' },
    ))
      scanner.inject(r);
    const unknown = (await until(() => events<'device.scan'>('device.scan')[1], 'the second scan')) as {
      personId: null;
      card: { fullName: string; cccd: string };
    };
    expect(unknown).toMatchObject({ personId: null, card: { fullName: 'Lý Văn Đức', cccd: stranger } });
  });

  it('downloads the newest reading from an Omron monitor when it is plugged in; an old one needs confirmation and is never taken twice', async () => {
    const { t, machine, devices, tray } = await rig();
    const p = await t.ok('persons.create', { person: personInput() });
    const visit = await t.ok('visits.start', { personId: p.id });
    // The exam is on screen when the monitor is plugged in: what it sends belongs to this exam.
    await t.ok('visits.focus', { id: visit.id });
    const wall = (msAgo: number) => vietnamWallClock(Date.now() - msAgo);
    const responder = createResponder('bp-omron-it', {
      readings: [{ systolic: 152, diastolic: 94, pulse: 80, measuredAt: wall(3 * 3_600_000) }],
    })!;
    machine.respond = (b, r) => responder.respond(b, r);
    const bp = await t.ok('devices.save', {
      name: 'Omron',
      role: 'bp',
      driver: 'bp-omron-it',
      transport: 'hid',
      match: remember(OMRON),
    });
    machine.ports = [OMRON];
    devices.start();
    await devices.poll();
    const downloaded = await tray();
    expect(downloaded[0]).toMatchObject({
      kind: 'bp',
      stale: true,
      values: { systolic: 152, diastolic: 94, pulse: 80 },
    });
    const refused = await t.call('measurements.apply', { id: downloaded[0].id, visitId: visit.id });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('không phải vừa đo') },
    });
    await t.ok('devices.test', { id: bp.id });
    expect(await t.ok('measurements.tray', {})).toHaveLength(1);
    const applied = await t.ok('measurements.apply', {
      id: downloaded[0].id,
      visitId: visit.id,
      confirmStale: true,
    });
    expect(applied).toMatchObject({ status: 'attached', visitId: visit.id });
  });

  it('a reading that arrives while an import holds the database waits for it, and survives its rollback', async () => {
    const { t, machine, devices, tray } = await rig();
    await t.ok('devices.save', {
      name: 'Cân',
      role: 'scale',
      driver: 'scale-and',
      transport: 'serial',
      match: remember(SCALE),
    });
    machine.ports = [SCALE];
    devices.start();
    await devices.poll();
    const scale = machine.opened.get('COM3')!;
    const store = t.core.ctx.store.raw;
    // A long job: its own transaction, which fails and is rolled back.
    await t.core.ctx.jobs
      .run('import', async () => {
        store.exec('BEGIN IMMEDIATE');
        for (let i = 0; i < 3; i++) scale.inject(andFrame({ kg: 61.5 }));
        await new Promise((r) => setTimeout(r, 100));
        expect(store.prepare('SELECT count(*) FROM measurements').pluck().get()).toBe(0);
        store.exec('ROLLBACK');
        throw new Error('disk full');
      })
      .catch(() => undefined);
    const [m] = await tray();
    expect(m.values.weightKg).toBe(61.5);
  });
});
