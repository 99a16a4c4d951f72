/**
 * Connects one driver to one open transport: bytes in → driver → events out, driver writes → the
 * transport in order, and a timer for the driver's `tick`. The smallest piece of a device manager,
 * used by the integration tests and the simulator; the manager adds discovery and reconnection.
 */
import type { Driver, DriverOutput } from './driver.ts';
import type { DriverEvent } from './events.ts';
import { TransportError, type Transport } from './transport.ts';

export interface DriverSessionOptions {
  onEvent: (event: DriverEvent) => void;
  onTransportError?: (error: TransportError) => void;
  onDisconnect?: () => void;
  now?: () => number;
}

export interface DriverSession {
  /** Runs `driver.start()` (a download for pull devices) and writes its commands. */
  start(): Promise<void>;
  /** Resolves when every write asked for so far has been sent. */
  flushed(): Promise<void>;
  /** Detaches from the transport (does not close it). */
  stop(): void;
}

export function attachDriver(
  transport: Transport,
  driver: Driver,
  options: DriverSessionOptions,
): DriverSession {
  const now = options.now ?? Date.now;
  let writing: Promise<void> = Promise.resolve();
  let stopped = false;

  const handle = (out: DriverOutput): void => {
    for (const e of out.events) options.onEvent(e);
    for (const w of out.writes) {
      writing = writing.then(async () => {
        if (stopped) return;
        try {
          await transport.write(w.bytes, w.report ?? 'output');
        } catch (e) {
          options.onTransportError?.(
            e instanceof TransportError
              ? e
              : new TransportError('write-failed', 'Không gửi được lệnh tới thiết bị.', String(e), {
                  cause: e,
                }),
          );
        }
      });
    }
  };

  const offData = transport.onData((chunk, at) => {
    if (!stopped) handle(driver.push(chunk, at));
  });
  const offError = transport.onError((e) => options.onTransportError?.(e));
  const offDisconnect = transport.onDisconnect(() => {
    driver.reset();
    options.onDisconnect?.();
  });
  const timer = setInterval(() => {
    if (!stopped) handle(driver.tick(now()));
  }, driver.tickIntervalMs);
  timer.unref?.();

  return {
    async start() {
      handle(driver.start(now()));
      await writing;
    },
    flushed: () => writing,
    stop() {
      stopped = true;
      clearInterval(timer);
      offData();
      offError();
      offDisconnect();
    },
  };
}
