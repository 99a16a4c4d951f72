/**
 * Lists the serial ports and HID devices on this machine, normalised for the device picker and for
 * matching a remembered device (devices-protocols.md §6.4): vendor/product ids as lower-case hex
 * (Windows reports serial ids in upper case, Linux in lower), the HID usage page (0x8c = a scanner
 * in HID POS mode), the serial pnpId/locationId. Never throws: a machine with no ports, no udev
 * (CI containers) or no HID backend gets an empty list and a note in `problems`.
 */
export interface PortInfo {
  transport: 'serial' | 'hid';
  path: string;
  /** What to show: "USB-SERIAL CH340 (COM3)", "Honeywell 1950g — HID POS". */
  name: string;
  manufacturer?: string;
  product?: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  /** HID only. */
  usagePage?: number;
  usage?: number;
  interface?: number;
  /** Serial only (Windows device instance id / physical location). */
  pnpId?: string;
  locationId?: string;
}

export interface PortListing {
  ports: PortInfo[];
  /** English, for the log: why a source could not be listed. */
  problems: string[];
}

/** serialport's PortInfo fields we read. */
export interface RawSerialPort {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  pnpId?: string;
  locationId?: string;
  productId?: string;
  vendorId?: string;
  friendlyName?: string;
}

/** node-hid's Device fields we read. */
export interface RawHidDevice {
  vendorId: number;
  productId: number;
  path?: string;
  serialNumber?: string;
  manufacturer?: string;
  product?: string;
  interface?: number;
  usagePage?: number;
  usage?: number;
}

export interface PortSources {
  serial: () => Promise<RawSerialPort[]>;
  hid: () => Promise<RawHidDevice[]>;
}

export const systemPortSources: PortSources = {
  serial: async () => (await import('serialport')).SerialPort.list(),
  hid: async () => (await import('node-hid')).devicesAsync(),
};

export const HID_USAGE_PAGE_BARCODE = 0x8c;

const hex4 = (v: number | string | undefined): string | undefined => {
  if (v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : parseInt(v, 16);
  return Number.isFinite(n) && n >= 0 && n <= 0xffff ? n.toString(16).padStart(4, '0') : undefined;
};

const clean = (s: string | undefined): string | undefined => {
  const t = s?.replace(/\0/g, '').trim();
  return t ? t : undefined;
};

export function serialPortInfo(p: RawSerialPort): PortInfo {
  const manufacturer = clean(p.manufacturer);
  return {
    transport: 'serial',
    path: p.path,
    name: clean(p.friendlyName) ?? (manufacturer ? `${manufacturer} (${p.path})` : p.path),
    ...defined({
      manufacturer,
      vendorId: hex4(p.vendorId),
      productId: hex4(p.productId),
      serialNumber: clean(p.serialNumber),
      pnpId: clean(p.pnpId),
      locationId: clean(p.locationId),
    }),
  };
}

export function hidDeviceInfo(d: RawHidDevice): PortInfo | null {
  if (!d.path) return null;
  const vendorId = hex4(d.vendorId) ?? '0000';
  const productId = hex4(d.productId) ?? '0000';
  const manufacturer = clean(d.manufacturer);
  const product = clean(d.product);
  const label = [manufacturer, product].filter(Boolean).join(' ') || `HID ${vendorId}:${productId}`;
  return {
    transport: 'hid',
    path: d.path,
    name: d.usagePage === HID_USAGE_PAGE_BARCODE ? `${label} — HID POS` : label,
    vendorId,
    productId,
    ...defined({
      manufacturer,
      product,
      serialNumber: clean(d.serialNumber),
      usagePage: d.usagePage,
      usage: d.usage,
      interface: d.interface,
    }),
  };
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export async function listPorts(sources: PortSources = systemPortSources): Promise<PortListing> {
  const problems: string[] = [];
  const ports: PortInfo[] = [];
  const [serial, hid] = await Promise.allSettled([sources.serial(), sources.hid()]);
  if (serial.status === 'fulfilled') ports.push(...serial.value.map(serialPortInfo));
  else
    problems.push(
      `serial ports could not be listed: ${String(serial.reason instanceof Error ? serial.reason.message : serial.reason)}`,
    );
  if (hid.status === 'fulfilled') {
    for (const d of hid.value) {
      const info = hidDeviceInfo(d);
      if (info) ports.push(info);
    }
  } else
    problems.push(
      `HID devices could not be listed: ${String(hid.reason instanceof Error ? hid.reason.message : hid.reason)}`,
    );
  return { ports, problems };
}
