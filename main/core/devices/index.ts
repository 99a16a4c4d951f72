/**
 * The device layer's public surface: what the device manager, the contract handlers and the CLI
 * import. Drivers turn bytes into events; transports carry bytes; card parsers turn a scan into a
 * registration form; the simulator plays devices for tests and demos.
 */
export type { Driver, DriverOutput, DriverWrite } from './driver.ts';
export type {
  BpFlag,
  BpReading,
  DeviceErrorCode,
  DeviceErrorEvent,
  DeviceStatusCode,
  DeviceStatusEvent,
  DriverEvent,
  HeightReading,
  Reading,
  ReadingEvent,
  ScanEvent,
  Symbology,
  WeightHeightReading,
  WeightReading,
} from './events.ts';
export {
  createDriver,
  driverInfo,
  isDriverId,
  listDrivers,
  suggestDrivers,
  type DeviceKind,
  type DriverId,
  type DriverInfo,
  type PortIdentity,
  type TransportKind,
  type UsbMatch,
} from './drivers/index.ts';
export { compileLineConfig, matchLine, type LineDriverConfig } from './drivers/configurable-line.ts';
export { hidPosLayoutForVendor } from './drivers/hid-pos-scanner.ts';
export {
  assessReadingAge,
  deviceTimeToEpoch,
  isStaleReading,
  VIETNAM_UTC_OFFSET_MINUTES,
  type ReadingAge,
} from './measured-at.ts';
export {
  checkSerialSettings,
  describeSerialSettings,
  SERIAL_8N1_9600,
  type Parity,
  type SerialSettings,
} from './settings.ts';
export { TransportError, type Transport, type TransportErrorCode, type Unsubscribe } from './transport.ts';
export {
  createTransport,
  FakeTransport,
  HidTransport,
  listPorts,
  SerialTransport,
  type PortInfo,
  type PortListing,
  type TransportSpec,
} from './transports/index.ts';
export { attachDriver, type DriverSession, type DriverSessionOptions } from './session.ts';
export { parseBhytQr } from './cards/bhyt.ts';
export { parseCccdQr, type CardParseOptions } from './cards/cccd.ts';
export { detectCard, parseCard, type ScannedCard } from './cards/detect.ts';
export type { BhytCardInfo, CardKind, CardParseResult, ParsedCard } from './cards/types.ts';
export { bytesEqual, fromHex, toHex } from './bytes.ts';
