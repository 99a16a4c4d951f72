/**
 * Integration: the real `serialport` over socat pseudo-terminal pairs. The host end runs a
 * SerialTransport + driver exactly as the app will; the device end is written by the simulator
 * (frames, or a responder answering commands). Needs socat (installed by `npm test` on Debian).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { asciiBytes } from './bytes.ts';
import { parseCard } from './cards/detect.ts';
import { createDriver, driverInfo } from './drivers/index.ts';
import type { DriverEvent, ReadingEvent, ScanEvent } from './events.ts';
import { attachDriver, type DriverSession } from './session.ts';
import { andFrame, chunked, serialScanBytes, toledoFrame, type SimBpReading } from './simulator/frames.ts';
import { openPtyPair, type PtyPair } from './simulator/pty-pair.ts';
import { createResponder, serveResponder } from './simulator/responder.ts';
import { SERIAL_8N1_9600, type SerialSettings } from './settings.ts';
import { SerialTransport } from './transports/serial.ts';

const open: { pair: PtyPair; host: SerialTransport; device: SerialTransport; session?: DriverSession }[] = [];

afterEach(async () => {
  for (const o of open.splice(0)) {
    o.session?.stop();
    await o.host.close();
    await o.device.close();
    await o.pair.close();
  }
});

async function rig(driverId: string, options: Record<string, unknown> = {}) {
  const pair = await openPtyPair();
  const settings = (driverInfo(driverId)?.serialSettings ?? SERIAL_8N1_9600) as SerialSettings;
  const host = new SerialTransport({ path: pair.hostPath, settings });
  const device = new SerialTransport({ path: pair.devicePath, settings });
  await host.open();
  await device.open();
  const made = createDriver(driverId, options);
  if (!made.ok) throw new Error(made.error);
  const events: DriverEvent[] = [];
  const entry: (typeof open)[number] = { pair, host, device };
  open.push(entry);
  entry.session = attachDriver(host, made.driver, { onEvent: (e) => events.push(e) });
  return { host, device, events, session: entry.session };
}

async function until<T>(get: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting for the device');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const firstReading = (events: DriverEvent[]) => () =>
  events.find((e): e is ReadingEvent => e.type === 'reading');

describe('serial devices over socat pty pairs (real serialport)', () => {
  it('A&D scale: a settling stream gives one stable reading', async () => {
    const { device, events } = await rig('scale-and');
    for (const f of [
      andFrame({ kg: 40.2, header: 'US' }),
      andFrame({ kg: 71.9, header: 'US' }),
      andFrame({ kg: 72.5 }),
      andFrame({ kg: 72.5 }),
      andFrame({ kg: 72.5 }),
    ]) {
      await device.write(f);
      await sleep(30);
    }
    const r = await until(firstReading(events));
    expect(r.reading).toEqual({ kind: 'weight', kg: 72.5, stable: true });
    await sleep(100);
    expect(events.filter((e) => e.type === 'reading')).toHaveLength(1);
  });

  it('serial scanner: a CCCD QR written in pieces decodes to "Lê Văn Lương"', async () => {
    const { device, events } = await rig('scanner-serial');
    const payload =
      '089202017098|352576714|Lê Văn Lương|23052002|Nam|Tổ 10 Ấp An Thái, Hòa Bình, Chợ Mới, An Giang|31122021';
    for (const c of chunked(serialScanBytes(payload, '\r\n'), [7, 29, 3, 50])) {
      await device.write(c);
      await sleep(2);
    }
    const scan = await until(() => events.find((e): e is ScanEvent => e.type === 'scan'));
    expect(scan.text).toBe(payload);
    expect(parseCard(scan.text, { now: new Date('2026-11-22T01:00:00Z') }).result.card).toMatchObject({
      fullName: 'Lê Văn Lương',
      cccd: '089202017098',
      sex: 'M',
    });
  });

  it('Beurer BM65 (serial): the driver downloads the memory from a responder and reports the newest reading', async () => {
    const history: SimBpReading[] = [
      { systolic: 120, diastolic: 78, pulse: 66, measuredAt: '2026-11-20T18:02' },
      { systolic: 142, diastolic: 91, pulse: 80, measuredAt: '2026-11-22T07:40' },
      { systolic: 133, diastolic: 84, pulse: 71, measuredAt: '2026-11-21T07:15' },
    ];
    const { device, events, session } = await rig('bp-beurer-serial');
    const responder = createResponder('bp-beurer-serial', { readings: history });
    if (!responder) throw new Error('no responder');
    serveResponder(device, responder);
    await session.start();
    const r = await until(firstReading(events));
    expect(r.reading).toEqual({
      kind: 'bp',
      systolic: 142,
      diastolic: 91,
      pulse: 80,
      measuredAt: '2026-11-22T07:40:00',
      flags: [],
      recordsOnDevice: 3,
    });
  });

  it('Mettler MT-SICS: asks "S", gets "S I", asks again, reads the weight', async () => {
    const { device, events, session } = await rig('scale-mt-sics');
    const responder = createResponder('scale-mt-sics', { sicsReplies: ['S I', { stable: true, kg: 58.25 }] });
    if (!responder) throw new Error('no responder');
    serveResponder(device, responder);
    await session.start();
    expect((await until(firstReading(events))).reading).toEqual({ kind: 'weight', kg: 58.25, stable: true });
  });

  it('Toledo continuous: motion frames then a stable weight', async () => {
    const { device, events } = await rig('scale-toledo-continuous');
    for (const f of [
      toledoFrame({ kg: 63.1, motion: true }),
      toledoFrame({ kg: 64.5 }),
      toledoFrame({ kg: 64.5 }),
    ]) {
      await device.write(f);
      await sleep(40);
    }
    expect((await until(firstReading(events))).reading).toMatchObject({ kg: 64.5 });
    expect(events[0]).toMatchObject({ type: 'status', code: 'waiting-stable' });
  });

  it('reports a device that never answers, and an unknown port', async () => {
    const { events, session } = await rig('bp-beurer-serial');
    await session.start();
    const e = await until(() => events.find((x) => x.type === 'error'), 8000);
    expect(e).toMatchObject({ code: 'no-response' });
    const missing = new SerialTransport({ path: '/nonexistent/ttyHSSK', settings: SERIAL_8N1_9600 });
    await expect(missing.open()).rejects.toMatchObject({ code: 'not-found' });
  });

  it('tells the host when the other end goes away (noticed at the next write)', async () => {
    const pair = await openPtyPair();
    const host = new SerialTransport({ path: pair.hostPath, settings: SERIAL_8N1_9600 });
    await host.open();
    let gone = false;
    host.onDisconnect(() => (gone = true));
    host.onError(() => undefined);
    await pair.close();
    // A pty hang-up is not seen by the read loop; the next write fails and closes the port. (A USB
    // adapter pulled out is reported by serialport itself as a "disconnected" close.)
    await expect(host.write(asciiBytes('S\r\n'))).rejects.toMatchObject({
      code: expect.stringMatching(/not-open|write-failed/),
    });
    await until(() => (gone ? true : undefined), 2000);
    expect(host.isOpen).toBe(false);
    await host.close();
  });
});
