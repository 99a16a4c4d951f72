import type { RecordResult } from '../adapter.ts';
import { HttpFailure, retryAfterMs, type HttpAnswer } from './http.ts';

/**
 * What the provincial receiver's answer means for one record. Only an HTTP 200 with a JSON body
 * saying `success: true` and a code starting ACCEPTED is an acknowledgement (ACCEPTED_DUPLICATE is:
 * the province already holds this very version). Anything else the station cannot read — HTML from
 * a proxy, garbage, a 200 with an error inside, the wrong content type — is retried later with a
 * plain Vietnamese message, never taken as sent.
 */
export type Outcome = Omit<RecordResult, 'personId'>;

const retry = (code: string, messageVi: string, waitMs?: number | null): Outcome => ({
  outcome: 'retry',
  code,
  messageVi,
  ...(waitMs ? { retryAfterMs: waitMs } : {}),
});
const failed = (code: string, messageVi: string): Outcome => ({ outcome: 'failed', code, messageVi });

interface ReceiverJson {
  success?: unknown;
  code?: unknown;
  message?: unknown;
  data?: { tracking_id?: unknown } | null;
}

function readJson(answer: HttpAnswer): ReceiverJson | null {
  if (!/^application\/(problem\+)?json\b/i.test(answer.contentType)) return null;
  try {
    const v: unknown = JSON.parse(answer.body);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as ReceiverJson) : null;
  } catch {
    return null;
  }
}

const shortText = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : '');

export function submitOutcome(answer: HttpAnswer, now: Date): Outcome {
  const json = readJson(answer);
  const code = typeof json?.code === 'string' ? json.code : '';
  const said = shortText(json?.message);
  const wait = retryAfterMs(answer.retryAfter, now);
  if (answer.status === 200) {
    if (!json)
      return retry(
        'BAD_ANSWER',
        /html/i.test(answer.contentType) || /^\s*</.test(answer.body)
          ? 'Máy chủ tỉnh trả về một trang web thay cho kết quả (có thể do mạng hoặc máy chủ trung gian). Sẽ gửi lại sau.'
          : 'Máy chủ tỉnh trả lời không đúng định dạng nên chưa biết hồ sơ đã được nhận hay chưa. Sẽ gửi lại sau.',
      );
    if (json.success === true && code.startsWith('ACCEPTED'))
      return {
        outcome: 'acknowledged',
        code,
        ...(typeof json.data?.tracking_id === 'string' ? { remoteId: json.data.tracking_id } : {}),
      };
    return retry(
      code || 'NOT_ACCEPTED',
      `Máy chủ tỉnh chưa xác nhận đã nhận hồ sơ${said ? `: «${said}»` : ''}. Sẽ gửi lại sau.`,
    );
  }
  switch (answer.status) {
    case 401:
      return retry(
        'TOKEN_EXPIRED',
        'Phiên đăng nhập vào máy chủ tỉnh đã hết hạn. Sẽ đăng nhập lại và gửi lại.',
      );
    case 403:
      return code === 'ORG_MISMATCH'
        ? failed(
            'ORG_MISMATCH',
            'Mã cơ sở gửi (SENDER_CODE) không khớp với tài khoản đăng nhập máy chủ tỉnh. Quản trị viên cần sửa mã trạm trong cài đặt đồng bộ, rồi bấm "Gửi lại".',
          )
        : failed(
            code || 'FORBIDDEN',
            'Tài khoản của trạm không được phép gửi hồ sơ lên máy chủ tỉnh. Liên hệ đơn vị quản lý kho dữ liệu tỉnh.',
          );
    case 409:
      return failed(
        code || 'REQUEST_ID_CONFLICT',
        'Máy chủ tỉnh đã nhận một hồ sơ khác với cùng mã yêu cầu (REQUEST_ID). Bấm "Gửi lại" sau khi hồ sơ được sửa; nếu vẫn lỗi, báo cho bộ phận hỗ trợ.',
      );
    case 413:
      return failed('PAYLOAD_TOO_LARGE', 'Hồ sơ quá lớn để máy chủ tỉnh nhận (trên 10 MB).');
    case 415:
      return failed(
        'UNSUPPORTED_MEDIA_TYPE',
        'Máy chủ tỉnh không nhận định dạng gửi lên. Báo cho bộ phận hỗ trợ.',
      );
    case 400:
    case 422:
      return failed(
        code || 'REJECTED',
        `Máy chủ tỉnh từ chối hồ sơ${said ? `: «${said}»` : ''}. Sửa hồ sơ rồi bấm "Gửi lại".`,
      );
    case 429:
      return retry('HTTP_429', 'Máy chủ tỉnh đang quá tải và yêu cầu gửi chậm lại. Sẽ gửi lại sau.', wait);
    default:
      if (answer.status >= 500)
        return retry(`HTTP_${answer.status}`, 'Máy chủ tỉnh đang gặp sự cố. Sẽ gửi lại sau.', wait);
      return retry(
        `HTTP_${answer.status}`,
        `Máy chủ tỉnh trả lời bất thường (mã ${answer.status}). Sẽ gửi lại sau.`,
        wait,
      );
  }
}

export function failureOutcome(e: unknown): Outcome {
  if (e instanceof HttpFailure) {
    switch (e.kind) {
      case 'tls':
        return retry(
          'TLS',
          'Không xác minh được chứng chỉ bảo mật của máy chủ tỉnh. Kiểm tra chứng chỉ CA trong cài đặt đồng bộ và giờ của máy tính.',
        );
      case 'timeout':
        return retry('TIMEOUT', 'Máy chủ tỉnh không trả lời kịp. Sẽ gửi lại sau.');
      case 'aborted':
        return retry('CANCELLED', 'Đã dừng gửi trước khi có kết quả. Hồ sơ sẽ được gửi ở lần sau.');
      case 'too-large':
        return retry('BAD_ANSWER', 'Máy chủ tỉnh trả lời không đúng định dạng. Sẽ gửi lại sau.');
      case 'network':
        return retry(
          'NETWORK',
          'Không kết nối được máy chủ tỉnh (mất mạng hoặc kết nối bị ngắt). Sẽ gửi lại khi có mạng.',
        );
    }
  }
  return retry('NETWORK', 'Không kết nối được máy chủ tỉnh. Sẽ gửi lại khi có mạng.');
}
