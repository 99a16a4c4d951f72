/**
 * `hssk devices`: what district IT uses in the field — decode bytes captured from a device, and
 * play a device into a serial port (a real socat pty read by the real serialport and driver).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDriver } from '../../core/devices/drivers/index.ts';
import type { DriverEvent } from '../../core/devices/events.ts';
import { sourceRoot } from '../../core/paths.ts';
import { attachDriver } from '../../core/devices/session.ts';
import { openPtyPair, type PtyPair } from '../../core/devices/simulator/pty-pair.ts';
import { SERIAL_8N1_9600 } from '../../core/devices/settings.ts';
import { SerialTransport } from '../../core/devices/transports/serial.ts';
import type { CliIo } from './io.ts';
import { runCli } from './main.ts';

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), env: {}, cwd: tmpdir() };
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('hssk devices decode', () => {
  it('decodes a scale line typed as text, with escapes', async () => {
    const io = capture();
    expect(
      await runCli(['devices', 'decode', '--driver', 'scale-and', '--text', 'ST,GS,+0058.40kg\\r\\n'], io),
    ).toBe(0);
    expect(io.stdout.join('\n')).toContain('Cân nặng 58.4 kg');
  });

  it('decodes HID reports given as hex chunks and shows whose card it is', async () => {
    const payload = '079080001234||Phạm Thị Mai|01021980|Nữ|Ấp 3, Long Hồ, Vĩnh Long|10102021\r\n';
    const bytes = [...new TextEncoder().encode(payload)];
    // Layout A: report id 02, length, AIM "]Q1", 56-byte data, continuation flag.
    const chunks: string[] = [];
    for (let i = 0; i < bytes.length; i += 56) {
      const part = bytes.slice(i, i + 56);
      const report = [
        0x02,
        part.length,
        0x5d,
        0x51,
        0x31,
        ...part,
        ...Array(56 - part.length).fill(0),
        0,
        0,
        i + 56 < bytes.length ? 1 : 0,
      ];
      chunks.push(report.map((b) => b.toString(16).padStart(2, '0')).join(' '));
    }
    const io = capture();
    expect(
      await runCli(
        ['devices', 'decode', '--driver', 'scanner-hidpos-a', '--hex', chunks.join(','), '--json'],
        io,
      ),
    ).toBe(0);
    const scan = JSON.parse(io.stdout[0]) as {
      type: string;
      card: string;
      cardResult: { card: { fullName: string } };
    };
    expect(scan).toMatchObject({
      type: 'scan',
      card: 'cccd',
      cardResult: { card: { fullName: 'Phạm Thị Mai' } },
    });
  });

  it('replays a trace file, and says plainly when bytes make no frame', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hssk-decode-'));
    const file = join(dir, 'capture.hex');
    writeFileSync(
      file,
      '# captured at the station\n< 53 54 2c 47 53 2c 2b 30 30 37 30 2e 32 30 6b 67 0d 0a\n',
    );
    const io = capture();
    expect(await runCli(['devices', 'decode', '--driver', 'scale-and', '--file', file], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('70.2 kg');
    const noise = capture();
    expect(await runCli(['devices', 'decode', '--driver', 'scale-and', '--hex', '53 54'], noise)).toBe(0);
    expect(noise.stdout.join('\n')).toContain('no events');
    const bad = capture();
    expect(await runCli(['devices', 'decode', '--driver', 'nope', '--hex', '00'], bad)).toBe(2);
    expect(bad.stderr.join('\n')).toContain('hssk devices drivers');
  });
});

describe('hssk devices simulate', () => {
  it('plays a settling scale into a serial port; the app end reads one stable weight', async () => {
    const pair: PtyPair = await openPtyPair();
    cleanup.push(() => pair.close());
    const host = new SerialTransport({ path: pair.hostPath, settings: SERIAL_8N1_9600 });
    await host.open();
    cleanup.push(() => host.close());
    const made = createDriver('scale-and');
    if (!made.ok) throw new Error(made.error);
    const events: DriverEvent[] = [];
    const session = attachDriver(host, made.driver, { onEvent: (e) => events.push(e) });
    cleanup.push(async () => session.stop());

    const io = capture();
    expect(
      await runCli(
        ['devices', 'simulate', '--driver', 'scale-and', '--port', pair.devicePath, '--kg', '49.6'],
        io,
      ),
    ).toBe(0);
    for (let i = 0; i < 200 && !events.some((e) => e.type === 'reading'); i++)
      await new Promise((r) => setTimeout(r, 10));
    const readings = events.filter((e) => e.type === 'reading');
    expect(readings).toHaveLength(1);
    expect(readings[0]).toMatchObject({ reading: { kind: 'weight', kg: 49.6, stable: true } });
  });

  it('refuses to play a USB HID device into a serial port', async () => {
    const io = capture();
    expect(await runCli(['devices', 'simulate', '--driver', 'bp-omron-it', '--port', '/dev/null'], io)).toBe(
      2,
    );
    expect(io.stderr.join('\n')).toContain('USB HID');
  });

  it('says in one line that --pair needs socat when socat is not installed, without a stack trace', () => {
    // A PATH with nothing on it: the way a machine without socat looks to the command.
    const emptyPath = mkdtempSync(join(tmpdir(), 'hssk-no-socat-'));
    const run = spawnSync(
      process.execPath,
      [
        join(sourceRoot, 'main/hosts/cli/hssk.ts'),
        'devices',
        'simulate',
        '--driver',
        'scale-and',
        '--pair',
        '--wait',
        '0',
      ],
      { encoding: 'utf8', env: { ...process.env, PATH: emptyPath }, timeout: 15_000 },
    );
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/socat/);
    expect(lines[0]).toMatch(/apt-get install socat/);
    expect(lines[0]).toMatch(/--port/);
    expect(run.stderr).not.toMatch(/\n\s+at |Unexpected error/);
    expect(run.stdout).not.toContain('Virtual cable ready');
  });
});
