/**
 * Finding a remembered device again among the ports plugged in now. USB-serial adapters change
 * COM number when moved to another socket and HID paths change on every replug, so the path is
 * the last resort: vendor/product id first, then the serial number, then the physical location
 * (the socket), then the path (devices-protocols.md §6.4).
 */
import type { DeviceConfig } from '#contract/ops/devices.ts';
import type { PortInfo } from '../transports/list-ports.ts';

type Match = DeviceConfig['match'];

const same = (a: string | null | undefined, b: string | null | undefined): boolean =>
  Boolean(a) && Boolean(b) && a!.toLowerCase() === b!.toLowerCase();

/** Where a port is plugged in: Windows reports a location id, Linux only the pnp id. */
export const portLocation = (p: PortInfo): string | null => p.locationId ?? p.pnpId ?? null;

/** What to remember about a port chosen in the device picker. */
export function matchFromPort(p: PortInfo): Match {
  return {
    vendorId: p.vendorId ?? null,
    productId: p.productId ?? null,
    serialNumber: p.serialNumber ?? null,
    location: portLocation(p),
    path: p.path,
  };
}

/**
 * The port for `match`, or null. `taken` holds paths other devices already use, so two identical
 * scales never both open the same one; `usagePage` picks the interface of a composite HID device.
 */
export function findPort(
  match: Match,
  transport: DeviceConfig['transport'],
  ports: readonly PortInfo[],
  options: { taken?: ReadonlySet<string>; usagePage?: number } = {},
): PortInfo | null {
  const taken = options.taken ?? new Set<string>();
  const free = ports.filter((p) => p.transport === transport && !taken.has(p.path));
  if (!(match.vendorId && match.productId)) {
    // Entered by hand (COM3, /dev/ttyUSB0) or a port without USB ids: only the path identifies it.
    return free.find((p) => p.path === match.path) ?? null;
  }
  let candidates = free.filter((p) => same(p.vendorId, match.vendorId) && same(p.productId, match.productId));
  if (candidates.length === 0) return null;
  if (match.serialNumber) {
    const bySerial = candidates.filter((p) => same(p.serialNumber, match.serialNumber));
    // A serial number that does not match means another unit of the same model: not ours.
    if (bySerial.length > 0) candidates = bySerial;
    else if (candidates.every((p) => p.serialNumber)) return null;
  }
  // One USB scanner shows up as several HID interfaces (keyboard, HID POS): take the one we read.
  if (options.usagePage !== undefined && candidates.some((p) => p.usagePage === options.usagePage)) {
    candidates = candidates.filter((p) => p.usagePage === options.usagePage);
  }
  if (candidates.length === 1) return candidates[0];
  const byLocation = candidates.filter((p) => same(portLocation(p), match.location));
  if (byLocation.length === 1) return byLocation[0];
  const byPath = candidates.find((p) => p.path === match.path);
  return byPath ?? byLocation[0] ?? candidates[0];
}
