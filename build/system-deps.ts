/**
 * The system tools the tests use: Chromium (end-to-end tests), socat (virtual serial ports),
 * poppler (PDF text and images), xmlsec1 (XML signatures), fonts (Vietnamese in screenshots and
 * PDFs), libusb (node-hid's prebuilt binary links it), CUPS with a virtual PDF printer (the print
 * test). Installs what is missing with apt where it can, or stops with the exact list of what to
 * install.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

interface Requirement {
  apt: string;
  why: string;
  present: () => boolean;
}

const onPath = (cmd: string) =>
  spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const hasLib = (name: string) => {
  try {
    return execFileSync('sh', ['-c', `ldconfig -p 2>/dev/null || /sbin/ldconfig -p`], {
      encoding: 'utf8',
    }).includes(name);
  } catch {
    return false;
  }
};

export const REQUIREMENTS: Requirement[] = [
  {
    apt: 'chromium',
    why: 'end-to-end tests drive Debian Chromium',
    present: () => existsSync(process.env.HSSK_CHROMIUM ?? '/usr/bin/chromium'),
  },
  { apt: 'socat', why: 'serial-port tests use virtual port pairs', present: () => onPath('socat') },
  {
    apt: 'poppler-utils',
    why: 'PDF tests extract text and render pages',
    present: () => onPath('pdftotext') && onPath('pdftoppm'),
  },
  {
    apt: 'fonts-croscore',
    why: 'Tinos/Arimo fonts for Vietnamese text',
    present: () => existsSync('/usr/share/fonts/truetype/croscore/Tinos-Regular.ttf'),
  },
  {
    apt: 'fonts-dejavu-core',
    why: 'fallback UI font',
    present: () => existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'),
  },
  {
    apt: 'cups',
    why: 'the print test sends forms through a real CUPS spooler (lp, lpstat, cupsd)',
    present: () => onPath('lp') && onPath('lpstat') && existsSync('/usr/sbin/cupsd'),
  },
  {
    apt: 'printer-driver-cups-pdf',
    why: 'the print test’s virtual PDF printer',
    present: () => existsSync('/usr/lib/cups/backend/cups-pdf'),
  },
  {
    apt: 'xmlsec1',
    why: 'the signed 831 XML is checked by an independent XML-DSig verifier',
    present: () => onPath('xmlsec1'),
  },
  {
    apt: 'openssl',
    why: 'a test reads a .p12 certificate made by the openssl command with its own defaults',
    present: () => onPath('openssl'),
  },
  {
    apt: 'unzip',
    why: 'the batch-print test lists the zip of one PDF per resident',
    present: () => onPath('unzip'),
  },
  {
    apt: 'libusb-1.0-0',
    why: 'node-hid’s prebuilt binary links libusb',
    present: () => hasLib('libusb-1.0.so.0'),
  },
];

export function missingRequirements(): Requirement[] {
  return REQUIREMENTS.filter((r) => !r.present());
}

export function ensureSystemDeps(log: (line: string) => void = console.log): boolean {
  if (process.env.HSSK_SKIP_SYSTEM_DEPS === '1') return true;
  let missing = missingRequirements();
  if (missing.length === 0) return true;
  const names = missing.map((m) => m.apt);
  const canApt = process.platform === 'linux' && process.getuid?.() === 0 && onPath('apt-get');
  if (canApt) {
    log(`Installing system packages the tests need: ${names.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install =
      update.status === 0 &&
      spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], {
        stdio: 'inherit',
        env,
      });
    missing = missingRequirements();
    if (install && install.status === 0 && missing.length === 0) return true;
  }
  log('These system packages are missing and could not be installed automatically:');
  for (const m of missing) log(`  ${m.apt.padEnd(18)} ${m.why}`);
  log(
    `Install them, then run npm test again:\n  sudo apt-get install -y ${missing.map((m) => m.apt).join(' ')}`,
  );
  return false;
}
