/**
 * Printing on Windows through pdf-to-printer (SumatraPDF underneath): straight to the printer, or
 * with the system dialog when the station has not chosen "print straight to the default printer".
 */
import type { PrinterInfo } from '#contract/ops/forms.ts';
import { PRINT_MESSAGES, PrintError, type PrinterDriver, type PrintRequest } from './types.ts';

interface PdfToPrinter {
  print(
    file: string,
    options: { printer?: string; copies?: number; printDialog?: boolean; paperSize?: string },
  ): Promise<void>;
  getPrinters(): Promise<{ name: string }[]>;
  getDefaultPrinter(): Promise<{ name: string } | null>;
}

export class WindowsDriver implements PrinterDriver {
  readonly name = 'windows';
  #lib: Promise<PdfToPrinter> | null = null;

  #load(): Promise<PdfToPrinter> {
    this.#lib ??= import('pdf-to-printer') as unknown as Promise<PdfToPrinter>;
    return this.#lib;
  }

  async list(): Promise<PrinterInfo[]> {
    const lib = await this.#load();
    const [all, def] = await Promise.all([lib.getPrinters(), lib.getDefaultPrinter().catch(() => null)]);
    return all.map((p) => ({ name: p.name, isDefault: p.name === def?.name }));
  }

  async print(req: PrintRequest): Promise<{ printer: string; spoolId: string }> {
    const lib = await this.#load();
    const printers = await this.list();
    const printer = req.printer ?? printers.find((p) => p.isDefault)?.name ?? null;
    if (!printer) throw new PrintError('no-printer', PRINT_MESSAGES['no-printer'](''), 'no Windows printer');
    if (!printers.some((p) => p.name === printer))
      throw new PrintError('missing', PRINT_MESSAGES.missing(printer), `no printer ${printer}`);
    try {
      await lib.print(req.file, { printer, copies: req.copies, printDialog: req.dialog, paperSize: 'A4' });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      const reason = /offline|not available|unavailable/i.test(why)
        ? 'offline'
        : /paper/i.test(why)
          ? 'paper'
          : 'failed';
      throw new PrintError(reason, PRINT_MESSAGES[reason](printer), why);
    }
    return { printer, spoolId: '' };
  }
}
