import { createPublicKey, randomUUID, verify } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getStatus, normalizeOperationOutcome } from '@medplum/core';
import { FhirRouter, MemoryRepository, type FhirRequest } from '@medplum/fhir-router';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { nextFault, parseFaults, type Faults } from './fhir-faults.ts';
import { indexR4, validateStrict } from './fhir-validate.ts';

/**
 * A FHIR R4 test upstream: Medplum's router on its in-memory repository behind node:http, at
 * `<url>` = http://127.0.0.1:PORT/fhir/R4. Every resource received is validated strictly
 * (fhir-validate.ts, required bindings included) and a transaction with one invalid resource is
 * refused whole (400). Optional OAuth2 at `<url>/token` (client credentials with a secret, or a
 * SMART Backend Services assertion verified with the client's public key). Faults from a SPEC
 * (fhir-faults.ts). Runs in-process for tests and benches, or alone: `hssk upstream serve --kind fhir`.
 */
export interface FhirServerOptions {
  port?: number;
  faults?: string;
  auth?: { clientId: string; clientSecret?: string; publicKeyPem?: string; tokenTtlS?: number };
}

export interface FhirServer {
  url: string;
  tokenUrl: string;
  repo: MemoryRepository;
  stats: {
    requests: number;
    transactions: number;
    refused: number;
    /** Transactions answered without the stored resources (`Prefer: return=minimal`). */
    minimal: number;
    faults: Record<string, number>;
  };
  faults: Faults;
  /** Every resource of a type held now. */
  resources<T extends Resource>(type: T['resourceType']): Promise<T[]>;
  close(): Promise<void>;
}

const BASE = '/fhir/R4';

const CAPABILITY = {
  resourceType: 'CapabilityStatement',
  status: 'active',
  date: '2026-12-07',
  kind: 'instance',
  fhirVersion: '4.0.1',
  format: ['json'],
  rest: [{ mode: 'server', interaction: [{ code: 'transaction' }] }],
};

function verifyAssertion(jwt: string, publicKeyPem: string, clientId: string, aud: string): boolean {
  const [h, c, s] = jwt.split('.');
  if (!h || !c || !s) return false;
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
  const claims = JSON.parse(Buffer.from(c, 'base64url').toString()) as {
    iss?: string;
    sub?: string;
    aud?: string;
    exp?: number;
  };
  const key = createPublicKey(publicKeyPem);
  const ec = header.alg === 'ES384';
  const ok = verify(
    'sha384',
    Buffer.from(`${h}.${c}`),
    ec ? { key, dsaEncoding: 'ieee-p1363' } : key,
    Buffer.from(s, 'base64url'),
  );
  return (
    ok &&
    claims.iss === clientId &&
    claims.sub === clientId &&
    claims.aud === aud &&
    (claims.exp ?? 0) * 1000 > Date.now()
  );
}

export async function startFhirServer(options: FhirServerOptions = {}): Promise<FhirServer> {
  indexR4();
  const repo = new MemoryRepository();
  const router = new FhirRouter();
  const faults = parseFaults(options.faults);
  const stats: FhirServer['stats'] = { requests: 0, transactions: 0, refused: 0, minimal: 0, faults: {} };
  const tokens = new Map<string, number>();
  let url = '';

  const send = async (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));
    res.writeHead(status, { 'content-type': 'application/fhir+json', ...headers }).end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      stats.requests += 1;
      const u = new URL(req.url ?? '/', 'http://x');
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');

      if (u.pathname === `${BASE}/token` && req.method === 'POST') {
        const auth = options.auth;
        const form = new URLSearchParams(raw);
        let ok = false;
        if (auth && form.get('grant_type') === 'client_credentials') {
          const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
          if (basic && auth.clientSecret) {
            const [id, secret] = Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent);
            ok = id === auth.clientId && secret === auth.clientSecret;
          }
          const assertion = form.get('client_assertion');
          if (!ok && assertion && auth.publicKeyPem)
            ok = verifyAssertion(assertion, auth.publicKeyPem, auth.clientId, `${url}/token`);
        }
        if (!ok) return send(res, 401, { error: 'invalid_client' }, { 'content-type': 'application/json' });
        const token = randomUUID();
        const ttl = auth?.tokenTtlS ?? 3600;
        tokens.set(token, Date.now() + ttl * 1000);
        return send(
          res,
          200,
          { access_token: token, token_type: 'bearer', expires_in: ttl },
          { 'content-type': 'application/json' },
        );
      }
      if (!u.pathname.startsWith(BASE))
        return send(res, 404, normalizeOperationOutcome(new Error('not found')));
      if (options.auth) {
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        const until = token ? tokens.get(token) : undefined;
        if (!until || until < Date.now())
          return send(res, 401, {
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'login', diagnostics: 'Token expired or missing' }],
          });
      }
      if (u.pathname === `${BASE}/metadata`) return send(res, 200, CAPABILITY);

      let body: Bundle | Resource | undefined;
      try {
        body = raw ? (JSON.parse(raw) as Bundle | Resource) : undefined;
      } catch {
        return send(res, 400, {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'structure', diagnostics: 'Invalid JSON' }],
        });
      }
      const isTransaction = req.method === 'POST' && body?.resourceType === 'Bundle';
      const fault = isTransaction ? nextFault(faults) : null;
      if (fault) stats.faults[fault] = (stats.faults[fault] ?? 0) + 1;
      if (isTransaction) stats.transactions += 1;
      const retryAfter: Record<string, string> =
        faults.retryAfterS !== null ? { 'retry-after': String(faults.retryAfterS) } : {};
      if (fault === 'expire' && options.auth) {
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        if (token) tokens.delete(token);
        return send(res, 401, {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'expired', diagnostics: 'Token expired' }],
        });
      }
      if (
        fault === '503' ||
        fault === '500' ||
        fault === '502' ||
        fault === '429' ||
        (fault === 'expire' && !options.auth)
      )
        return send(
          res,
          fault === 'expire' ? 401 : Number(fault),
          {
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'transient', diagnostics: `injected ${fault}` }],
          },
          retryAfter,
        );
      if (fault === 'html')
        return void res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<html><body>502 Bad Gateway</body></html>');
      if (fault === 'ok-error')
        return send(res, 200, {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'exception', diagnostics: 'injected error inside a 200' }],
        });

      let result: [unknown, unknown?];
      const handle = async () => {
        try {
          if (body?.resourceType === 'Bundle')
            for (const e of (body as Bundle).entry ?? [])
              if (e.resource) validateStrict(e.resource);
              else if (body) validateStrict(body);
          const fr = {
            method: req.method as FhirRequest['method'],
            url: u.pathname.slice(BASE.length) + u.search,
            pathname: '',
            params: {},
            query: {},
            headers: req.headers,
            body,
            config: { transactions: true },
          } as unknown as FhirRequest;
          return (await router.handleRequest(fr, repo)) as [unknown, unknown?];
        } catch (err) {
          return [normalizeOperationOutcome(err)] as [unknown];
        }
      };
      result = await handle();
      if (fault === 'dup') result = await handle();
      const status = getStatus(result[0] as Parameters<typeof getStatus>[0]);
      if (status >= 400) stats.refused += 1;
      // `Prefer: return=minimal` (as HAPI and other servers honour it): a transaction's answer
      // carries each entry's response only, not the stored resource.
      if (/return=minimal/i.test(String(req.headers.prefer ?? ''))) {
        const minimal = minimalAnswer(result[1]);
        if (minimal !== result[1]) stats.minimal += 1;
        result[1] = minimal;
      }
      const text = JSON.stringify(result[1] ?? result[0]);
      if (fault === 'reset') {
        // Processed, then the line drops half-way through the answer.
        res.writeHead(status, {
          'content-type': 'application/fhir+json',
          'content-length': String(Buffer.byteLength(text)),
        });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        setTimeout(() => res.socket?.destroy(), 10);
        return;
      }
      if (fault === 'drip') {
        res.writeHead(status, { 'content-type': 'application/fhir+json' });
        const step = Math.max(1, Math.ceil(text.length / 20));
        for (let i = 0; i < text.length; i += step) {
          res.write(text.slice(i, i + step));
          await new Promise((r) => setTimeout(r, 50));
        }
        return void res.end();
      }
      return send(res, status, result[1] ?? result[0]);
    })().catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${BASE}`;
  return {
    url,
    tokenUrl: `${url}/token`,
    repo,
    stats,
    faults,
    resources: async <T extends Resource>(type: T['resourceType']) =>
      (await repo.searchResources({ resourceType: type, count: 1_000_000 } as never)) as unknown as T[],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A transaction-response Bundle without the resources its entries echo back. */
function minimalAnswer(answer: unknown): unknown {
  const b = answer as Bundle | undefined;
  if (b?.resourceType !== 'Bundle' || !Array.isArray(b.entry)) return answer;
  if (b.type !== 'transaction-response' && b.type !== 'batch-response') return answer;
  return { ...b, entry: b.entry.map(({ response }) => ({ response })) };
}
