import type { CheckResult, RecordResult, SendOptions, UpstreamAdapter } from '../adapter.ts';
import { parseRetryAfter } from '../backoff.ts';
import type { BuildSpec, PreparedRecord } from '../payload.ts';
import type { RecordSnapshot } from '../snapshot.ts';
import { AuthError, TokenSource, type FhirAuthConfig } from './auth.ts';
import { buildFhirPayload } from './payload.ts';

/**
 * The FHIR R4 upstream: one transaction Bundle per record (a record is accepted whole or not at
 * all, and a refusal is that record's alone), PUT to our own ids so a re-send never duplicates.
 * Every answer is read before a record counts as acknowledged: the HTTP status, the content type,
 * a Bundle of type transaction-response with one 2xx entry per entry sent. Resources the record no
 * longer has are then deleted one by one (a DELETE of what is already gone counts as done: a
 * transaction with one would fail whole, and a re-send after a crash repeats the deletes). Anything else is a
 * retry (the server or the line) or a failure (the server refused the content), with a Vietnamese
 * message for the "Đồng bộ" screen.
 */
export interface FhirAdapterConfig {
  baseUrl: string;
  statutory: boolean;
  auth: FhirAuthConfig;
  /** Records in flight at once (each its own transaction). */
  concurrency?: number;
  timeoutMs?: number;
  /** Entries per transaction (the server's cap; Medplum allows 50 updates). */
  maxEntries?: number;
  fetch?: typeof fetch;
}

interface Outcome {
  issue?: { severity?: string; code?: string; diagnostics?: string; details?: { text?: string } }[];
}

const retry = (personId: string, code: string, messageVi: string, retryAfterMs?: number): RecordResult => ({
  personId,
  outcome: 'retry',
  code,
  messageVi,
  ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
});

function outcomeText(body: unknown): string {
  const oo = body as Outcome | null;
  const first = oo?.issue?.find((i) => i.severity === 'error' || i.severity === 'fatal') ?? oo?.issue?.[0];
  return (first?.diagnostics ?? first?.details?.text ?? '').slice(0, 300);
}

function networkCode(e: unknown): { code: string; messageVi: string } {
  const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as { code?: string }).code ?? '';
  if (/CERT|SSL|TLS|SELF_SIGNED/i.test(cause))
    return { code: 'TLS', messageVi: 'Chứng thư bảo mật của máy chủ FHIR không hợp lệ (TLS).' };
  if (cause === 'ENOTFOUND' || cause === 'EAI_AGAIN')
    return { code: 'DNS', messageVi: 'Không tìm thấy máy chủ FHIR (kiểm tra địa chỉ hoặc mạng).' };
  if ((e as Error).name === 'TimeoutError')
    return { code: 'TIMEOUT', messageVi: 'Máy chủ FHIR không trả lời kịp; sẽ gửi lại.' };
  return { code: 'NETWORK', messageVi: 'Mất kết nối tới máy chủ FHIR; sẽ gửi lại khi có mạng.' };
}

export class FhirAdapter implements UpstreamAdapter {
  readonly kind = 'fhir' as const;
  readonly statutory: boolean;
  readonly build: BuildSpec;
  readonly #cfg: FhirAdapterConfig;
  readonly #fetch: typeof fetch;
  readonly #tokens: TokenSource;

  constructor(cfg: FhirAdapterConfig) {
    this.#cfg = { ...cfg, baseUrl: cfg.baseUrl.replace(/\/+$/, '') };
    this.statutory = cfg.statutory;
    this.build = { kind: 'fhir', maxEntries: cfg.maxEntries ?? 50 };
    this.#fetch = cfg.fetch ?? fetch;
    this.#tokens = new TokenSource(cfg.auth, this.#fetch);
  }

  /** Builds here and sends (the engine builds on a worker thread and calls deliver). */
  send(records: RecordSnapshot[], opts: SendOptions): Promise<RecordResult[]> {
    const max = this.#cfg.maxEntries ?? 50;
    return this.deliver(
      records.map((r) => buildFhirPayload(r, null, max)),
      opts,
    );
  }

  async deliver(records: PreparedRecord[], opts: SendOptions): Promise<RecordResult[]> {
    const results: RecordResult[] = new Array<RecordResult>(records.length);
    let next = 0;
    const worker = async () => {
      while (next < records.length) {
        const i = next++;
        const r = records[i];
        results[i] = opts.signal.aborted
          ? retry(r.personId, 'CANCELLED', 'Đã dừng trước khi gửi.')
          : await this.#sendOne(r, opts.signal).catch((e: unknown) =>
              retry(r.personId, 'INTERNAL', `Lỗi khi gửi: ${String(e).slice(0, 200)}`),
            );
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#cfg.concurrency ?? 4, records.length) }, worker));
    return results;
  }

  async #post(body: Uint8Array<ArrayBuffer>, signal: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(this.#cfg.timeoutMs ?? 60_000);
    const both = AbortSignal.any([signal, timeout]);
    const send = async () =>
      this.#fetch(`${this.#cfg.baseUrl}`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/fhir+json',
          accept: 'application/fhir+json',
          // Only each entry's status and location are read, never the stored resource echoed
          // back: on a commune's slow line and in this process's memory the answer shrinks from
          // the size of the record to a few hundred bytes per entry (FHIR R4 http.html#ops).
          prefer: 'return=minimal',
          ...(await this.#tokens.header(both)),
        },
        signal: both,
      });
    let res = await send();
    if (res.status === 401 && this.#cfg.auth.kind !== 'none' && this.#cfg.auth.kind !== 'bearer') {
      // An expired token: one new token, one more try.
      await res.body?.cancel().catch(() => undefined);
      this.#tokens.invalidate();
      res = await send();
    }
    return res;
  }

  async #sendOne(p: PreparedRecord, signal: AbortSignal): Promise<RecordResult> {
    if (p.answer) return { personId: p.personId, ...p.answer };
    for (const [i, body] of p.bodies.entries()) {
      const r = await this.#sendTransaction(p.personId, body, p.entryUrls[i] ?? [], signal);
      if (r.outcome !== 'acknowledged') return r;
    }
    for (const url of p.deletes) {
      const r = await this.#delete(p.personId, url, signal);
      if (r) return r;
    }
    return { personId: p.personId, outcome: 'acknowledged', remoteId: `Patient/${p.personId}` };
  }

  /** Deletes one resource the record no longer has; null when it is gone (now or before). */
  async #delete(id: string, url: string, signal: AbortSignal): Promise<RecordResult | null> {
    let res: Response;
    try {
      const timeout = AbortSignal.timeout(this.#cfg.timeoutMs ?? 60_000);
      const both = AbortSignal.any([signal, timeout]);
      const send = async () =>
        this.#fetch(`${this.#cfg.baseUrl}/${url}`, {
          method: 'DELETE',
          headers: { accept: 'application/fhir+json', ...(await this.#tokens.header(both)) },
          signal: both,
        });
      res = await send();
      if (res.status === 401 && this.#cfg.auth.kind !== 'none' && this.#cfg.auth.kind !== 'bearer') {
        await res.body?.cancel().catch(() => undefined);
        this.#tokens.invalidate();
        res = await send();
      }
      await res.body?.cancel().catch(() => undefined);
    } catch (e) {
      if (e instanceof AuthError) return retry(id, e.code, e.messageVi);
      if (signal.aborted) return retry(id, 'CANCELLED', 'Đã dừng khi đang gửi; sẽ gửi lại.');
      const n = networkCode(e);
      return retry(id, n.code, n.messageVi);
    }
    if ((res.status >= 200 && res.status < 300) || res.status === 404 || res.status === 410) return null;
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
    if (res.status === 429 || res.status >= 500)
      return retry(
        id,
        `HTTP_${res.status}`,
        `Máy chủ FHIR chưa xoá được ${url} (HTTP ${res.status}); sẽ gửi lại sau.`,
        retryAfter,
      );
    if (res.status === 401 || res.status === 403)
      return retry(
        id,
        'AUTH',
        `Máy chủ FHIR từ chối quyền xoá (HTTP ${res.status}): kiểm tra cách đăng nhập trong Cài đặt đồng bộ.`,
      );
    return {
      personId: id,
      outcome: 'failed',
      code: 'FHIR_DELETE_REFUSED',
      messageVi: `Máy chủ FHIR không cho xoá ${url} (HTTP ${res.status}), mục này đã bị xoá trong hồ sơ ở trạm.`,
    };
  }

  async #sendTransaction(
    id: string,
    payload: Uint8Array<ArrayBuffer>,
    urls: readonly string[],
    signal: AbortSignal,
  ): Promise<RecordResult> {
    let res: Response;
    let text: string;
    try {
      res = await this.#post(payload, signal);
      text = await res.text();
    } catch (e) {
      if (e instanceof AuthError) return retry(id, e.code, e.messageVi);
      if (signal.aborted) return retry(id, 'CANCELLED', 'Đã dừng khi đang gửi; sẽ gửi lại.');
      const n = networkCode(e);
      return retry(id, n.code, n.messageVi);
    }
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
    let body: unknown = null;
    const json = /json/i.test(res.headers.get('content-type') ?? '');
    if (json) {
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
    }
    if (res.status === 429)
      return retry(
        id,
        'HTTP_429',
        'Máy chủ FHIR đang quá tải (quá nhiều yêu cầu); sẽ gửi lại sau.',
        retryAfter,
      );
    if (res.status >= 500)
      return retry(
        id,
        `HTTP_${res.status}`,
        `Máy chủ FHIR đang lỗi (HTTP ${res.status}); sẽ gửi lại sau.`,
        retryAfter,
      );
    if (res.status === 401 || res.status === 403)
      return retry(
        id,
        'AUTH',
        `Máy chủ FHIR từ chối quyền truy cập (HTTP ${res.status}): kiểm tra cách đăng nhập trong Cài đặt đồng bộ.`,
      );
    if (res.status >= 400) {
      const why = outcomeText(body);
      return {
        personId: id,
        outcome: 'failed',
        code: res.status === 409 || res.status === 412 ? 'FHIR_CONFLICT' : 'FHIR_INVALID',
        messageVi: `Máy chủ FHIR từ chối hồ sơ (HTTP ${res.status})${why ? `: ${why}` : ''}.`,
      };
    }
    if (!json || body === null)
      return retry(
        id,
        'BAD_RESPONSE',
        'Máy chủ FHIR trả lời không phải dữ liệu FHIR (có thể là trang lỗi); sẽ gửi lại.',
      );
    const b = body as {
      resourceType?: string;
      type?: string;
      entry?: { response?: { status?: string; location?: string; outcome?: unknown } }[];
    };
    if (b.resourceType === 'OperationOutcome')
      return retry(
        id,
        'BAD_RESPONSE',
        `Máy chủ FHIR báo lỗi trong câu trả lời thành công: ${outcomeText(body) || 'không rõ'}; sẽ gửi lại.`,
      );
    if (b.resourceType !== 'Bundle' || b.type !== 'transaction-response' || !Array.isArray(b.entry))
      return retry(
        id,
        'BAD_RESPONSE',
        'Máy chủ FHIR trả lời không đúng dạng (không phải kết quả giao dịch); sẽ gửi lại.',
      );
    if (b.entry.length !== urls.length)
      return retry(
        id,
        'BAD_RESPONSE',
        `Máy chủ FHIR chỉ trả lời ${b.entry.length}/${urls.length} mục; sẽ gửi lại.`,
      );
    for (const [i, e] of b.entry.entries()) {
      const status = Number.parseInt(e.response?.status ?? '', 10);
      if (status >= 200 && status < 300) continue;
      const what = urls[i] ?? '';
      if (status >= 400 && status < 500)
        return {
          personId: id,
          outcome: 'failed',
          code: 'FHIR_INVALID',
          messageVi: `Máy chủ FHIR từ chối ${what} (HTTP ${status})${outcomeText(e.response?.outcome) ? `: ${outcomeText(e.response?.outcome)}` : ''}.`,
        };
      return retry(id, 'BAD_RESPONSE', `Máy chủ FHIR không xác nhận ${what}; sẽ gửi lại.`);
    }
    return { personId: id, outcome: 'acknowledged', remoteId: `Patient/${id}` };
  }

  async check(): Promise<CheckResult> {
    const started = performance.now();
    try {
      const signal = AbortSignal.timeout(15_000);
      const res = await this.#fetch(`${this.#cfg.baseUrl}/metadata`, {
        headers: { accept: 'application/fhir+json', ...(await this.#tokens.header(signal)) },
        signal,
      });
      const ms = Math.round(performance.now() - started);
      const body = (await res.json().catch(() => null)) as {
        resourceType?: string;
        fhirVersion?: string;
      } | null;
      if (!res.ok) return { ok: false, messageVi: `Máy chủ FHIR trả lời HTTP ${res.status}.`, latencyMs: ms };
      if (body?.resourceType !== 'CapabilityStatement')
        return {
          ok: false,
          messageVi: 'Địa chỉ này không phải máy chủ FHIR (không có CapabilityStatement).',
          latencyMs: ms,
        };
      if (body.fhirVersion && !body.fhirVersion.startsWith('4.0'))
        return {
          ok: false,
          messageVi: `Máy chủ dùng FHIR ${body.fhirVersion}, cần FHIR R4 (4.0.x).`,
          latencyMs: ms,
        };
      return { ok: true, messageVi: `Kết nối tốt (${ms} ms).`, latencyMs: ms };
    } catch (e) {
      if (e instanceof AuthError) return { ok: false, messageVi: e.messageVi, latencyMs: null };
      return { ok: false, messageVi: networkCode(e).messageVi, latencyMs: null };
    }
  }
}
