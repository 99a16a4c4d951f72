import type { PrinterInfo } from '#contract/ops/forms.ts';

export interface PrintRequest {
  /** The PDF on disk. */
  file: string;
  /** null: the default printer. */
  printer: string | null;
  copies: number;
  /** Windows: show the system print dialog instead of printing straight away. */
  dialog: boolean;
}

/** One way to reach printers (CUPS on Linux and the loopback host, pdf-to-printer on Windows). */
export interface PrinterDriver {
  readonly name: string;
  list(): Promise<PrinterInfo[]>;
  /** Sends the file; resolves with the printer used and the spooler's job id (or ''); rejects with a PrintError. */
  print(req: PrintRequest): Promise<{ printer: string; spoolId: string }>;
}

export type PrintFailure = 'missing' | 'offline' | 'paper' | 'no-printer' | 'no-spooler' | 'failed';

/** A print the printer refused, with the Vietnamese sentence the clerk reads. */
export class PrintError extends Error {
  readonly reason: PrintFailure;
  readonly userMessage: string;
  constructor(reason: PrintFailure, userMessage: string, detail: string) {
    super(`print failed (${reason}): ${detail}`);
    this.reason = reason;
    this.userMessage = userMessage;
  }
}

export const PRINT_MESSAGES: Record<PrintFailure, (printer: string) => string> = {
  missing: (p) => `Không tìm thấy máy in "${p}". Hãy chọn máy in khác rồi in lại từ danh sách lệnh in.`,
  offline: (p) =>
    `Máy in "${p}" đang tắt hoặc mất kết nối. Hãy bật máy in, kiểm tra dây cáp rồi in lại từ danh sách lệnh in.`,
  paper: (p) => `Máy in "${p}" hết giấy hoặc kẹt giấy. Hãy nạp giấy rồi in lại từ danh sách lệnh in.`,
  'no-printer': () => 'Máy tính chưa có máy in nào. Hãy cài máy in rồi in lại từ danh sách lệnh in.',
  'no-spooler': () =>
    'Không liên lạc được với dịch vụ in của máy tính. Hãy khởi động lại máy tính hoặc dịch vụ in rồi in lại.',
  failed: (p) => `Không in được trên máy in "${p}". Hãy kiểm tra máy in rồi in lại từ danh sách lệnh in.`,
};
