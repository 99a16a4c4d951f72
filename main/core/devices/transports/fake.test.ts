import { describe, expect, it } from 'vitest';
import { MicrolifeMonitor } from '../drivers/microlife.ts';
import type { DriverEvent } from '../events.ts';
import { attachDriver } from '../session.ts';
import { createResponder } from '../simulator/responder.ts';
import { TransportError } from '../transport.ts';
import { FakeTransport } from './fake.ts';

describe('FakeTransport', () => {
  it('records writes, injects bytes, simulates a disconnect', async () => {
    const t = new FakeTransport();
    await t.open();
    const got: number[] = [];
    let gone = false;
    t.onData((c) => got.push(...c));
    t.onDisconnect(() => (gone = true));
    await t.write(Uint8Array.of(1, 2));
    t.inject(Uint8Array.of(9));
    expect(t.writes).toEqual([{ bytes: Uint8Array.of(1, 2), report: 'output' }]);
    expect(got).toEqual([9]);
    t.simulateDisconnect();
    expect(gone).toBe(true);
    await expect(t.write(Uint8Array.of(1))).rejects.toBeInstanceOf(TransportError);
  });

  it('plays a Microlife monitor through a session: start → download → newest reading', async () => {
    const responder = createResponder('bp-microlife', {
      readings: [{ systolic: 150, diastolic: 95, pulse: 90, measuredAt: '2026-11-22T08:00' }],
    });
    const t = new FakeTransport({ kind: 'hid', respond: (b, r) => responder?.respond(b, r) ?? [] });
    await t.open();
    const events: DriverEvent[] = [];
    const done = new Promise<void>((resolve) => {
      const session = attachDriver(t, new MicrolifeMonitor(), {
        onEvent: (e) => {
          events.push(e);
          if (e.type === 'reading') {
            session.stop();
            resolve();
          }
        },
      });
      void session.start();
    });
    await done;
    expect(events.find((e) => e.type === 'reading')).toMatchObject({
      reading: { systolic: 150, diastolic: 95, pulse: 90, measuredAt: '2026-11-22T08:00:00' },
    });
  });

  it('refuses a feature report on a serial fake', async () => {
    const t = new FakeTransport();
    await t.open();
    await expect(t.write(Uint8Array.of(0), 'feature')).rejects.toMatchObject({ code: 'unsupported' });
  });
});
