import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fromHex, toHex } from '../../../core/devices/bytes.ts';
import { parseCard } from '../../../core/devices/cards/detect.ts';
import { createDriver, driverInfo } from '../../../core/devices/drivers/index.ts';
import type { DriverEvent } from '../../../core/devices/events.ts';
import { describeEvent } from '../../../core/devices/manager/intake.ts';
import { simulatedCardText } from '../../../core/devices/manager/simulated.ts';
import { SERIAL_8N1_9600, describeSerialSettings } from '../../../core/devices/settings.ts';
import { openPtyPair, type PtyPair } from '../../../core/devices/simulator/pty-pair.ts';
import { createResponder, serveResponder } from '../../../core/devices/simulator/responder.ts';
import { playFrames, scenarioFrames } from '../../../core/devices/simulator/scenarios.ts';
import { serialScanBytes } from '../../../core/devices/simulator/frames.ts';
import { parseTrace, runTrace, type TraceStep } from '../../../core/devices/trace.ts';
import { vietnamWallClock } from '../../../core/devices/measured-at.ts';
import { SerialTransport } from '../../../core/devices/transports/serial.ts';
import { UsageError, type CliCommand, type CliIo } from '../io.ts';
import { asOperator } from '../operator.ts';
import { parse } from '../options.ts';

/**
 * `list` and `drivers` go through the dispatcher as the CLI operator (the operations the device
 * screen uses, so both speak the contract's shape). They read the machine's ports and the driver
 * table, never the station's data, so they run on an in-memory core: listing ports needs no
 * database key and creates no database. `decode` and `simulate` touch no data at all: they feed
 * bytes to a driver or play frames into a serial port, and call the device code directly.
 */
const OPERATIONS = ['devices.detect', 'devices.drivers'] as const;
const NO_DATA = { dataDir: '.', dbFile: ':memory:' };

const USAGE = [
  'hssk devices list [--json]                       serial ports and HID devices plugged in, with suggested drivers',
  '       hssk devices drivers [--json]                    every driver and the models it reads',
  '       hssk devices decode --driver D (--hex H | --text T | --file F) [--start] [--json]',
  '                                                        decode captured bytes (hex chunks separated by commas; a trace file or raw capture)',
  '       hssk devices simulate --driver D (--port PATH | --pair) [--kg N] [--height CM] [--systolic N --diastolic N --pulse N]',
  '                             [--text T | --card cccd|bhyt] [--repeat N] [--every SEC] [--serve SEC] [--wait SEC]',
  '                                                        play a device into a serial port (--pair makes a virtual cable with socat, which must be installed; playing starts after --wait s)',
].join('\n');

const NO_SOCAT =
  '`hssk devices simulate --pair` needs socat for its virtual serial cable, and socat is not installed here: ' +
  'run `sudo apt-get install socat` (Debian/Ubuntu) or `brew install socat` (macOS), or give a port of your own with --port PATH (on Windows a com0com pair).';

/** True when `command` is a file in one of PATH's folders (what spawn would find). */
function onPath(command: string, env: NodeJS.ProcessEnv): boolean {
  const names = process.platform === 'win32' ? [`${command}.exe`, command] : [command];
  return (env.PATH ?? '')
    .split(delimiter)
    .some((dir) => dir !== '' && names.some((n) => existsSync(join(dir, n))));
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0];

/** `\r`, `\n`, `\t` and `\xNN` typed on a command line, as bytes. */
function unescape(text: string): Uint8Array {
  const s = text.replace(/\\(r|n|t|x[0-9a-fA-F]{2})/g, (_m, e: string) =>
    e === 'r' ? '\r' : e === 'n' ? '\n' : e === 't' ? '\t' : String.fromCharCode(parseInt(e.slice(1), 16)),
  );
  return new TextEncoder().encode(s);
}

/** Chunks 10 ms apart, then long enough for every inter-byte timeout to fire. */
function stepsFromChunks(chunks: Uint8Array[]): TraceStep[] {
  const steps: TraceStep[] = chunks.map((bytes, i) => ({ kind: 'in', at: i * 10, bytes }));
  steps.push({ kind: 'tick', at: chunks.length * 10 + 5000 });
  return steps;
}

function eventJson(e: DriverEvent): Record<string, unknown> {
  if (e.type === 'scan') {
    const card = parseCard(e.text);
    return {
      type: 'scan',
      text: e.text,
      utf8Valid: e.utf8Valid,
      symbology: e.symbology ?? null,
      rawHex: e.rawHex,
      card: card.kind,
      cardResult: card.result,
    };
  }
  return { ...e };
}

function printEvents(events: DriverEvent[], io: CliIo, json: boolean): void {
  for (const e of events) {
    if (json) io.out(JSON.stringify(eventJson(e)));
    else {
      io.out(
        `${e.type.padEnd(7)} ${describeEvent(e)}${e.type === 'error' ? `  [${e.code}: ${e.detail}]` : ''}`,
      );
      if (e.type === 'scan') {
        const card = parseCard(e.text);
        io.out(
          `        ${card.kind === 'unknown' ? 'not a CCCD/BHYT card' : `${card.kind.toUpperCase()}: ${card.result.card?.fullName ?? '?'}`}${[...card.result.errors, ...card.result.warnings].map((w) => `\n        ! ${w}`).join('')}`,
        );
      }
    }
  }
}

function decode(values: Record<string, string | boolean | undefined>, io: CliIo): number {
  const id = String(values.driver ?? '');
  const made = createDriver(id);
  if (!made.ok) throw new UsageError(`${made.error} (see \`hssk devices drivers\`)`);
  let steps: TraceStep[];
  if (typeof values.hex === 'string') {
    try {
      steps = stepsFromChunks(values.hex.split(',').map((h) => fromHex(h)));
    } catch {
      throw new UsageError('--hex must be hex bytes, e.g. "53 54 2c 47 53" (commas separate chunks)');
    }
  } else if (typeof values.text === 'string') steps = stepsFromChunks([unescape(values.text)]);
  else if (typeof values.file === 'string') {
    const raw = readFileSync(resolve(io.cwd, values.file));
    const text = raw.toString('utf8');
    const looksLikeTrace = text
      .split('\n')
      .every((l) => /^\s*(#.*)?$|^\s*(@\d+\s+)?[<>]|^\s*tick\s+\d+/.test(l));
    steps = looksLikeTrace ? parseTrace(text) : stepsFromChunks([new Uint8Array(raw)]);
  } else throw new UsageError('give the bytes with --hex, --text or --file');
  const run = runTrace(made.driver, steps, { start: Boolean(values.start), t0: Date.now() });
  printEvents(run.events, io, Boolean(values.json));
  if (!values.json && run.events.length === 0)
    io.out('(no events: the bytes did not make a complete frame for this driver)');
  if (!values.json && run.writes.length)
    io.out(
      `driver wrote ${run.writes.length} command(s): ${run.writes.map((w) => toHex(w.bytes)).join(' | ')}`,
    );
  return 0;
}

async function simulate(values: Record<string, string | boolean | undefined>, io: CliIo): Promise<number> {
  const id = String(values.driver ?? '');
  const info = driverInfo(id);
  if (!info) throw new UsageError(`unknown driver «${id}» (see \`hssk devices drivers\`)`);
  if (info.transport !== 'serial')
    throw new UsageError(
      `${id} is a USB HID device and cannot be played into a serial port; use the simulator switch on the "Thiết bị" screen`,
    );
  const num = (k: string, fallback: number): number => {
    const v = values[k];
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${k} must be a positive number`);
    return n;
  };
  if (!values.pair && typeof values.port !== 'string')
    throw new UsageError('give --port PATH (the device end of a virtual cable) or --pair');
  const wait = values.wait === undefined ? 20 : Number(values.wait);
  if (!Number.isFinite(wait) || wait < 0) throw new UsageError('--wait must be a number of seconds');
  // A missing socat is a missing tool, not a bug: one line saying what to install, no stack trace.
  if (values.pair && !onPath('socat', io.env)) {
    io.err(NO_SOCAT);
    return 1;
  }
  let pair: PtyPair | null = null;
  if (values.pair) {
    try {
      pair = await openPtyPair();
    } catch (e) {
      io.err(`Could not make the virtual serial cable: ${messageOf(e)}`);
      return 1;
    }
  }
  const path = pair?.devicePath ?? (values.port as string);
  if (pair) {
    // The app needs the port before anything is sent: a moment to set the device up on "Thiết bị".
    io.out(`Virtual cable ready. Configure the device in the app with the port: ${pair.hostPath}`);
    io.out(`Playing in ${wait} s…`);
    await new Promise((r) => setTimeout(r, wait * 1000));
  }
  const settings = info.serialSettings ?? SERIAL_8N1_9600;
  const port = new SerialTransport({ path, settings });
  try {
    await port.open();
  } catch (e) {
    await pair?.close();
    io.err(`Could not open ${path}: ${messageOf(e)}`);
    return 1;
  }
  io.out(`Playing ${info.name} on ${path} (${describeSerialSettings(settings)})`);
  try {
    if (info.pull) {
      const responder = createResponder(id, {
        readings: [
          {
            systolic: num('systolic', 128),
            diastolic: num('diastolic', 82),
            pulse: num('pulse', 74),
            measuredAt: vietnamWallClock(Date.now()),
          },
        ],
        sicsReplies: [{ stable: true, kg: num('kg', 58.4) }],
      });
      if (!responder) throw new UsageError(`${id} cannot be simulated yet`);
      const stop = serveResponder(port, responder);
      const seconds = num('serve', 60);
      io.out(`Answering the app's requests for ${seconds} s (Ctrl+C to stop)…`);
      await new Promise<void>((done) => {
        const timer = setTimeout(done, seconds * 1000);
        process.once('SIGINT', () => {
          clearTimeout(timer);
          done();
        });
      });
      stop();
      return 0;
    }
    const repeat = num('repeat', 1);
    for (let i = 0; i < repeat; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, num('every', 3) * 1000));
      let frames: { delayMs: number; bytes: Uint8Array }[];
      if (info.kind === 'scanner') {
        const card = values.card === 'bhyt' ? 'bhyt' : 'cccd';
        const text = typeof values.text === 'string' ? values.text : simulatedCardText(card, {});
        frames = [{ delayMs: 0, bytes: serialScanBytes(text, '\r\n') }];
      } else if (id === 'custom-line') {
        frames = [{ delayMs: 0, bytes: unescape(`${String(values.text ?? '')}\\r\\n`) }];
      } else {
        const kg = values.kg === undefined ? undefined : num('kg', 0);
        const cm = values.height === undefined ? undefined : num('height', 0);
        const spec =
          kg !== undefined && cm !== undefined
            ? { kind: 'weight-height' as const, kg, cm }
            : cm !== undefined
              ? { kind: 'height' as const, cm }
              : { kind: 'weight' as const, kg: kg ?? 58.4 };
        const scenario = scenarioFrames(id, spec);
        if (!scenario.ok) throw new UsageError(scenario.error);
        frames = scenario.frames;
      }
      await playFrames(port, frames);
      io.out(`sent measurement ${i + 1}/${repeat}`);
    }
    return 0;
  } finally {
    await port.close();
    await pair?.close();
  }
}

export const devicesCommand: CliCommand = {
  name: 'devices',
  summary: 'list ports and drivers, decode captured device bytes, simulate a device on a serial port',
  usage: USAGE,
  operations: OPERATIONS,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      json: { type: 'boolean' },
      driver: { type: 'string' },
      hex: { type: 'string' },
      text: { type: 'string' },
      file: { type: 'string' },
      start: { type: 'boolean' },
      port: { type: 'string' },
      pair: { type: 'boolean' },
      wait: { type: 'string' },
      kg: { type: 'string' },
      height: { type: 'string' },
      systolic: { type: 'string' },
      diastolic: { type: 'string' },
      pulse: { type: 'string' },
      card: { type: 'string' },
      repeat: { type: 'string' },
      every: { type: 'string' },
      serve: { type: 'string' },
    });
    switch (positionals[0]) {
      case 'list': {
        const { ports, problems } = await asOperator(OPERATIONS, NO_DATA, io, (op) =>
          op.call('devices.detect', {}),
        );
        if (values.json) io.out(JSON.stringify({ ports, problems }));
        else {
          if (ports.length === 0) io.out('No serial ports or HID devices found.');
          for (const p of ports)
            io.out(
              `${p.transport.padEnd(6)} ${p.path}  ${p.name}${p.vendorId ? `  [${p.vendorId}:${p.productId ?? ''}]` : ''}${p.suggested.length ? `  → ${p.suggested.join(', ')}` : ''}`,
            );
          for (const pr of problems) io.err(`note: ${pr}`);
        }
        return 0;
      }
      case 'drivers': {
        const drivers = await asOperator(OPERATIONS, NO_DATA, io, (op) => op.call('devices.drivers', {}));
        if (values.json) io.out(JSON.stringify(drivers));
        else
          for (const d of drivers)
            io.out(`${d.id.padEnd(24)} ${d.transport.padEnd(6)} ${d.name}\n${' '.repeat(32)}${d.models}`);
        return 0;
      }
      case 'decode':
        return decode(values, io);
      case 'simulate':
        return simulate(values, io);
      default:
        throw new UsageError('say what to do: list, drivers, decode or simulate');
    }
  },
};
