import { VACCINE_CATALOGUE } from '../../record/rules/vaccines.ts';
import type { CheckResult, RecordResult, SendOptions, UpstreamAdapter } from '../adapter.ts';
import type { RecordData, RecordSnapshot } from '../snapshot.ts';
import { failureOutcome, submitOutcome, type Outcome } from './answers.ts';
import { readPkcs12 } from './certificate.ts';
import { loadXml831Codes, type Xml831Codes } from './code-lists.ts';
import { buildXml831 } from './document.ts';
import { httpCall, HttpFailure, type HttpAnswer } from './http.ts';
import { signXml831, type SigningKey } from './sign.ts';
import type { Xml831Record } from './source.ts';

/** Where the "cổng tiếp nhận" variant of the provincial interface listens, under the configured base URL (§1.5). */
export const TOKEN_PATH = '/api/xac-thuc/token';
export const SUBMIT_PATH = '/api/ho-so-suc-khoe/qd-831-2017/tiep-nhan';
/** The receiver refuses bodies over 10 MiB; a record that large is not sent at all. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface Xml831Config {
  url: string;
  senderCode: string;
  senderName: string;
  username: string;
  password: string;
  pkcs12: Uint8Array;
  pkcs12Password: string;
  caPem?: string;
  statutory: boolean;
}

export interface Xml831Deps {
  resourcesDir: string;
  now?: () => Date;
  timeoutMs?: number;
}

const CATALOGUE = new Map(VACCINE_CATALOGUE.map((d) => [d.code, d]));

/** The snapshot's record as the XML builder takes it (the static catalogue fills a dose's group and order if missing). */
export function toXml831Record(data: RecordData): Xml831Record {
  return {
    person: data.person,
    history: data.history,
    doses: data.doses.map((d) => ({
      ...d,
      group: d.group ?? CATALOGUE.get(d.vaccineCode)?.group ?? null,
      dose: d.dose ?? CATALOGUE.get(d.vaccineCode)?.dose ?? null,
    })),
    visits: data.visits,
  };
}

interface Token {
  value: string;
  expiresAt: number;
}

/**
 * The provincial 831 XML upstream: signs in (token with expiry, signed in again when it expires or
 * is refused), sends one signed document per resident with its REQUEST_ID, and reads each answer
 * strictly (answers.ts). Statutory: the province receives every record, consent or not.
 */
export function createXml831Adapter(cfg: Xml831Config, deps: Xml831Deps): UpstreamAdapter {
  const now = deps.now ?? (() => new Date());
  const timeoutMs = deps.timeoutMs ?? 30_000;
  const base = cfg.url.replace(/\/+$/, '');
  let codes: Xml831Codes | null = null;
  let token: Token | null = null;

  async function login(signal: AbortSignal): Promise<Token | Outcome> {
    let answer: HttpAnswer;
    try {
      answer = await httpCall({
        method: 'POST',
        url: base + TOKEN_PATH,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ username: cfg.username, password: cfg.password }),
        ...(cfg.caPem ? { ca: cfg.caPem } : {}),
        signal,
        timeoutMs,
      });
    } catch (e) {
      return failureOutcome(e);
    }
    if (answer.status === 401 || answer.status === 403)
      return {
        outcome: 'retry',
        code: 'LOGIN_REFUSED',
        messageVi:
          'Máy chủ tỉnh từ chối đăng nhập: tên đăng nhập hoặc mật khẩu trong cài đặt đồng bộ không đúng.',
      };
    if (answer.status !== 200) return submitOutcome(answer, now());
    let data: { access_token?: unknown; expires_in?: unknown } | undefined;
    try {
      data = (JSON.parse(answer.body) as { data?: typeof data }).data;
    } catch {
      data = undefined;
    }
    if (typeof data?.access_token !== 'string' || !data.access_token)
      return {
        outcome: 'retry',
        code: 'BAD_ANSWER',
        messageVi: 'Máy chủ tỉnh trả lời đăng nhập không đúng định dạng. Sẽ thử lại sau.',
      };
    const seconds = typeof data.expires_in === 'number' && data.expires_in > 0 ? data.expires_in : 3600;
    // Signed in again a minute early, so a token never expires between the check and the request.
    return { value: data.access_token, expiresAt: now().getTime() + Math.max(0, seconds - 60) * 1000 };
  }

  async function validToken(signal: AbortSignal): Promise<Token | Outcome> {
    if (token && token.expiresAt > now().getTime()) return token;
    token = null;
    const t = await login(signal);
    if ('value' in t) token = t;
    return t;
  }

  async function submit(xml: string, signal: AbortSignal): Promise<Outcome> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const t = await validToken(signal);
      if (!('value' in t)) return t;
      let answer: HttpAnswer;
      try {
        answer = await httpCall({
          method: 'POST',
          url: base + SUBMIT_PATH,
          headers: {
            'content-type': 'application/xml; charset=utf-8',
            accept: 'application/json',
            authorization: `Bearer ${t.value}`,
          },
          body: xml,
          ...(cfg.caPem ? { ca: cfg.caPem } : {}),
          signal,
          timeoutMs,
        });
      } catch (e) {
        return failureOutcome(e);
      }
      // A token the receiver says has expired (its clock, not ours): sign in again once and resend.
      if (answer.status === 401 && attempt === 0) {
        token = null;
        continue;
      }
      return submitOutcome(answer, now());
    }
    return failureOutcome(new HttpFailure('network', 'unreachable'));
  }

  function signingKey(): SigningKey | Outcome {
    const opened = readPkcs12(cfg.pkcs12, cfg.pkcs12Password, now());
    return opened.ok
      ? opened.key
      : {
          outcome: 'retry',
          code: `CERT_${opened.code}`,
          messageVi: `${opened.messageVi} Chưa gửi được hồ sơ nào.`,
        };
  }

  async function sendOne(rec: RecordSnapshot, key: SigningKey, signal: AbortSignal): Promise<Outcome> {
    if (rec.op === 'retire')
      // The 831 XML has no action that retires a record: the survivor's record (sent with its own
      // identifiers) stands for the resident upstream. Nothing to deliver for the merged-away id.
      return {
        outcome: 'acknowledged',
        code: 'XML831_NO_RETIRE',
        messageVi: 'Hồ sơ đã gộp: kho 831 của tỉnh không có thao tác hủy, hồ sơ còn lại được gửi thay.',
      };
    codes ??= loadXml831Codes(deps.resourcesDir);
    const doc = buildXml831(
      toXml831Record(rec.record),
      { code: cfg.senderCode, name: cfg.senderName },
      codes,
      {
        now: now().toISOString(),
      },
    );
    const signed = signXml831(doc.xml, key);
    if (Buffer.byteLength(signed) > MAX_BODY_BYTES)
      return {
        outcome: 'failed',
        code: 'PAYLOAD_TOO_LARGE',
        messageVi: 'Hồ sơ quá lớn để máy chủ tỉnh nhận (trên 10 MB).',
      };
    const result = await submit(signed, signal);
    return result.outcome === 'acknowledged' && !result.remoteId
      ? { ...result, remoteId: doc.requestId }
      : result;
  }

  return {
    kind: 'xml831',
    statutory: cfg.statutory,
    async send(records: RecordSnapshot[], opts: SendOptions): Promise<RecordResult[]> {
      const key = signingKey();
      const results: RecordResult[] = [];
      for (const rec of records) {
        let outcome: Outcome;
        if (!('privateKeyPem' in key)) outcome = key;
        else if (opts.signal.aborted) outcome = failureOutcome(new HttpFailure('aborted', 'aborted'));
        else {
          try {
            outcome = await sendOne(rec, key, opts.signal);
          } catch {
            // A record the builder cannot turn into XML must not stop the others.
            outcome = {
              outcome: 'failed',
              code: 'BUILD_ERROR',
              messageVi: 'Không tạo được tệp XML 831 cho hồ sơ này. Báo cho bộ phận hỗ trợ.',
            };
          }
        }
        results.push({ personId: rec.personId, ...outcome });
      }
      return results;
    },
    async check(): Promise<CheckResult> {
      const started = Date.now();
      const key = signingKey();
      if (!('privateKeyPem' in key)) return { ok: false, messageVi: key.messageVi ?? '', latencyMs: null };
      token = null;
      const t = await validToken(AbortSignal.timeout(timeoutMs));
      const latencyMs = Date.now() - started;
      return 'value' in t
        ? { ok: true, messageVi: `Kết nối tốt, đăng nhập được máy chủ tỉnh (${latencyMs} ms).`, latencyMs }
        : { ok: false, messageVi: t.messageVi ?? 'Không kết nối được máy chủ tỉnh.', latencyMs: null };
    },
  };
}
