/**
 * Opens the right transport for a remembered device: `{ transport: 'serial', path, settings }` or
 * `{ transport: 'hid', path }`. The device manager calls this; tests pass a FakeTransport instead.
 */
import type { SerialSettings } from '../settings.ts';
import type { Transport } from '../transport.ts';
import { HidTransport, type HidOpener } from './hid.ts';
import { SerialTransport } from './serial.ts';

export type TransportSpec =
  { transport: 'serial'; path: string; settings: SerialSettings } | { transport: 'hid'; path: string };

export function createTransport(
  spec: TransportSpec,
  deps: { now?: () => number; hidOpener?: HidOpener } = {},
): Transport {
  return spec.transport === 'serial'
    ? new SerialTransport({ path: spec.path, settings: spec.settings, now: deps.now })
    : new HidTransport({ path: spec.path, open: deps.hidOpener, now: deps.now });
}

export { FakeTransport } from './fake.ts';
export { HidTransport } from './hid.ts';
export { listPorts, type PortInfo, type PortListing } from './list-ports.ts';
export { SerialTransport } from './serial.ts';
