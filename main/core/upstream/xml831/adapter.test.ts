import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../../../../test/upstream/xml831-certs.ts';
import { fullSnapshot } from '../../../../test/upstream/xml831-fixture.ts';
import {
  startXml831Receiver,
  type Xml831Fault,
  type Xml831Receiver,
} from '../../../../test/upstream/xml831-receiver.ts';
import type { RecordResult } from '../adapter.ts';
import { createXml831Adapter, type Xml831Config } from './adapter.ts';

const resourcesDir = join(import.meta.dirname, '../../../../resources');
const ORG = '38152';
let pki: TestPki;
let receiver: Xml831Receiver | null = null;

beforeAll(() => {
  pki = makeTestPki();
});
afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

async function setup(
  opts: {
    tokenLifetimeSec?: number;
    faults?: Xml831Fault[];
    cfg?: Partial<Xml831Config>;
    now?: () => Date;
  } = {},
) {
  receiver = await startXml831Receiver({
    accounts: [{ username: 'tram', password: 'mk', orgCode: ORG, certificatePem: pki.stationCertPem }],
    ...(opts.tokenLifetimeSec !== undefined ? { tokenLifetimeSec: opts.tokenLifetimeSec } : {}),
    ...(opts.faults ? { faults: opts.faults } : {}),
  });
  const adapter = createXml831Adapter(
    {
      url: receiver.url,
      senderCode: ORG,
      senderName: 'Trạm Y tế xã Nông Cống',
      username: 'tram',
      password: 'mk',
      pkcs12: pki.p12,
      pkcs12Password: pki.password,
      statutory: true,
      ...opts.cfg,
    },
    { resourcesDir, timeoutMs: 3000, ...(opts.now ? { now: opts.now } : {}) },
  );
  return { receiver, adapter };
}

const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => `0193a1b2-0000-7000-8000-${String(i + 1).padStart(12, '0')}`);
const send = (adapter: ReturnType<typeof createXml831Adapter>, people: string[]) =>
  adapter.send(
    people.map((p) => fullSnapshot(p)),
    { signal: new AbortController().signal },
  );
const outcomes = (r: RecordResult[]) => r.map((x) => x.outcome);

describe('831 XML adapter against the test receiver', () => {
  it('signs in once, sends each record signed, and each is acknowledged with its receipt', async () => {
    const { receiver, adapter } = await setup();
    const results = await send(adapter, ids(3));
    expect(outcomes(results)).toEqual(['acknowledged', 'acknowledged', 'acknowledged']);
    expect(results.every((r) => r.remoteId?.startsWith('TN-'))).toBe(true);
    expect(receiver.stats).toMatchObject({ logins: 1, submits: 3, accepted: 3, duplicates: 0 });
    expect(receiver.documents.size).toBe(3);
  });

  it('the same record version sent again is ACCEPTED_DUPLICATE and counts as success, stored once', async () => {
    const { receiver, adapter } = await setup();
    await send(adapter, ids(2));
    const again = await send(adapter, ids(2));
    expect(again.map((r) => [r.outcome, r.code])).toEqual([
      ['acknowledged', 'ACCEPTED_DUPLICATE'],
      ['acknowledged', 'ACCEPTED_DUPLICATE'],
    ]);
    expect(receiver.documents.size).toBe(2);
    expect(receiver.stats.duplicates).toBe(2);
  });

  it('an expired token is renewed: by its lifetime, and when the receiver says so mid-run', async () => {
    let clock = Date.now();
    const { receiver, adapter } = await setup({ cfg: {}, now: () => new Date(clock) });
    expect(outcomes(await send(adapter, ids(2)))).toEqual(['acknowledged', 'acknowledged']);
    expect(receiver.stats.logins).toBe(1);
    // Three hours later (the token's lifetime) the adapter signs in again before sending.
    clock += 3 * 3600_000;
    expect(outcomes(await send(adapter, ids(1)))).toEqual(['acknowledged']);
    expect(receiver.stats.logins).toBe(2);
    // The receiver drops the token before its time: 401, signed in again, the same record resent once.
    receiver.inject({ kind: 'expire-token' });
    expect(outcomes(await send(adapter, ids(3)))).toEqual(['acknowledged', 'acknowledged', 'acknowledged']);
    expect(receiver.stats.logins).toBe(3);
    expect(receiver.documents.size).toBe(3);
  });

  it('SENDER_CODE not the unit of the login → 403 ORG_MISMATCH, failed with what to fix', async () => {
    const { receiver, adapter } = await setup({ cfg: { senderCode: '99999' } });
    const [r] = await send(adapter, ids(1));
    expect(r).toMatchObject({
      outcome: 'failed',
      code: 'ORG_MISMATCH',
      messageVi: expect.stringContaining('SENDER_CODE'),
    });
    expect(receiver.documents.size).toBe(0);
  });

  it('the same REQUEST_ID with other content → 409 REQUEST_ID_CONFLICT (receiver behaviour)', async () => {
    const { receiver, adapter } = await setup();
    await send(adapter, ids(1));
    const stored = [...receiver.documents.values()][0];
    if (!stored) throw new Error('nothing stored');
    const login = await fetch(`${receiver.url}/api/xac-thuc/token`, {
      method: 'POST',
      body: JSON.stringify({ username: 'tram', password: 'mk' }),
    });
    const token = ((await login.json()) as { data: { access_token: string } }).data.access_token;
    const changed = stored.xml.replace('<MACH>82</MACH>', '<MACH>90</MACH>');
    const res = await fetch(`${receiver.url}/api/ho-so-suc-khoe/qd-831-2017/tiep-nhan`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
      body: changed,
    });
    // The changed body no longer matches its signature, so the receiver says so first...
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'INVALID_SIGNATURE' });
    // ...and a re-signed document with the same REQUEST_ID but other content is a conflict.
    const { signXml831 } = await import('./sign.ts');
    const unsigned = changed.replace(/<SIGNATURE>[\s\S]*<\/SIGNATURE>/, '<SIGNATURE></SIGNATURE>');
    const resigned = signXml831(unsigned, {
      privateKeyPem: pki.stationKeyPem,
      certificatePem: pki.stationCertPem,
    });
    const conflict = await fetch(`${receiver.url}/api/ho-so-suc-khoe/qd-831-2017/tiep-nhan`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
      body: resigned,
    });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ code: 'REQUEST_ID_CONFLICT' });
  });

  it('a body over 10 MiB → 413; a wrong signature key → refused; no BOM, no self-closed tags', async () => {
    const { receiver } = await setup();
    const login = await fetch(`${receiver.url}/api/xac-thuc/token`, {
      method: 'POST',
      body: JSON.stringify({ username: 'tram', password: 'mk' }),
    });
    const token = ((await login.json()) as { data: { access_token: string } }).data.access_token;
    const post = (body: string | Buffer) =>
      fetch(`${receiver.url}/api/ho-so-suc-khoe/qd-831-2017/tiep-nhan`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
        // Bytes as a Uint8Array: the DOM's fetch types (pulled in by @types/pdfmake) take no Buffer.
        body: typeof body === 'string' ? body : new Uint8Array(body),
      });
    const big = await post(Buffer.alloc(10 * 1024 * 1024 + 1, 0x20));
    expect(big.status).toBe(413);
    const bom = await post(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<DATA></DATA>')]));
    expect(await bom.json()).toMatchObject({ code: 'BOM_NOT_ALLOWED' });
    const other = makeTestPki();
    const { adapter: wrongKey } = await setup({ cfg: { pkcs12: other.p12, pkcs12Password: other.password } });
    const [r] = await send(wrongKey, ids(1));
    expect(r).toMatchObject({ outcome: 'failed', code: 'INVALID_SIGNATURE' });
  });

  const transient: [string, Xml831Fault, string][] = [
    ['503 with Retry-After', { kind: 'status', status: 503, retryAfterSec: 7 }, 'HTTP_503'],
    ['500', { kind: 'status', status: 500 }, 'HTTP_500'],
    ['429', { kind: 'status', status: 429, retryAfterSec: 2 }, 'HTTP_429'],
    ['connection reset mid-answer', { kind: 'reset' }, 'NETWORK'],
    ['an HTML page with 200', { kind: 'html' }, 'BAD_ANSWER'],
    ['garbage with 200', { kind: 'garbage' }, 'BAD_ANSWER'],
    ['a 200 with an error inside', { kind: 'ok-with-error' }, 'INTERNAL_ERROR'],
    ['the wrong content type', { kind: 'wrong-content-type' }, 'BAD_ANSWER'],
  ];
  it.each(transient)(
    '%s → retry later with a Vietnamese message, never acknowledged; then sent',
    async (_n, fault, code) => {
      const { receiver, adapter } = await setup({ faults: [fault] });
      const [first, second] = await send(adapter, ids(2));
      expect(first).toMatchObject({
        outcome: 'retry',
        code,
        messageVi: expect.stringMatching(
          /[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữựíìỉĩịúùủũụýỳỷỹỵóòỏõọéèẻẽẹ]/,
        ),
      });
      expect(second?.outcome).toBe('acknowledged');
      if (fault.kind === 'status' && fault.retryAfterSec)
        expect(first?.retryAfterMs).toBe(fault.retryAfterSec * 1000);
      const [again] = await send(adapter, ids(1));
      expect(again?.outcome).toBe('acknowledged');
      // Exact counts upstream: two residents, each stored once, whatever happened on the way.
      expect(receiver.documents.size).toBe(2);
    },
  );

  it('latency, a slow drip and a duplicated delivery still end acknowledged, stored once', async () => {
    const { receiver, adapter } = await setup({
      faults: [{ kind: 'latency', ms: 200 }, { kind: 'drip', ms: 20 }, { kind: 'duplicate' }],
    });
    const results = await send(adapter, ids(3));
    expect(results.map((r) => [r.outcome, r.code])).toEqual([
      ['acknowledged', 'ACCEPTED'],
      ['acknowledged', 'ACCEPTED'],
      ['acknowledged', 'ACCEPTED_DUPLICATE'],
    ]);
    expect(receiver.documents.size).toBe(3);
  });

  it('nothing listening → retry (network); an expired certificate → retry with why, nothing sent', async () => {
    const { receiver, adapter } = await setup({ cfg: { url: 'http://127.0.0.1:9' } });
    expect(await send(adapter, ids(1))).toMatchObject([{ outcome: 'retry', code: 'NETWORK' }]);
    const { adapter: expired } = await setup({ cfg: { pkcs12: pki.expiredP12 } });
    expect(await send(expired, ids(2))).toMatchObject([
      { outcome: 'retry', code: 'CERT_EXPIRED', messageVi: expect.stringContaining('hết hạn') },
      { outcome: 'retry', code: 'CERT_EXPIRED' },
    ]);
    expect(receiver.stats.submits).toBe(0);
  });

  it('a cancelled run leaves the rest for later; a merged-away record needs no delivery', async () => {
    const { adapter } = await setup();
    const ctl = new AbortController();
    ctl.abort();
    expect(await adapter.send([fullSnapshot(ids(1)[0])], { signal: ctl.signal })).toMatchObject([
      { outcome: 'retry', code: 'CANCELLED' },
    ]);
    const retire = await adapter.send(
      [{ op: 'retire', personId: ids(2)[1] ?? '', version: 1, survivorId: ids(1)[0] ?? null }],
      {
        signal: new AbortController().signal,
      },
    );
    expect(retire).toMatchObject([{ outcome: 'acknowledged', code: 'XML831_NO_RETIRE' }]);
  });

  it('Kiểm tra kết nối: signs in and says so; wrong password says what to fix', async () => {
    const { adapter } = await setup();
    expect(await adapter.check()).toMatchObject({
      ok: true,
      messageVi: expect.stringContaining('Kết nối tốt'),
    });
    const { adapter: wrong } = await setup({ cfg: { password: 'sai' } });
    expect(await wrong.check()).toMatchObject({ ok: false, messageVi: expect.stringContaining('mật khẩu') });
  });
});

describe('the stand-alone receiver (demos, training)', () => {
  it('signs any unit in by its code, pins its first certificate, refuses another unit code or key', async () => {
    const { startXml831Server } = await import('../../../../test/upstream/xml831-server.ts');
    const server = await startXml831Server({});
    try {
      const make = (p12: Uint8Array, senderCode = ORG) =>
        createXml831Adapter(
          {
            url: server.url,
            senderCode,
            senderName: 'Trạm',
            username: ORG,
            password: 'x',
            pkcs12: p12,
            pkcs12Password: pki.password,
            statutory: true,
          },
          { resourcesDir },
        );
      expect(outcomes(await send(make(pki.p12), ids(1)))).toEqual(['acknowledged']);
      expect(await send(make(pki.p12, '11111'), ids(1))).toMatchObject([
        { outcome: 'failed', code: 'ORG_MISMATCH' },
      ]);
      const other = makeTestPki();
      expect(await send(make(other.p12), ids(2).slice(1))).toMatchObject([
        { outcome: 'failed', code: 'INVALID_SIGNATURE' },
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('fault SPEC for the stand-alone receiver (shared syntax with the FHIR test server)', () => {
  it('every fault of the matrix, in order, then success: each resident stored once', async () => {
    const { startXml831Server, xml831FaultsFromSpec } =
      await import('../../../../test/upstream/xml831-server.ts');
    const spec = 'latency=20,expire=1,503=1,429=1,retry-after=2,reset=1,drip=1,dup=1,html=1,ok-error=1';
    expect(xml831FaultsFromSpec(spec).faults.map((f) => f.kind)).toEqual([
      'expire-token',
      'status',
      'status',
      'reset',
      'drip',
      'duplicate',
      'html',
      'ok-with-error',
    ]);
    const server = await startXml831Server({ faults: spec });
    try {
      const adapter = createXml831Adapter(
        {
          url: server.url,
          senderCode: ORG,
          senderName: 'Trạm',
          username: ORG,
          password: 'x',
          pkcs12: pki.p12,
          pkcs12Password: pki.password,
          statutory: true,
        },
        { resourcesDir },
      );
      const people = ids(4);
      let acknowledged = new Set<string>();
      // Like the engine: send what is not acknowledged yet, until everything is (a bounded number of rounds).
      for (let round = 0; round < 10 && acknowledged.size < people.length; round++) {
        const results = await send(
          adapter,
          people.filter((p) => !acknowledged.has(p)),
        );
        expect(results.every((r) => r.outcome !== 'failed')).toBe(true);
        acknowledged = new Set([
          ...acknowledged,
          ...results.filter((r) => r.outcome === 'acknowledged').map((r) => r.personId),
        ]);
      }
      expect(acknowledged.size).toBe(4);
      expect(server.documents.size).toBe(4);
    } finally {
      await server.close();
    }
  });
});
