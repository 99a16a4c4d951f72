/**
 * Every driver the app knows, with what the device manager and the settings screen need: a
 * Vietnamese name, the kind of device, the transport, default serial settings, USB ids that
 * suggest the driver, and a factory that takes options as stored (JSON) and never throws.
 */
import type { Driver } from '../driver.ts';
import { serialSettings, type SerialSettings } from '../settings.ts';
import { AndWeightScale } from './and-weight.ts';
import { BeurerHidMonitor, BeurerSerialMonitor } from './beurer.ts';
import { Cas22Scale } from './cas22.ts';
import { ConfigurableLineDriver } from './configurable-line.ts';
import { HidPosScanner } from './hid-pos-scanner.ts';
import { MicrolifeMonitor } from './microlife.ts';
import { MtSicsScale } from './mt-sics.ts';
import { Omron7322uMonitor } from './omron-7322u.ts';
import { OmronItMonitor } from './omron-it.ts';
import { defined, pickBoolean, pickEnum, pickIntegers, pickNumber, type RawOptions } from './options.ts';
import { SerialScanner } from './serial-scanner.ts';
import { TanitaScale } from './tanita.ts';
import { ToledoContinuousScale } from './toledo-continuous.ts';

export type DeviceKind = 'scanner' | 'bp' | 'scale' | 'custom';
export type TransportKind = 'hid' | 'serial';

/** A USB identity that suggests a driver. Ids are lower-case 4-digit hex, as listPorts() gives them. */
export interface UsbMatch {
  vendorId?: string;
  productId?: string;
  /** HID usage page (0x8c = bar code scanner). */
  usagePage?: number;
}

export interface DriverInfo {
  id: DriverId;
  /** Vietnamese, for the device list. */
  name: string;
  /** Models and clones covered, for the settings screen. */
  models: string;
  kind: DeviceKind;
  transport: TransportKind;
  /** Serial drivers only: the settings the device ships with. */
  serialSettings?: SerialSettings;
  /** The device must be asked (`driver.start()`), e.g. to download its memory. */
  pull: boolean;
  match: UsbMatch[];
  /** Vietnamese advice shown when setting the device up. */
  hint?: string;
}

interface DriverEntry extends DriverInfo {
  create(options: RawOptions): Driver;
}

const gateOptions = (o: RawOptions) =>
  defined({
    minKg: pickNumber(o, 'minKg', 0, 50),
    repeatAfterMs: pickNumber(o, 'repeatAfterMs', 100, 60_000),
  });

const ENTRIES = [
  {
    id: 'scanner-hidpos-a',
    name: 'Máy quét mã 2D – chế độ HID POS (Honeywell, kiểu A)',
    models: 'Honeywell Xenon/Voyager/Granit, Youjie, Hand Held Products, Access-IS',
    kind: 'scanner',
    transport: 'hid',
    pull: false,
    match: [
      { vendorId: '0c2e', usagePage: 0x8c },
      { vendorId: '23d0', usagePage: 0x8c },
      { vendorId: '0536', usagePage: 0x8c },
    ],
    hint: 'Quét mã cấu hình "USB HID POS" trong sách hướng dẫn của máy quét (Honeywell: terminal ID 131).',
    create: (o) =>
      new HidPosScanner(
        {
          layout: 'A',
          ...defined({ continuationTimeoutMs: pickNumber(o, 'continuationTimeoutMs', 50, 5000) }),
        },
        'scanner-hidpos-a',
      ),
  },
  {
    id: 'scanner-hidpos-b',
    name: 'Máy quét mã 2D – chế độ HID POS (Newland và tương thích, kiểu B)',
    models: 'Newland FM/HR, ID TECH, Unitech, Saveo, Element và các máy dùng đầu đọc Newland',
    kind: 'scanner',
    transport: 'hid',
    pull: false,
    match: [{ vendorId: '1eab', usagePage: 0x8c }, { usagePage: 0x8c }],
    hint: 'Quét mã cấu hình "HID-POS" trong sách hướng dẫn của máy quét.',
    create: (o) =>
      new HidPosScanner(
        {
          layout: 'B',
          ...defined({ continuationTimeoutMs: pickNumber(o, 'continuationTimeoutMs', 50, 5000) }),
        },
        'scanner-hidpos-b',
      ),
  },
  {
    id: 'scanner-serial',
    name: 'Máy quét mã 2D – chế độ cổng COM (USB serial)',
    models: 'Mọi máy quét ở chế độ USB COM / USB CDC / Virtual Serial',
    kind: 'scanner',
    transport: 'serial',
    serialSettings: serialSettings(9600),
    pull: false,
    match: [],
    hint: 'Quét mã cấu hình "USB COM" / "USB Virtual Serial Port" và đặt hậu tố CR.',
    create: (o) =>
      new SerialScanner(
        defined({
          suffix: pickEnum(o, 'suffix', ['auto', 'cr', 'lf', 'none'] as const),
          interByteTimeoutMs: pickNumber(o, 'interByteTimeoutMs', 10, 2000),
          parseAim: pickBoolean(o, 'parseAim'),
        }),
        'scanner-serial',
      ),
  },
  {
    id: 'bp-omron-it',
    name: 'Máy đo huyết áp Omron HEM-790IT / M10-IT (USB)',
    models: 'Omron HEM-790IT, BP-791IT, M10-IT, HEM-7080IT (cáp HHX-CABLE-USB1)',
    kind: 'bp',
    transport: 'hid',
    pull: true,
    match: [{ vendorId: '0590', productId: '0028' }],
    create: (o) =>
      new OmronItMonitor(
        defined({ banks: pickIntegers(o, 'banks', 0, 1), maxRecords: pickNumber(o, 'maxRecords', 1, 255) }),
        'bp-omron-it',
      ),
  },
  {
    id: 'bp-omron-7322u',
    name: 'Máy đo huyết áp Omron HEM-7322U (M500 IT / M6 Comfort IT)',
    models: 'Omron HEM-7322U',
    kind: 'bp',
    transport: 'hid',
    pull: true,
    match: [{ vendorId: '0590', productId: '0090' }],
    hint: 'Nhấn nút START/STOP trên máy đo trước khi bấm tải kết quả.',
    create: (o) =>
      new Omron7322uMonitor(
        { recordsPerUser: 100, ...defined({ users: pickNumber(o, 'users', 1, 2) as 1 | 2 | undefined }) },
        'bp-omron-7322u',
      ),
  },
  {
    id: 'bp-omron-7131u',
    name: 'Máy đo huyết áp Omron HEM-7131U (M400 IT / M3 IT)',
    models: 'Omron HEM-7131U',
    kind: 'bp',
    transport: 'hid',
    pull: true,
    match: [{ vendorId: '0590', productId: '0090' }],
    hint: 'Nhấn nút START/STOP trên máy đo trước khi bấm tải kết quả.',
    create: (o) =>
      new Omron7322uMonitor(
        { recordsPerUser: 60, ...defined({ users: pickNumber(o, 'users', 1, 2) as 1 | 2 | undefined }) },
        'bp-omron-7131u',
      ),
  },
  {
    id: 'bp-microlife',
    name: 'Máy đo huyết áp Microlife (giao thức BPA-100, USB)',
    models: 'Microlife BP3GX1-5X và các máy tương thích BPA-100',
    kind: 'bp',
    transport: 'hid',
    pull: true,
    match: [{ vendorId: '04b4', productId: '5500' }],
    create: () => new MicrolifeMonitor('bp-microlife'),
  },
  {
    id: 'bp-beurer-hid',
    name: 'Máy đo huyết áp Beurer BM55 / BM58 (cáp USB)',
    models: 'Beurer BM55, BM58 (USB HID 0C45:7406)',
    kind: 'bp',
    transport: 'hid',
    pull: true,
    match: [{ vendorId: '0c45', productId: '7406' }],
    create: () => new BeurerHidMonitor('bp-beurer-hid'),
  },
  {
    id: 'bp-beurer-serial',
    name: 'Máy đo huyết áp Beurer BM58 / BM65 (cáp USB-serial)',
    models: 'Beurer BM65, BM58 đời cũ (4800 baud)',
    kind: 'bp',
    transport: 'serial',
    serialSettings: serialSettings(4800),
    pull: true,
    match: [],
    create: () => new BeurerSerialMonitor('bp-beurer-serial'),
  },
  {
    id: 'scale-and',
    name: 'Cân A&D và đầu cân định dạng "ST,GS,…kg"',
    models: 'A&D (chỉ thị, cân phân tích), DACELL DN-100, General Measure và các đầu cân tương thích',
    kind: 'scale',
    transport: 'serial',
    serialSettings: serialSettings(2400, 7, 'even'),
    pull: false,
    match: [],
    hint: 'Đầu cân A&D thường để 2400 baud, 7 bit, parity chẵn (7E1); nhiều đầu cân khác dùng 9600 8N1.',
    create: (o) => new AndWeightScale(gateOptions(o), 'scale-and'),
  },
  {
    id: 'scale-cas22',
    name: 'Cân CAS (chuỗi 22 byte)',
    models: 'CAS CI-series, NT-200, PDI và các đầu cân CAS',
    kind: 'scale',
    transport: 'serial',
    serialSettings: serialSettings(9600),
    pull: false,
    match: [],
    hint: 'Chọn định dạng truyền "CAS 22 byte" trong cài đặt đầu cân.',
    create: (o) => new Cas22Scale(gateOptions(o), 'scale-cas22'),
  },
  {
    id: 'scale-mt-sics',
    name: 'Cân Mettler Toledo (MT-SICS)',
    models: 'Cân Mettler Toledo có giao diện MT-SICS',
    kind: 'scale',
    transport: 'serial',
    serialSettings: serialSettings(9600),
    pull: true,
    match: [],
    create: (o) =>
      new MtSicsScale(
        {
          ...gateOptions(o),
          ...defined({
            attempts: pickNumber(o, 'attempts', 1, 20),
            answerTimeoutMs: pickNumber(o, 'answerTimeoutMs', 200, 30_000),
          }),
        },
        'scale-mt-sics',
      ),
  },
  {
    id: 'scale-toledo-continuous',
    name: 'Cân định dạng Toledo liên tục',
    models: 'Đầu cân Mettler Toledo, Fairbanks và các đầu cân xuất "Toledo continuous"',
    kind: 'scale',
    transport: 'serial',
    serialSettings: serialSettings(9600, 7, 'even'),
    pull: false,
    match: [],
    create: (o) =>
      new ToledoContinuousScale(
        {
          ...gateOptions(o),
          ...defined({ checksum: pickEnum(o, 'checksum', ['auto', 'on', 'off'] as const) }),
        },
        'scale-toledo-continuous',
      ),
  },
  {
    id: 'scale-tanita',
    name: 'Cân Tanita (cân trẻ sơ sinh, cân – đo chiều cao)',
    models: 'Tanita BD-815U, WB-3000, WB-8000RW, SC/MC/DC (định dạng "{0,16,…")',
    kind: 'scale',
    transport: 'serial',
    serialSettings: serialSettings(9600),
    pull: false,
    match: [],
    hint: 'Tanita gửi kết quả ngay khi cân xong: mở cổng trước khi cân.',
    create: () => new TanitaScale('scale-tanita'),
  },
  {
    id: 'custom-line',
    name: 'Thiết bị tự khai báo (biểu thức chính quy)',
    models: 'Thiết bị gửi mỗi kết quả trên một dòng văn bản',
    kind: 'custom',
    transport: 'serial',
    serialSettings: serialSettings(9600),
    pull: false,
    match: [],
    hint: 'Nhập biểu thức chính quy có nhóm tên sys, dia, pulse, weight, height (và stable nếu thiết bị báo ổn định).',
    create: (o) => new ConfigurableLineDriver(o, 'custom-line'),
  },
] as const satisfies readonly (Omit<DriverEntry, 'id'> & { id: string })[];

export type DriverId = (typeof ENTRIES)[number]['id'];

const BY_ID = new Map<string, DriverEntry>(ENTRIES.map((e) => [e.id, e as DriverEntry]));

/** Every driver, without factories: for listing in the UI or the CLI. */
export function listDrivers(): DriverInfo[] {
  return ENTRIES.map(({ create: _create, ...info }) => ({ ...info, match: [...info.match] }) as DriverInfo);
}

export function driverInfo(id: string): DriverInfo | undefined {
  const e = BY_ID.get(id);
  if (!e) return undefined;
  const { create: _create, ...info } = e;
  return info;
}

export const isDriverId = (id: string): id is DriverId => BY_ID.has(id);

/** A driver for `id` with stored options. Unknown ids are an error, never an exception. */
export function createDriver(
  id: string,
  options: unknown = {},
): { ok: true; driver: Driver } | { ok: false; error: string } {
  const e = BY_ID.get(id);
  if (!e) return { ok: false, error: `Không có trình điều khiển thiết bị «${id}».` };
  const o =
    typeof options === 'object' && options !== null && !Array.isArray(options) ? (options as RawOptions) : {};
  return { ok: true, driver: e.create(o) };
}

/** What a port looks like to driver matching (a subset of PortInfo from transports/list-ports.ts). */
export interface PortIdentity {
  transport: TransportKind;
  vendorId?: string;
  productId?: string;
  usagePage?: number;
}

/** Drivers that fit a discovered port, most specific match first. Serial bridges match nothing specific. */
export function suggestDrivers(port: PortIdentity): DriverInfo[] {
  const scored: { info: DriverInfo; score: number }[] = [];
  for (const e of ENTRIES) {
    if (e.transport !== port.transport) continue;
    let best = 0;
    for (const m of e.match as readonly UsbMatch[]) {
      if (m.vendorId && m.vendorId !== port.vendorId?.toLowerCase()) continue;
      if (m.productId && m.productId !== port.productId?.toLowerCase()) continue;
      if (m.usagePage !== undefined && m.usagePage !== port.usagePage) continue;
      best = Math.max(
        best,
        (m.vendorId ? 2 : 0) + (m.productId ? 2 : 0) + (m.usagePage !== undefined ? 1 : 0),
      );
    }
    if (best > 0) scored.push({ info: driverInfo(e.id) as DriverInfo, score: best });
  }
  return scored.sort((a, b) => b.score - a.score).map((s) => s.info);
}
