import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * A small HTTP client for the provincial endpoint, on node:http/https rather than fetch, because
 * the station may have to trust the province's own CA (`ca`), which fetch cannot take without an
 * extra package; and because the answer must be bounded (a misbehaving server cannot fill memory).
 */
export interface HttpAnswer {
  status: number;
  contentType: string;
  retryAfter: string | null;
  body: string;
}

export interface HttpCall {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  ca?: string;
  signal: AbortSignal;
  timeoutMs: number;
}

const MAX_ANSWER_BYTES = 1024 * 1024;

export class HttpFailure extends Error {
  readonly kind: 'network' | 'tls' | 'timeout' | 'aborted' | 'too-large';
  constructor(kind: HttpFailure['kind'], message: string) {
    super(message);
    this.kind = kind;
  }
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i;

export function httpCall(call: HttpCall): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    if (call.signal.aborted) return reject(new HttpFailure('aborted', 'aborted'));
    const url = new URL(call.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: call.method,
        headers:
          call.body === undefined
            ? call.headers
            : { ...call.headers, 'content-length': Buffer.byteLength(call.body) },
        ...(url.protocol === 'https:' && call.ca ? { ca: call.ca } : {}),
        signal: call.signal,
        timeout: call.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_ANSWER_BYTES) {
            res.destroy();
            reject(new HttpFailure('too-large', 'answer larger than 1 MiB'));
            return;
          }
          chunks.push(c);
        });
        res.on('error', (e) => reject(new HttpFailure('network', e.message)));
        res.on('aborted', () => reject(new HttpFailure('network', 'connection closed mid-answer')));
        res.on('end', () => {
          if (!res.complete) return reject(new HttpFailure('network', 'connection closed mid-answer'));
          const retryAfter = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new HttpFailure('timeout', `no answer in ${call.timeoutMs} ms`)));
    req.on('error', (e: Error & { code?: string }) => {
      if (e instanceof HttpFailure) return reject(e);
      if (call.signal.aborted || e.name === 'AbortError')
        return reject(new HttpFailure('aborted', 'aborted'));
      reject(new HttpFailure(TLS_CODES.test(e.code ?? '') ? 'tls' : 'network', e.code ?? e.message));
    });
    req.end(call.body);
  });
}

/** Retry-After as seconds or an HTTP date → milliseconds (null when absent or unreadable). */
export function retryAfterMs(value: string | null, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
