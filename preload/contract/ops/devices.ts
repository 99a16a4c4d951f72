import { z } from 'zod';
import { command, query } from '../define.ts';
import { Empty, Text, Uuid } from '../schemas/common.ts';
import { CardDifference, ParsedCardInput } from './persons.ts';

/** The values a device reading carries, in the units the vitals panel uses. */
export const ReadingValues = z.object({
  systolic: z.number().nullable().default(null),
  diastolic: z.number().nullable().default(null),
  pulse: z.number().nullable().default(null),
  weightKg: z.number().nullable().default(null),
  heightCm: z.number().nullable().default(null),
});
export type ReadingValues = z.output<typeof ReadingValues>;

export const Measurement = z.object({
  id: z.string(),
  device: z.string(),
  driver: z.string(),
  kind: z.enum(['bp', 'weight', 'height', 'weight-height', 'other']),
  values: ReadingValues,
  measuredAt: z.string().nullable(),
  receivedAt: z.string(),
  raw: z.string(),
  status: z.enum(['tray', 'attached', 'discarded']),
  /** Measured long before it arrived (a monitor's stored reading): the nurse must confirm it. */
  stale: z.boolean(),
  visitId: z.string().nullable(),
  /**
   * The exam that was open on screen when the reading arrived: it is offered to that exam only.
   * Null: no exam was open (it is offered only with its time and an explicit choice).
   */
  arrivedDuringVisitId: z.string().nullable(),
});
export type Measurement = z.output<typeof Measurement>;

export const DeviceRole = z.enum(['scanner', 'bp', 'scale', 'height', 'scale-height']);
export type DeviceRole = z.infer<typeof DeviceRole>;

export const PortSettings = z.object({
  baudRate: z.number().int().min(300).max(921600).default(9600),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
});

/** A device the station configured: which driver reads it, and how it is found again after a replug. */
export const DeviceConfig = z.object({
  id: z.string(),
  name: z.string(),
  role: DeviceRole,
  driver: z.string(),
  transport: z.enum(['serial', 'hid']),
  match: z.object({
    vendorId: z.string().max(64).nullable(),
    productId: z.string().max(64).nullable(),
    serialNumber: z.string().max(256).nullable(),
    location: z.string().max(256).nullable(),
    path: z.string().max(1024).nullable(),
  }),
  port: PortSettings,
  /** Regular expression for the configurable line driver (named groups sys, dia, pulse, weight, height). */
  pattern: z.string().nullable(),
  enabled: z.boolean(),
});
export type DeviceConfig = z.output<typeof DeviceConfig>;

export const DeviceState = z.object({
  id: z.string(),
  /** connected: port open and read; waiting: not plugged in (retried on hot-plug); error: see message. */
  status: z.enum(['connected', 'waiting', 'error', 'disabled']),
  message: z.string(),
  path: z.string().nullable(),
  lastFrameAt: z.string().nullable(),
  simulated: z.boolean(),
});
export type DeviceState = z.output<typeof DeviceState>;

export const DetectedPort = z.object({
  transport: z.enum(['serial', 'hid']),
  path: z.string(),
  name: z.string(),
  vendorId: z.string().nullable(),
  productId: z.string().nullable(),
  serialNumber: z.string().nullable(),
  location: z.string().nullable(),
  /** HID usage page 0x8C: a barcode scanner in HID POS mode. */
  hidPos: z.boolean(),
  /** The remembered device this port is, when one matches it. */
  configuredAs: z.string().nullable(),
  /** Drivers that fit the USB ids, best first. */
  suggested: z.array(z.string()),
});
export type DetectedPort = z.output<typeof DetectedPort>;

export const DriverInfo = z.object({
  id: z.string(),
  name: z.string(),
  models: z.string(),
  kind: z.enum(['scanner', 'bp', 'scale', 'custom']),
  transport: z.enum(['serial', 'hid']),
  defaultPort: PortSettings,
  /** The app asks the device for its readings (monitors with a memory) rather than waiting for them. */
  pull: z.boolean(),
  hint: z.string().nullable(),
});
export type DriverInfo = z.output<typeof DriverInfo>;

export const ScanResult = z.object({
  /** What the card turned out to be, and what it found. */
  kind: z.enum(['cccd', 'bhyt', 'unknown']),
  card: ParsedCardInput.nullable(),
  personId: z.string().nullable(),
  /** Vietnamese: what to check on the card, or why the scan could not be read. */
  warnings: z.array(z.string()),
  /** A known holder's record says something else than the card (name, birth date, sex). */
  differences: z.array(CardDifference).default([]),
});
export type ScanResult = z.output<typeof ScanResult>;

const DeviceList = z.object({
  devices: z.array(z.object({ config: DeviceConfig, state: DeviceState })),
  /** The simulator switch: simulated devices feed frames through the real drivers (demos, training). */
  simulator: z.boolean(),
});
export type DeviceList = z.output<typeof DeviceList>;

export const devicesOps = {
  'devices.drivers': query({ input: Empty, output: z.array(DriverInfo), access: 'devices.use' }),
  /** Serial ports and HID devices plugged in now; `problems` says why a kind could not be listed. */
  'devices.detect': query({
    input: Empty,
    output: z.object({ ports: z.array(DetectedPort), problems: z.array(z.string()) }),
    access: 'devices.manage',
  }),
  'devices.list': query({ input: Empty, output: DeviceList, access: 'devices.use' }),
  'devices.save': command({
    input: z.object({
      id: Uuid.nullable().default(null),
      name: Text(100).pipe(z.string().min(1, 'Đặt tên cho thiết bị')),
      role: DeviceRole,
      driver: z.string().max(40),
      transport: z.enum(['serial', 'hid']),
      match: DeviceConfig.shape.match,
      port: PortSettings.default({ baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 }),
      pattern: z.string().max(500).nullable().default(null),
      enabled: z.boolean().default(true),
    }),
    output: DeviceConfig,
    access: 'devices.manage',
  }),
  'devices.remove': command({
    input: z.object({ id: z.string().max(40) }),
    output: z.null(),
    access: 'devices.manage',
  }),
  /** Reconnects a device now (a monitor downloads its newest reading again); the live monitor shows what comes back. */
  'devices.test': command({
    input: z.object({ id: z.string().max(40) }),
    output: DeviceState,
    access: 'devices.use',
  }),
  /** The simulator switch. */
  'devices.setSimulator': command({
    input: z.object({ enabled: z.boolean() }),
    output: DeviceList,
    access: 'devices.use',
  }),
  /** Plays one measurement or scan on a simulated device: realistic frames through the real drivers. */
  'devices.simulate': command({
    input: z.object({
      what: z.enum(['bp', 'scale', 'cccd', 'bhyt']),
      values: z.record(z.string().max(40), z.union([z.string().max(400), z.number()])).default({}),
    }),
    output: z.null(),
    access: 'devices.use',
  }),
  /** A keyboard-wedge scan caught by the page: the core parses it like any other scan. */
  'devices.wedgeScan': command({
    input: z.object({ text: z.string().max(4000) }),
    output: ScanResult,
    access: 'devices.use',
  }),
  'measurements.tray': query({ input: Empty, output: z.array(Measurement), access: 'devices.use' }),
  /**
   * The readings an exam may take: those that arrived while it was open, and recent ones that
   * arrived with no exam open (to be taken only by explicit choice). Never another exam's.
   */
  'measurements.offered': query({
    background: true,
    input: z.object({ visitId: Uuid }),
    output: z.array(Measurement),
    access: 'records.write',
  }),
  /**
   * Puts a reading on a visit (with its provenance). A stale one needs `confirmStale`; one that
   * arrived with no exam open needs `confirmNoExam`; one that arrived during another exam is refused.
   */
  'measurements.apply': command({
    input: z.object({
      id: Uuid,
      visitId: Uuid,
      confirmStale: z.boolean().default(false),
      confirmNoExam: z.boolean().default(false),
    }),
    output: Measurement,
    access: 'records.write',
  }),
  'measurements.discard': command({ input: z.object({ id: Uuid }), output: z.null(), access: 'devices.use' }),
};
