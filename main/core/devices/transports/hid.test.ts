import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes.ts';
import { HidPosScanner } from '../drivers/hid-pos-scanner.ts';
import type { ScanEvent } from '../events.ts';
import { hidPosReports } from '../simulator/frames.ts';
import { attachDriver } from '../session.ts';
import { TransportError } from '../transport.ts';
import { HidTransport, type HidDevice } from './hid.ts';

/** Stands in for node-hid's HIDAsync: there is no HID hardware on CI. */
class FakeHidDevice extends EventEmitter implements HidDevice {
  written: { kind: 'output' | 'feature'; bytes: number[] }[] = [];
  closed = false;
  async write(values: number[] | Buffer): Promise<number> {
    this.written.push({ kind: 'output', bytes: [...values] });
    return values.length;
  }
  async sendFeatureReport(data: number[] | Buffer): Promise<number> {
    this.written.push({ kind: 'feature', bytes: [...data] });
    return data.length;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

const LE_VAN_LUONG =
  '089202017098|352576714|Lê Văn Lương|23052002|Nam|Tổ 10 Ấp An Thái, Hòa Bình, Chợ Mới, An Giang|31122021';

describe('HID transport', () => {
  it('passes each input report whole, report id included, to a HID POS driver that joins them', async () => {
    const device = new FakeHidDevice();
    const t = new HidTransport({ path: '\\\\?\\hid#vid_0c2e&pid_0b61', open: async () => device });
    await t.open();
    const chunks: Uint8Array[] = [];
    t.onData((c) => chunks.push(c));
    const events: ScanEvent[] = [];
    const session = attachDriver(t, new HidPosScanner({ layout: 'A' }), {
      onEvent: (e) => e.type === 'scan' && events.push(e),
    });
    for (const r of hidPosReports(LE_VAN_LUONG, { layout: 'A' })) device.emit('data', Buffer.from(r));
    expect(chunks.map((c) => c.length)).toEqual([64, 64, 64]);
    expect(chunks[0][0]).toBe(0x02);
    expect(events.map((e) => e.text)).toEqual([LE_VAN_LUONG]);
    session.stop();
    await t.close();
    expect(device.closed).toBe(true);
  });

  it('writes output and feature reports as given (report id first)', async () => {
    const device = new FakeHidDevice();
    const t = new HidTransport({ path: 'p', open: async () => device });
    await t.open();
    await t.write(Uint8Array.of(0x00, 0x74, 0xbc), 'feature');
    await t.write(Uint8Array.of(0x00, 0x04, 0x12, 0x16, 0x18, 0x22, 0, 0, 0));
    expect(device.written).toEqual([
      { kind: 'feature', bytes: [0x00, 0x74, 0xbc] },
      { kind: 'output', bytes: [0x00, 0x04, 0x12, 0x16, 0x18, 0x22, 0, 0, 0] },
    ]);
  });

  it('turns a read error into an error and a disconnect, and refuses writes afterwards', async () => {
    const device = new FakeHidDevice();
    const t = new HidTransport({ path: 'p', open: async () => device });
    await t.open();
    const seen: string[] = [];
    t.onError((e) => seen.push(`error:${e.code}`));
    t.onDisconnect(() => seen.push('disconnect'));
    device.emit('error', new Error('could not read from HID device'));
    expect(seen).toEqual(['error:read-failed', 'disconnect']);
    expect(t.isOpen).toBe(false);
    await expect(t.write(Uint8Array.of(0))).rejects.toMatchObject({ code: 'not-open' });
  });

  it('classifies open failures with a Vietnamese message', async () => {
    const t = new HidTransport({
      path: 'p',
      open: async () => Promise.reject(new Error('cannot open device with path p')),
    });
    const err = await t.open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ code: 'open-failed' });
    expect((err as TransportError).userMessage).toMatch(/chế độ HID POS/);
    const gone = new HidTransport({
      path: 'q',
      open: async () => Promise.reject(new Error('ENOENT: no such file')),
    });
    expect(await gone.open().catch((e: unknown) => e)).toMatchObject({ code: 'not-found' });
  });

  it('reports a failed write', async () => {
    const device = new FakeHidDevice();
    device.write = async () => Promise.reject(new Error('write error'));
    const t = new HidTransport({ path: 'p', open: async () => device });
    await t.open();
    await expect(t.write(Uint8Array.of(0, 1))).rejects.toMatchObject({ code: 'write-failed' });
    expect(toHex(Uint8Array.of(1))).toBe('01');
  });
});
