import { CupsDriver } from './cups.ts';
import type { PrinterDriver } from './types.ts';
import { WindowsDriver } from './windows.ts';

export type { PrinterDriver, PrintRequest } from './types.ts';
export { PrintError } from './types.ts';

/**
 * The driver for this computer. `HSSK_CUPS_SERVER` points CUPS at a private cupsd (the print test
 * runs one); tests may also set a driver on the forms service directly.
 */
export function systemPrinterDriver(platform = process.platform, env = process.env): PrinterDriver {
  if (platform === 'win32') return new WindowsDriver();
  return new CupsDriver({ server: env.HSSK_CUPS_SERVER || undefined });
}
