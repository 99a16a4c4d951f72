import { createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';

/**
 * How the FHIR adapter signs in: a fixed bearer token, OAuth2 client credentials (client id and
 * secret for a token), or SMART Backend Services (a JWT assertion signed with the station's private
 * key, RS384 or ES384, for a token). Tokens are kept until shortly before they expire and dropped
 * when the server answers 401, so an expired token costs one more request, not a failed run.
 */
export type FhirAuthConfig =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'client-credentials'; tokenUrl: string; clientId: string; clientSecret: string; scope: string }
  | {
      kind: 'smart-backend';
      tokenUrl: string;
      clientId: string;
      privateKeyPem: string;
      keyId: string;
      scope: string;
    };

export class AuthError extends Error {
  readonly code: string;
  readonly messageVi: string;
  readonly transient: boolean;
  constructor(code: string, messageVi: string, transient: boolean) {
    super(`${code}: ${messageVi}`);
    this.code = code;
    this.messageVi = messageVi;
    this.transient = transient;
  }
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** A SMART Backend Services client assertion (RFC 7523), signed with node:crypto. */
export function clientAssertion(
  cfg: { tokenUrl: string; clientId: string; keyId: string },
  key: KeyObject,
  nowMs: number,
): string {
  const ec = key.asymmetricKeyType === 'ec';
  const header = { alg: ec ? 'ES384' : 'RS384', typ: 'JWT', ...(cfg.keyId ? { kid: cfg.keyId } : {}) };
  const claims = {
    iss: cfg.clientId,
    sub: cfg.clientId,
    aud: cfg.tokenUrl,
    jti: randomUUID(),
    exp: Math.floor(nowMs / 1000) + 300,
  };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const sig = sign('sha384', Buffer.from(input), ec ? { key, dsaEncoding: 'ieee-p1363' } : key);
  return `${input}.${b64url(sig)}`;
}

export class TokenSource {
  readonly #cfg: FhirAuthConfig;
  readonly #fetch: typeof fetch;
  #token: { value: string; expiresAt: number } | null = null;
  #key: KeyObject | null = null;

  constructor(cfg: FhirAuthConfig, fetchImpl: typeof fetch) {
    this.#cfg = cfg;
    this.#fetch = fetchImpl;
  }

  /** The server said 401: the token it had is no good any more. */
  invalidate(): void {
    this.#token = null;
  }

  async header(signal: AbortSignal): Promise<Record<string, string>> {
    const cfg = this.#cfg;
    if (cfg.kind === 'none') return {};
    if (cfg.kind === 'bearer') return { authorization: `Bearer ${cfg.token}` };
    if (!this.#token || this.#token.expiresAt - 30_000 < Date.now())
      this.#token = await this.#fetchToken(signal);
    return { authorization: `Bearer ${this.#token.value}` };
  }

  async #fetchToken(signal: AbortSignal): Promise<{ value: string; expiresAt: number }> {
    const cfg = this.#cfg;
    if (cfg.kind !== 'client-credentials' && cfg.kind !== 'smart-backend')
      throw new Error('no token endpoint');
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (cfg.scope) form.set('scope', cfg.scope);
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (cfg.kind === 'client-credentials') {
      headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(cfg.clientId)}:${encodeURIComponent(cfg.clientSecret)}`).toString('base64')}`;
    } else {
      this.#key ??= createPrivateKey(cfg.privateKeyPem);
      form.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      form.set('client_assertion', clientAssertion(cfg, this.#key, Date.now()));
    }
    let res: Response;
    try {
      res = await this.#fetch(cfg.tokenUrl, { method: 'POST', body: form, headers, signal });
    } catch {
      throw new AuthError('NETWORK', 'Không kết nối được máy chủ cấp token.', true);
    }
    const text = await res.text().catch(() => '');
    if (res.status >= 500 || res.status === 429)
      throw new AuthError(
        `TOKEN_HTTP_${res.status}`,
        `Máy chủ cấp token đang lỗi (HTTP ${res.status}).`,
        true,
      );
    if (!res.ok)
      throw new AuthError(
        'AUTH',
        `Máy chủ cấp token từ chối đăng nhập (HTTP ${res.status}): kiểm tra mã ứng dụng và khoá/mật khẩu.`,
        true,
      );
    let body: { access_token?: unknown; expires_in?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new AuthError('BAD_RESPONSE', 'Máy chủ cấp token trả lời không đúng định dạng.', true);
    }
    if (typeof body.access_token !== 'string')
      throw new AuthError('BAD_RESPONSE', 'Máy chủ cấp token không trả về token.', true);
    const ttl = typeof body.expires_in === 'number' ? body.expires_in * 1000 : 300_000;
    return { value: body.access_token, expiresAt: Date.now() + ttl };
  }
}
