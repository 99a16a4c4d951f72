import type { ReadError, TableWarning } from './table-types.ts';

/**
 * Every message `readTable` can give, in one place: the Vietnamese says what happened and what the
 * user can do (usually: open the file in Excel and save it as .xlsx); the English is for the log.
 */

const mb = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
const resave = 'Hãy mở tệp bằng Excel và chọn Tệp → Lưu thành → «Sổ làm việc Excel (*.xlsx)», rồi nhập lại.';

export const readErrors = {
  empty: (): ReadError => ({
    code: 'EMPTY_FILE',
    message: 'Tệp rỗng (0 byte).',
    detail: 'The file is empty',
  }),
  noData: (): ReadError => ({
    code: 'NO_DATA',
    message: 'Tệp không có dữ liệu: mọi dòng đều trống.',
    detail: 'Every row of every sheet is blank',
  }),
  tooLarge: (size: number, max: number): ReadError => ({
    code: 'FILE_TOO_LARGE',
    message: `Tệp quá lớn (${mb(size)}); chỉ nhận tệp đến ${mb(max)}. Hãy tách danh sách thành nhiều tệp nhỏ hơn.`,
    detail: `File is ${size} bytes, limit ${max}`,
  }),
  unpackedTooLarge: (size: number, max: number): ReadError => ({
    code: 'FILE_TOO_LARGE',
    message: `Tệp Excel khi giải nén quá lớn (${mb(size)}). Hãy tách danh sách thành nhiều tệp nhỏ hơn.`,
    detail: `XLSX expands to ${size} bytes, limit ${max}`,
  }),
  archiveLies: (): ReadError => ({
    code: 'FILE_TOO_LARGE',
    message:
      'Tệp Excel bị hỏng hoặc bất thường: nội dung giải nén lớn hơn nhiều so với khai báo trong tệp, nên phần mềm không đọc tiếp. Hãy mở tệp bằng Excel, lưu lại thành .xlsx rồi nhập lại.',
    detail: 'ZIP entry inflates past the size its central directory declares',
  }),
  tooManyRows: (sheet: string, max: number): ReadError => ({
    code: 'TOO_MANY_ROWS',
    message: `Trang «${sheet}» có hơn ${max.toLocaleString('vi-VN')} dòng; chỉ nhận tối đa ${max.toLocaleString('vi-VN')} dòng mỗi lần. Hãy tách danh sách thành nhiều tệp.`,
    detail: `Sheet "${sheet}" has more than ${max} rows`,
  }),
  cellTooLong: (line: number, column: number, max: number): ReadError => ({
    code: 'CELL_TOO_LONG',
    message: `Ô ở dòng ${line.toLocaleString('vi-VN')}, cột ${column} dài hơn ${max.toLocaleString('vi-VN')} ký tự, không phải một ô của danh sách dân cư (có thể tệp bị hỏng, hoặc thiếu dấu ngoặc kép đóng). Hãy mở tệp kiểm tra lại dòng đó rồi nhập lại.`,
    detail: `Cell at line ${line}, column ${column} is longer than ${max} characters`,
  }),
  xls: (): ReadError => ({
    code: 'XLS_BIFF',
    message: `Đây là tệp Excel 97-2003 (.xls), phần mềm chưa đọc được định dạng cũ này. ${resave}`,
    detail: 'OLE2 compound file (BIFF .xls workbook)',
  }),
  encrypted: (): ReadError => ({
    code: 'ENCRYPTED_WORKBOOK',
    message:
      'Tệp Excel đang được đặt mật khẩu. Hãy mở bằng Excel, gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc), lưu lại rồi nhập lại.',
    detail: 'Password-protected (encrypted) OOXML package',
  }),
  html: (): ReadError => ({
    code: 'HTML_TABLE',
    message: `Tệp này là trang web (HTML) mang đuôi Excel, thường do phần mềm trực tuyến xuất ra. ${resave}`,
    detail: 'HTML or SpreadsheetML 2003 content',
  }),
  ods: (): ReadError => ({
    code: 'OPEN_DOCUMENT',
    message:
      'Đây là tệp bảng tính OpenDocument (.ods). Hãy mở bằng LibreOffice hoặc Excel và lưu dưới dạng .xlsx, rồi nhập lại.',
    detail: 'OpenDocument spreadsheet',
  }),
  pdf: (): ReadError => ({
    code: 'PDF',
    message: 'Đây là tệp PDF, không phải bảng tính. Hãy xin tệp Excel (.xlsx) hoặc CSV gốc của danh sách.',
    detail: 'PDF document',
  }),
  binary: (): ReadError => ({
    code: 'BINARY',
    message:
      'Tệp không phải văn bản CSV cũng không phải tệp Excel (.xlsx): có thể tệp bị hỏng hoặc chọn nhầm tệp.',
    detail: 'Binary content that is neither XLSX nor text',
  }),
  notWorkbook: (what: string): ReadError => ({
    code: 'NOT_A_WORKBOOK',
    message: `Tệp nén này không phải bảng tính Excel${what ? ` (${what})` : ''}. Hãy chọn tệp .xlsx hoặc .csv.`,
    detail: `ZIP container without xl/workbook.xml${what ? ` (${what})` : ''}`,
  }),
  cancelled: (): ReadError => ({
    code: 'CANCELLED',
    message: 'Đã dừng đọc tệp.',
    detail: 'Reading was cancelled',
  }),
  unreadable: (cause: string): ReadError => ({
    code: 'UNREADABLE_WORKBOOK',
    message: `Không đọc được tệp Excel: tệp có thể bị hỏng. ${resave}`,
    detail: `exceljs failed: ${cause}`,
  }),
};

export const readWarnings = {
  contentMismatch: (ext: string, actual: string): TableWarning => ({
    code: 'CONTENT_MISMATCH',
    message: `Tệp mang đuôi «.${ext}» nhưng nội dung là ${actual === 'xlsx' ? 'bảng tính Excel (.xlsx)' : 'văn bản CSV'}; đã đọc theo nội dung.`,
    detail: `Extension .${ext} but content is ${actual}`,
  }),
  windows1258: (): TableWarning => ({
    code: 'ENCODING_FALLBACK',
    message:
      'Tệp không dùng mã UTF-8; đã đọc theo bảng mã Windows-1258 (tiếng Việt). Hãy kiểm tra dấu tiếng Việt trong phần xem trước.',
    detail: 'Invalid UTF-8; decoded as windows-1258',
  }),
  tcvn3: (cells: number, sheet?: string): TableWarning => ({
    code: 'TCVN3_CONVERTED',
    message: `Đã chuyển ${cells.toLocaleString('vi-VN')} ô từ bảng mã TCVN3 (phông .VnTime) sang Unicode. Hãy kiểm tra dấu tiếng Việt trong phần xem trước.`,
    detail: `${cells} cells converted from TCVN3 (ABC) to Unicode`,
    ...(sheet ? { sheet } : {}),
  }),
  merged: (sheet: string, ranges: string[]): TableWarning => ({
    code: 'MERGED_CELLS',
    message: `Trang «${sheet}» có ${ranges.length} vùng gộp ô (${ranges.slice(0, 5).join(', ')}${ranges.length > 5 ? ', …' : ''}); giá trị chỉ được lấy ở ô đầu (trên cùng bên trái) của mỗi vùng, các ô còn lại coi là trống.`,
    detail: `${ranges.length} merged ranges; only top-left cells carry values`,
    sheet,
  }),
  unterminatedQuote: (line: number): TableWarning => ({
    code: 'UNTERMINATED_QUOTE',
    message: `Dòng ${line}: có dấu ngoặc kép (") mở mà không đóng; đã coi nó là ký tự thường.`,
    detail: `Unterminated quoted field starting on record ${line}; quote read literally`,
  }),
  formulaWithoutResult: (sheet: string, count: number): TableWarning => ({
    code: 'FORMULA_WITHOUT_RESULT',
    message: `Trang «${sheet}» có ${count} ô công thức không có kết quả dùng được (công thức báo lỗi như #N/A, hoặc chưa được tính); các ô đó coi là trống.`,
    detail: `${count} formula cells without a usable cached result (error or never calculated)`,
    sheet,
  }),
  cellErrors: (sheet: string, count: number): TableWarning => ({
    code: 'CELL_ERRORS',
    message: `Trang «${sheet}» có ${count} ô báo lỗi công thức (#N/A, #REF!…); các ô đó coi là trống.`,
    detail: `${count} cells hold error values`,
    sheet,
  }),
};
