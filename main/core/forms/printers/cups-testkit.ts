/**
 * For tests: a private CUPS spooler with one virtual PDF printer (Debian's cups-pdf), so a print
 * goes through a real spooler and comes out as a file to compare. Runs its own cupsd on a free
 * port with its own folders; the system's CUPS is not touched, except cups-pdf's per-queue
 * setting file (/etc/cups/cups-pdf-<queue>.conf, where the backend looks for it), removed on stop.
 * Needs root (cupsd drops to `lp` for filters; cups-pdf runs as root) and the Debian packages.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface CupsPdf {
  /** host:port for `lp -h` and HSSK_CUPS_SERVER. */
  server: string;
  queue: string;
  /** Where cups-pdf writes the printed files. */
  outDir: string;
  stop(): void;
}

const PPD = '/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Why CUPS cannot run here, or null. */
export function cupsUnavailable(): string | null {
  if (process.platform !== 'linux') return 'CUPS print test: not Linux';
  if (process.getuid?.() !== 0) return 'CUPS print test: needs root to run a private cupsd with cups-pdf';
  for (const f of [
    '/usr/sbin/cupsd',
    '/usr/sbin/lpadmin',
    '/usr/bin/lp',
    '/usr/lib/cups/backend/cups-pdf',
    PPD,
  ])
    if (!existsSync(f)) return `CUPS print test: ${f} missing (apt-get install cups printer-driver-cups-pdf)`;
  return null;
}

export async function startCupsPdf(
  dir: string,
  queue = `HSSK_PDF_${process.pid}`,
): Promise<CupsPdf | { skip: string }> {
  const why = cupsUnavailable();
  if (why) return { skip: why };
  const d = (n: string) => {
    const p = join(dir, n);
    mkdirSync(p, { recursive: true });
    return p;
  };
  // The filters run as `lp`: they must reach the spool and temporary folders (mkdtemp makes 0700).
  chmodSync(dir, 0o755);
  const conf = d('conf');
  const out = d('out');
  const tmp = d('tmp');
  chmodSync(out, 0o777);
  chmodSync(tmp, 0o1777);
  const port = await freePort();
  const server = `127.0.0.1:${port}`;
  writeFileSync(
    join(conf, 'cupsd.conf'),
    `Listen ${server}\nLogLevel warn\nWebInterface No\nDefaultAuthType None\n<Location />\n  Order allow,deny\n  Allow all\n</Location>\n<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n`,
  );
  writeFileSync(
    join(conf, 'cups-files.conf'),
    [
      `ServerRoot ${conf}`,
      `RequestRoot ${d('spool')}`,
      `CacheDir ${d('cache')}`,
      `StateDir ${d('state')}`,
      `TempDir ${tmp}`,
      `ErrorLog ${join(d('log'), 'error_log')}`,
      `AccessLog ${join(dir, 'log', 'access_log')}`,
      `PageLog ${join(dir, 'log', 'page_log')}`,
      'ServerBin /usr/lib/cups',
      'DataDir /usr/share/cups',
      'User lp',
      'Group lp',
      '',
    ].join('\n'),
  );
  const settings = `/etc/cups/cups-pdf-${queue}.conf`;
  writeFileSync(settings, `Out ${out}\nAnonDirName ${out}\nLabel 0\nUserUMask 0000\nTitlePref 1\n`);
  const daemon: ChildProcess = spawn(
    '/usr/sbin/cupsd',
    ['-f', '-c', join(conf, 'cupsd.conf'), '-s', join(conf, 'cups-files.conf')],
    { stdio: 'ignore' },
  );
  const stop = () => {
    if (daemon.exitCode === null) daemon.kill('SIGTERM');
    rmSync(settings, { force: true });
  };
  try {
    // cupsd takes a moment to listen.
    for (let i = 0; ; i++) {
      try {
        execFileSync('lpstat', ['-h', server, '-r'], { stdio: 'pipe' });
        break;
      } catch {
        if (i > 50) throw new Error('cupsd did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    execFileSync('lpadmin', ['-h', server, '-p', queue, '-v', `cups-pdf:/${queue}`, '-P', PPD, '-E'], {
      stdio: 'pipe',
    });
    execFileSync('lpadmin', ['-h', server, '-d', queue], { stdio: 'pipe' });
  } catch (e) {
    stop();
    return {
      skip: `CUPS print test: could not set up cupsd (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
    };
  }
  return { server, queue, outDir: out, stop };
}

/** The PDF cups-pdf wrote, once the spooler has no job left (so the file is complete). */
export async function waitForPrintedPdf(server: string, outDir: string, timeoutMs = 30_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const queued = execFileSync('lpstat', ['-h', server, '-o'], { encoding: 'utf8' }).trim();
    const files = readdirSync(outDir).filter((f) => f.endsWith('.pdf'));
    if (!queued && files.length) return join(outDir, files[0]);
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`no printed PDF in ${outDir} after ${timeoutMs} ms`);
}
