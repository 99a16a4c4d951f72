/**
 * Stable, machine-readable error codes that cross every transport (IPC, HTTP, CLI).
 * The `message` that travels with a code is Vietnamese and meant for the user; logs carry English.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_OPERATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'FORBIDDEN_SENDER',
  'SESSION_LOCKED',
  'BAD_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'NOT_SET_UP',
  'ALREADY_SET_UP',
  'NOT_FOUND',
  'CONFLICT',
  'VERSION_CONFLICT',
  'DUPLICATE_WARNING',
  'NEEDS_CONFIRMATION',
  'BUSY',
  'DB_TOO_NEW',
  'DB_KEY_INVALID',
  'FILE_INVALID',
  'DEVICE_ERROR',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  /** Vietnamese, shown to the user as is. */
  message: string;
  /** Structured detail for the UI (field issues, the clashing record, …). Never secrets. */
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Default Vietnamese messages, used when the core has nothing more specific to say. */
export const DEFAULT_ERROR_MESSAGES: Record<ErrorCode, string> = {
  INVALID_INPUT: 'Dữ liệu nhập chưa hợp lệ.',
  UNKNOWN_OPERATION: 'Chức năng không tồn tại.',
  UNAUTHENTICATED: 'Vui lòng đăng nhập.',
  FORBIDDEN: 'Tài khoản của bạn không có quyền thực hiện thao tác này.',
  FORBIDDEN_SENDER: 'Yêu cầu bị từ chối vì không đến từ cửa sổ của ứng dụng.',
  SESSION_LOCKED: 'Phiên làm việc đã khóa. Nhập lại mật khẩu để tiếp tục.',
  BAD_CREDENTIALS: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  ACCOUNT_LOCKED: 'Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau.',
  NOT_SET_UP: 'Trạm chưa được thiết lập.',
  ALREADY_SET_UP: 'Trạm đã được thiết lập.',
  NOT_FOUND: 'Không tìm thấy dữ liệu.',
  CONFLICT: 'Dữ liệu trùng với bản ghi đã có.',
  VERSION_CONFLICT: 'Bản ghi vừa được người khác sửa. Vui lòng tải lại rồi sửa tiếp.',
  DUPLICATE_WARNING: 'Có thể trùng với người đã có trong danh sách.',
  NEEDS_CONFIRMATION: 'Có giá trị bất thường cần xác nhận trước khi lưu.',
  BUSY: 'Hệ thống đang bận với một tác vụ khác. Vui lòng chờ.',
  DB_TOO_NEW: 'Cơ sở dữ liệu được tạo bởi phiên bản mới hơn của phần mềm. Vui lòng cập nhật phần mềm.',
  DB_KEY_INVALID: 'Không mở được cơ sở dữ liệu: khóa mã hóa không đúng.',
  FILE_INVALID: 'Tệp không đúng định dạng.',
  DEVICE_ERROR: 'Thiết bị gặp lỗi.',
  INTERNAL:
    'Đã xảy ra lỗi ngoài dự kiến. Dữ liệu của bạn không bị mất; vui lòng thử lại hoặc báo cho cán bộ CNTT.',
};

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message?: string, details?: unknown): Result<never> => ({
  ok: false,
  error:
    details === undefined
      ? { code, message: message ?? DEFAULT_ERROR_MESSAGES[code] }
      : { code, message: message ?? DEFAULT_ERROR_MESSAGES[code], details },
});
