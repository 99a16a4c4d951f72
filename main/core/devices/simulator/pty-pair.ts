/**
 * A virtual serial cable: two pseudo-terminals joined by socat (Linux/macOS; Windows uses com0com).
 * The app opens one end as if it were COM3; a test or `hssk` simulator writes device frames into
 * the other. PTYs ignore baud rate and parity (see line-noise.ts for wrong-baud simulation).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** Give this path to the app (the "host" end). */
  hostPath: string;
  /** Write device frames here. */
  devicePath: string;
  close(): Promise<void>;
}

export async function openPtyPair(options: { dir?: string; timeoutMs?: number } = {}): Promise<PtyPair> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'hssk-pty-'));
  const hostPath = join(dir, 'host');
  const devicePath = join(dir, 'device');
  const child: ChildProcess = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));

  const cleanup = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    }
    if (ownDir) rmSync(dir, { recursive: true, force: true });
  };

  // socat logs "starting data transfer loop" once both ends exist.
  const deadline = Date.now() + (options.timeoutMs ?? 5000);
  for (;;) {
    const failed = await Promise.race([spawnError, new Promise<null>((r) => setTimeout(() => r(null), 20))]);
    if (failed) {
      await cleanup();
      throw new Error(`socat could not start (${failed.message}); install socat to run serial simulations`);
    }
    if (existsSync(hostPath) && existsSync(devicePath) && /starting data transfer loop/.test(stderr)) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await cleanup();
      throw new Error(`socat did not create the pty pair: ${stderr.trim().slice(-300)}`);
    }
  }
  return { hostPath, devicePath, close: cleanup };
}
