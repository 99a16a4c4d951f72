/**
 * A provincial 831 XML receiver with the documented behaviour of the "cổng tiếp nhận" (§1.5):
 * token login with expiry; SENDER_CODE must be the unit bound to the token (403 ORG_MISMATCH);
 * REQUEST_ID is the idempotency key (the same content again → 200 ACCEPTED_DUPLICATE; other content
 * → 409 REQUEST_ID_CONFLICT); bodies over 10 MiB → 413; the XML-DSig signature is verified against
 * the certificate registered for the unit; and the serialisation rules are enforced (no BOM, no
 * self-closed tags). Faults are injected per request for the tests and for training.
 * Runs for tests, demos and training (`hssk upstream serve --kind xml831`).
 */
import { DOMParser } from '@xmldom/xmldom';
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SUBMIT_PATH, TOKEN_PATH } from '../../main/core/upstream/xml831/adapter.ts';
import { verifyXml831 } from '../../main/core/upstream/xml831/sign.ts';

export const MAX_BODY = 10 * 1024 * 1024;

export interface Xml831Account {
  username: string;
  password: string;
  /** The unit code the token is bound to: HEADER/SENDER_CODE must equal it. */
  orgCode: string;
  /** The unit's registered signing certificate (PEM): every document must verify with it. */
  certificatePem: string;
}

/** What can go wrong on the way, one request at a time (the test upstreams' fault matrix). */
export type Xml831Fault =
  | { kind: 'status'; status: number; retryAfterSec?: number }
  | { kind: 'reset' } // the record is stored, then the connection is cut mid-answer
  | { kind: 'html' } // a proxy's error page with 200
  | { kind: 'garbage' } // 200, JSON content type, not JSON
  | { kind: 'ok-with-error' } // 200 with success:false inside
  | { kind: 'wrong-content-type' } // 200, the right JSON, served as text/plain
  | { kind: 'latency'; ms: number }
  | { kind: 'drip'; ms: number } // the answer arrives a few bytes at a time
  | { kind: 'duplicate' } // the request is delivered twice (a proxy retried it)
  | { kind: 'expire-token' }; // the caller's token expires just before this request

export interface StoredDocument {
  requestId: string;
  senderCode: string;
  bodyHash: string;
  trackingId: string;
  xml: string;
}

export interface Xml831Receiver {
  url: string;
  /** Documents accepted, by REQUEST_ID (each once: a duplicate is not stored again). */
  readonly documents: Map<string, StoredDocument>;
  /**
   * The health record the repository holds per resident (by MADINHDANH, else the REQUEST_ID's
   * record id): each accepted document replaces the whole record (ACTION_TYPE 1, "cập nhật hồ sơ
   * sức khỏe"), so what a later document leaves out is no longer held.
   */
  readonly records: Map<string, StoredDocument>;
  readonly stats: { logins: number; submits: number; accepted: number; duplicates: number; refused: number };
  /** Faults applied to the next submissions, in order (each one request). */
  inject(...faults: Xml831Fault[]): void;
  expireTokens(): void;
  close(): Promise<void>;
}

export interface Xml831ReceiverOptions {
  port?: number;
  host?: string;
  /**
   * The units that may sign in. Absent (demos, training): any user name and password sign in, the
   * user name is the unit code, and a unit's first valid signature pins its certificate.
   */
  accounts?: Xml831Account[];
  tokenLifetimeSec?: number;
  faults?: Xml831Fault[];
  /** Added before every answer to a submission. */
  latencyMs?: number;
}

const json = (res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};
const refuse = (res: ServerResponse, status: number, code: string, message: string) =>
  json(res, status, { success: false, code, message, data: null });

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      if (!over) chunks.push(c);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const between = (xml: string, tag: string) => {
  const start = xml.indexOf(`<${tag}>`);
  const end = xml.indexOf(`</${tag}>`);
  return start < 0 || end < 0 ? null : xml.slice(start + tag.length + 2, end);
};

/** The signer's certificate carried in KeyInfo, as PEM (demo mode trusts it on first use). */
function keyInfoCertificate(xml: string): string | undefined {
  const b64 = /<X509Certificate>([^<]+)<\/X509Certificate>/.exec(xml)?.[1]?.replace(/\s+/g, '');
  return b64
    ? `-----BEGIN CERTIFICATE-----\n${b64.replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`
    : undefined;
}

export async function startXml831Receiver(opts: Xml831ReceiverOptions): Promise<Xml831Receiver> {
  const tokens = new Map<string, { orgCode: string; expiresAt: number }>();
  const pinned = new Map<string, string>();
  const documents = new Map<string, StoredDocument>();
  const records = new Map<string, StoredDocument>();
  const stats = { logins: 0, submits: 0, accepted: 0, duplicates: 0, refused: 0 };
  const faults: Xml831Fault[] = [...(opts.faults ?? [])];
  const lifetime = opts.tokenLifetimeSec ?? 3 * 3600;

  function login(body: Buffer, res: ServerResponse) {
    let creds: { username?: unknown; password?: unknown };
    try {
      creds = JSON.parse(body.toString('utf8')) as typeof creds;
    } catch {
      return refuse(res, 400, 'INVALID_REQUEST', 'Yêu cầu không hợp lệ');
    }
    const account = opts.accounts
      ? opts.accounts.find((a) => a.username === creds.username && a.password === creds.password)
      : typeof creds.username === 'string' && creds.username !== ''
        ? { orgCode: creds.username }
        : undefined;
    if (!account) return refuse(res, 401, 'INVALID_CREDENTIALS', 'Sai tên đăng nhập hoặc mật khẩu');
    stats.logins++;
    const token = randomUUID();
    tokens.set(token, { orgCode: account.orgCode, expiresAt: Date.now() + lifetime * 1000 });
    json(res, 200, {
      success: true,
      data: { access_token: token, token_type: 'Bearer', expires_in: lifetime },
    });
  }

  /** Decides on one delivery of a document; returns the answer (status, body) without writing it. */
  function decide(raw: Buffer, orgCode: string): { status: number; body: object } {
    const fail = (status: number, code: string, message: string) => {
      stats.refused++;
      return { status, body: { success: false, code, message, data: null } };
    };
    if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf)
      return fail(400, 'BOM_NOT_ALLOWED', 'Tệp XML không được có BOM');
    const xml = raw.toString('utf8');
    const errors: string[] = [];
    const doc = new DOMParser({
      onError: (level, msg) => void (level !== 'warning' && errors.push(msg)),
    }).parseFromString(xml, 'text/xml');
    if (errors.length > 0 || doc.documentElement?.tagName !== 'DATA')
      return fail(400, 'INVALID_XML', 'Tệp XML không hợp lệ');
    const unsigned = xml.replace(/<Signature[\s\S]*<\/Signature>/, '');
    if (/\/>/.test(unsigned)) return fail(400, 'INVALID_XML', 'Thẻ XML không được tự đóng');
    const header = between(xml, 'HEADER') ?? '';
    const senderCode = between(header, 'SENDER_CODE') ?? '';
    const requestId = between(header, 'REQUEST_ID') ?? '';
    const body = between(xml, 'BODY');
    if (!requestId || requestId.length > 100 || body === null)
      return fail(400, 'INVALID_REQUEST', 'Thiếu REQUEST_ID hoặc BODY');
    if (senderCode !== orgCode)
      return fail(403, 'ORG_MISMATCH', 'SENDER_CODE không khớp với đơn vị của token');
    const certificatePem = opts.accounts
      ? opts.accounts.find((a) => a.orgCode === orgCode)?.certificatePem
      : (pinned.get(orgCode) ?? keyInfoCertificate(xml));
    if (!certificatePem || !verifyXml831(xml, certificatePem))
      return fail(400, 'INVALID_SIGNATURE', 'Chữ ký số không hợp lệ');
    if (!opts.accounts) pinned.set(orgCode, certificatePem);
    const bodyHash = createHash('sha256').update(body).digest('hex');
    const known = documents.get(requestId);
    if (known) {
      if (known.bodyHash !== bodyHash || known.senderCode !== senderCode)
        return fail(409, 'REQUEST_ID_CONFLICT', 'REQUEST_ID đã được dùng cho nội dung khác');
      stats.duplicates++;
      return {
        status: 200,
        body: {
          success: true,
          code: 'ACCEPTED_DUPLICATE',
          message: 'Đã tiếp nhận trước đó',
          data: { tracking_id: known.trackingId },
        },
      };
    }
    const trackingId = `TN-${randomUUID()}`;
    const stored = { requestId, senderCode, bodyHash, trackingId, xml };
    documents.set(requestId, stored);
    const resident = between(body, 'MADINHDANH') || (/^HSSK-(.+)-[^-]+$/.exec(requestId)?.[1] ?? requestId);
    records.set(resident, stored);
    stats.accepted++;
    return {
      status: 200,
      body: {
        success: true,
        code: 'ACCEPTED',
        message: 'Tiếp nhận thành công',
        data: { tracking_id: trackingId },
      },
    };
  }

  async function submit(req: IncomingMessage, res: ServerResponse) {
    const fault = faults.shift();
    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
    if (fault?.kind === 'latency') await new Promise((r) => setTimeout(r, fault.ms));
    const auth = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
    if (fault?.kind === 'expire-token' && auth?.[1]) tokens.delete(auth[1]);
    const token = auth?.[1] ? tokens.get(auth[1]) : undefined;
    const raw = await readBody(req, MAX_BODY);
    stats.submits++;
    if (!token || token.expiresAt < Date.now())
      return refuse(res, 401, 'TOKEN_EXPIRED', 'Token không hợp lệ hoặc đã hết hạn');
    if (raw === 'too-large') return refuse(res, 413, 'PAYLOAD_TOO_LARGE', 'Dữ liệu vượt quá 10 MiB');
    if (!/^(application|text)\/xml\b/i.test(req.headers['content-type'] ?? ''))
      return refuse(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Chỉ nhận application/xml');
    if (fault?.kind === 'status') {
      const headers: Record<string, string> =
        fault.retryAfterSec !== undefined ? { 'retry-after': String(fault.retryAfterSec) } : {};
      return json(
        res,
        fault.status,
        {
          success: false,
          code: `HTTP_${fault.status}`,
          message: fault.status < 500 ? 'Dữ liệu không hợp lệ' : 'Lỗi máy chủ',
        },
        headers,
      );
    }
    if (fault?.kind === 'duplicate') decide(raw, token.orgCode);
    const answer = decide(raw, token.orgCode);
    switch (fault?.kind) {
      case 'reset':
        res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': '400' });
        res.write(JSON.stringify(answer.body).slice(0, 10));
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"success": tru');
      case 'ok-with-error':
        return json(res, 200, { success: false, code: 'INTERNAL_ERROR', message: 'Lỗi lưu dữ liệu' });
      case 'wrong-content-type':
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end(JSON.stringify(answer.body));
      case 'drip': {
        const text = JSON.stringify(answer.body);
        res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
        for (let i = 0; i < text.length; i += 8) {
          res.write(text.slice(i, i + 8));
          await new Promise((r) => setTimeout(r, fault.ms));
        }
        return res.end();
      }
      default:
        return json(res, answer.status, answer.body);
    }
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const handle = async () => {
      if (req.method === 'POST' && path === TOKEN_PATH) {
        const body = await readBody(req, 64 * 1024);
        return body === 'too-large' ? refuse(res, 413, 'PAYLOAD_TOO_LARGE', 'Quá lớn') : login(body, res);
      }
      if (req.method === 'POST' && path === SUBMIT_PATH) return submit(req, res);
      req.resume();
      refuse(res, 404, 'NOT_FOUND', 'Không có địa chỉ này');
    };
    handle().catch(() => {
      if (!res.headersSent) refuse(res, 500, 'INTERNAL_ERROR', 'Lỗi máy chủ');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    documents,
    records,
    stats,
    inject: (...f) => void faults.push(...f),
    expireTokens: () => tokens.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
