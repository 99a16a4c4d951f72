import type { CheckResult, RecordResult, SendOptions, UpstreamAdapter } from '../adapter.ts';
import type { BuildSpec, PreparedRecord } from '../payload.ts';
import type { RecordSnapshot } from '../snapshot.ts';
import { failureOutcome, submitOutcome, type Outcome } from './answers.ts';
import { readPkcs12 } from './certificate.ts';
import { httpCall, HttpFailure, type HttpAnswer } from './http.ts';
import { MAX_BODY_BYTES, xml831Builder } from './payload.ts';

export { MAX_BODY_BYTES };
export { toXml831Record } from './record.ts';

/** Where the "cổng tiếp nhận" variant of the provincial interface listens, under the configured base URL (§1.5). */
export const TOKEN_PATH = '/api/xac-thuc/token';
export const SUBMIT_PATH = '/api/ho-so-suc-khoe/qd-831-2017/tiep-nhan';

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
  let token: Token | null = null;
  const build: BuildSpec = {
    kind: 'xml831',
    senderCode: cfg.senderCode,
    senderName: cfg.senderName,
    pkcs12: cfg.pkcs12,
    pkcs12Password: cfg.pkcs12Password,
    resourcesDir: deps.resourcesDir,
  };

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

  async function submit(xml: Buffer, signal: AbortSignal): Promise<Outcome> {
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

  async function deliverOne(p: PreparedRecord, signal: AbortSignal): Promise<Outcome> {
    if (p.answer) return p.answer;
    const body = p.bodies[0];
    if (!body) return { outcome: 'failed', code: 'BUILD_ERROR', messageVi: 'Không có tệp XML 831 để gửi.' };
    if (signal.aborted) return failureOutcome(new HttpFailure('aborted', 'aborted'));
    const result = await submit(Buffer.from(body.buffer, body.byteOffset, body.byteLength), signal);
    return result.outcome === 'acknowledged' && !result.remoteId && p.requestId
      ? { ...result, remoteId: p.requestId }
      : result;
  }

  async function deliver(prepared: PreparedRecord[], opts: SendOptions): Promise<RecordResult[]> {
    const results: RecordResult[] = [];
    // One at a time: the receiver numbers receipts in order and a station's line is narrow.
    for (const p of prepared) results.push({ personId: p.personId, ...(await deliverOne(p, opts.signal)) });
    return results;
  }

  return {
    kind: 'xml831',
    statutory: cfg.statutory,
    build,
    deliver,
    async send(records: RecordSnapshot[], opts: SendOptions): Promise<RecordResult[]> {
      const at = now();
      const builder = xml831Builder(build, at);
      return deliver(
        records.map((r) => builder(r, null, at.toISOString())),
        opts,
      );
    },
    async check(): Promise<CheckResult> {
      const started = Date.now();
      const opened = readPkcs12(cfg.pkcs12, cfg.pkcs12Password, now());
      if (!opened.ok)
        return { ok: false, messageVi: `${opened.messageVi} Chưa gửi được hồ sơ nào.`, latencyMs: null };
      token = null;
      const t = await validToken(AbortSignal.timeout(timeoutMs));
      const latencyMs = Date.now() - started;
      return 'value' in t
        ? { ok: true, messageVi: `Kết nối tốt, đăng nhập được máy chủ tỉnh (${latencyMs} ms).`, latencyMs }
        : { ok: false, messageVi: t.messageVi ?? 'Không kết nối được máy chủ tỉnh.', latencyMs: null };
    },
  };
}
