/**
 * What the rest of the core sees of the device manager: the run-time side of scanners, monitors
 * and scales. Declared apart from the manager so the core's context can name it without depending
 * on the manager's own dependencies (which depend on the context): no import cycle.
 */
import type { DetectedPort, DeviceList, DeviceState } from '#contract/ops/devices.ts';

/** What the simulator can be asked to "do" (see manager/simulated.ts). */
export type SimulatedWhat = 'bp' | 'scale' | 'cccd' | 'bhyt';

export interface DeviceService {
  /** Connects the remembered devices (hosts that show a UI call this). */
  start(): void;
  readonly started: boolean;
  stop(): Promise<void>;
  /** Reads the remembered devices again (after one was saved or removed). */
  refresh(): Promise<void>;
  /** Looks for missing devices now (normally on a timer while any is missing). */
  poll(): Promise<void>;
  list(): DeviceList;
  summary(): { connected: number; configured: number };
  detect(): Promise<{ ports: DetectedPort[]; problems: string[] }>;
  test(id: string): Promise<DeviceState>;
  setSimulator(enabled: boolean): Promise<DeviceList>;
  simulate(what: SimulatedWhat, values: Record<string, string | number>): Promise<void>;
}
