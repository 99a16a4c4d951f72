/**
 * The simulator switch end to end in the core, a scale on a real serial port (socat pty, real
 * serialport) configured by path as district IT would type it, and the checks on saving a device.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cccdFor, personInput } from '../../../../test/helpers/persons.ts';
import { makeSignedInCore, type TestCore } from '../../../../test/helpers/core.ts';
import { SerialTransport } from '../transports/serial.ts';
import { openPtyPair, type PtyPair } from '../simulator/pty-pair.ts';
import { playFrames, scenarioFrames } from '../simulator/scenarios.ts';
import { SERIAL_8N1_9600 } from '../settings.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function core(): Promise<TestCore> {
  // No USB devices are listed (as on this machine): only typed-in and simulated devices exist.
  const t = await makeSignedInCore({
    deviceSystem: {
      listPorts: async () => ({ ports: [], problems: [] }),
      openTransport: (spec) =>
        new SerialTransport({
          path: spec.path,
          settings: spec.transport === 'serial' ? spec.settings : SERIAL_8N1_9600,
        }),
    },
  });
  cleanup.push(async () => {
    await t.core.ctx.devices.stop();
    t.close();
  });
  return t;
}

const waitFor = async <T>(get: () => Promise<T | undefined>, what: string): Promise<T> => {
  for (let i = 0; i < 500; i++) {
    const v = await get();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('simulator switch', () => {
  it('adds three connected virtual devices whose scan, blood pressure and weight go through the real drivers', async () => {
    const t = await core();
    await expect(t.call('devices.simulate', { what: 'bp' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('Bật chế độ mô phỏng') },
    });
    const list = await t.ok('devices.setSimulator', { enabled: true });
    expect(list.simulator).toBe(true);
    expect(list.devices.map((d) => [d.config.role, d.state.status, d.state.simulated])).toEqual([
      ['scanner', 'connected', true],
      ['bp', 'connected', true],
      ['scale', 'connected', true],
    ]);

    const scans: unknown[] = [];
    t.core.events.subscribe((name, payload) => name === 'device.scan' && scans.push(payload));
    const cccd = cccdFor('M', 1955, '010203');
    const p = await t.ok('persons.create', {
      person: personInput({
        fullName: 'Đỗ Văn Hùng',
        birthDate: '1955-04-01',
        identifiers: [{ kind: 'cccd', value: cccd }],
      }),
    });
    // Only the number is given: the simulated card carries the resident's own name and birth date.
    await t.ok('devices.simulate', { what: 'cccd', values: { cccd } });
    await waitFor(async () => (scans.length ? scans : undefined), 'the scan');
    expect(scans[0]).toMatchObject({
      kind: 'cccd',
      personId: p.id,
      warnings: [],
      card: { fullName: 'Đỗ Văn Hùng', birthDate: '1955-04-01' },
    });

    await t.ok('devices.simulate', { what: 'bp', values: { systolic: 146, diastolic: 91, pulse: 77 } });
    await t.ok('devices.simulate', { what: 'scale', values: { kg: 63.5 } });
    const tray = await waitFor(async () => {
      const x = await t.ok('measurements.tray', {});
      return x.length === 2 ? x : undefined;
    }, 'two readings');
    const bp = tray.find((m) => m.kind === 'bp')!;
    expect(bp).toMatchObject({
      driver: 'bp-omron-it',
      stale: false,
      values: { systolic: 146, diastolic: 91, pulse: 77 },
    });
    expect(bp.measuredAt).not.toBeNull();
    expect(tray.find((m) => m.kind === 'weight')?.values.weightKg).toBe(63.5);

    // Weighed twice: taking the second weight retires the first, so it is never offered to the next patient.
    const visit = await t.ok('visits.start', { personId: p.id });
    await t.ok('visits.focus', { id: visit.id });
    await t.ok('devices.simulate', { what: 'scale', values: { kg: 63.9 } });
    const both = await waitFor(async () => {
      const x = (await t.ok('measurements.tray', {})).filter((m) => m.kind === 'weight');
      return x.length === 2 ? x : undefined;
    }, 'the second weight');
    const newest = both.find((m) => m.values.weightKg === 63.9)!;
    await t.ok('measurements.apply', { id: newest.id, visitId: visit.id });
    expect((await t.ok('measurements.tray', {})).map((m) => m.kind)).toEqual(['bp']);

    const off = await t.ok('devices.setSimulator', { enabled: false });
    expect(off).toEqual({ devices: [], simulator: false });
  });

  it('an old reading in the monitor memory arrives marked stale', async () => {
    const t = await core();
    await t.ok('devices.setSimulator', { enabled: true });
    await t.ok('devices.simulate', { what: 'bp', values: { systolic: 120, diastolic: 80, minutesAgo: 180 } });
    const [m] = await waitFor(async () => {
      const x = await t.ok('measurements.tray', {});
      return x.length ? x : undefined;
    }, 'the reading');
    expect(m.stale).toBe(true);
  });
});

describe('a scale on a real serial port, configured by path', () => {
  it('connects to the typed-in port and takes the stable weight written by the simulator at the far end', async () => {
    let pair: PtyPair;
    try {
      pair = await openPtyPair();
    } catch (e) {
      throw new Error(`socat is needed for this test (npm test installs it): ${String(e)}`, { cause: e });
    }
    cleanup.push(() => pair.close());
    const t = await core();
    const saved = await t.ok('devices.save', {
      name: 'Cân A&D',
      role: 'scale',
      driver: 'scale-and',
      transport: 'serial',
      match: { vendorId: null, productId: null, serialNumber: null, location: null, path: pair.hostPath },
      port: { baudRate: 2400, dataBits: 7, parity: 'even', stopBits: 1 },
    });
    t.core.ctx.devices.start();
    await waitFor(
      async () =>
        (await t.ok('devices.list', {})).devices[0].state.status === 'connected' ? true : undefined,
      'the connection',
    );
    const frames: unknown[] = [];
    t.core.events.subscribe((name, payload) => name === 'device.frame' && frames.push(payload));

    const far = new SerialTransport({ path: pair.devicePath, settings: SERIAL_8N1_9600 });
    await far.open();
    cleanup.push(() => far.close());
    const scenario = scenarioFrames('scale-and', { kind: 'weight', kg: 71.2 });
    if (!scenario.ok) throw new Error(scenario.error);
    await playFrames(far, scenario.frames);
    const [m] = await waitFor(async () => {
      const x = await t.ok('measurements.tray', {});
      return x.length ? x : undefined;
    }, 'the weight');
    expect(m).toMatchObject({ device: 'Cân A&D', kind: 'weight', values: { weightKg: 71.2 } });
    // The live monitor saw the raw frames and what the driver made of them.
    await waitFor(
      async () =>
        frames.some((f) => String((f as { decoded: string }).decoded).includes('71.2')) ? true : undefined,
      'the monitor frame',
    );
    expect(frames[0]).toMatchObject({
      id: saved.id,
      hex: expect.stringMatching(/^[0-9a-f]{2}( [0-9a-f]{2})*$/),
    });
  });
});

describe('saving a device', () => {
  it('refuses a configuration that cannot work, with the reason in Vietnamese', async () => {
    const t = await core();
    const base = {
      name: 'Máy',
      role: 'scale' as const,
      transport: 'serial' as const,
      match: { vendorId: null, productId: null, serialNumber: null, location: null, path: 'COM3' },
    };
    expect(await t.call('devices.save', { ...base, driver: 'bp-omron-it' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('không dùng được với cổng') },
    });
    expect(
      await t.call('devices.save', { ...base, driver: 'custom-line', pattern: '(?<weight>[' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(
      await t.call('devices.save', { ...base, driver: 'scale-and', match: { ...base.match, path: null } }),
    ).toMatchObject({ ok: false, error: { message: expect.stringContaining('Chọn cổng') } });
    expect(await t.call('devices.save', { ...base, driver: 'nope' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('Không có trình điều khiển') },
    });
    const ok = await t.ok('devices.save', {
      ...base,
      driver: 'custom-line',
      pattern: '^W:(?<weight>[\\d.]+)kg$',
    });
    expect(ok.pattern).toBe('^W:(?<weight>[\\d.]+)kg$');
    const audit = await t.ok('audit.list', { limit: 5 });
    expect(JSON.stringify(audit)).toContain('device.add');
  });
});
