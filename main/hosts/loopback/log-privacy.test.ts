/**
 * No resident's name, identity number, phone or diagnosis in any log file (issue 12, point 8).
 * A realistic session against the loopback host on a database seeded with known residents: failed
 * sign-ins (one typing a CCCD number as the user name), registering, searching by name and by
 * number, opening records, a visit saved and signed with diagnoses, validation errors that carry a
 * bad value, a list imported (and a broken one), a form printed to PDF, the register exported. Then
 * every file in the logs folder, every record the logger produced, and every file the session left
 * in the temporary folder are searched for those values, with and without diacritics.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fold } from '#contract/text.ts';
import { createCore, type Core } from '../../core/app.ts';
import { createLogger, type LogRecord } from '../../core/log.ts';
import { dataPaths } from '../../core/paths.ts';
import { TEST_ADMIN, TEST_STATION } from '../../../test/helpers/core.ts';
import { cccdFor, personInput } from '../../../test/helpers/persons.ts';
import { startLoopbackServer, type LoopbackServer } from './server.ts';

const RESIDENTS = [
  {
    fullName: 'Khổng Thị Quyên',
    sex: 'F' as const,
    birthDate: '1968-07-12',
    cccd: cccdFor('F', 1968, '771234'),
    bhyt: 'GD4010177123456',
    phone: '0987654321',
  },
  {
    fullName: 'Lưu Đức Thịnh',
    sex: 'M' as const,
    birthDate: '1955-11-03',
    cccd: cccdFor('M', 1955, '550987'),
    bhyt: 'GD4010155098765',
    phone: '0912876543',
  },
];
/** From the import only. */
const IMPORTED = { fullName: 'Giáp Thị Huyền', cccd: cccdFor('F', 1990, '909090'), phone: '0978111222' };
const DIAGNOSES = [
  { code: 'I20.8', name: 'Các dạng đau thắt ngực khác' },
  { code: 'E11.9', name: 'Bệnh đái tháo đường không phụ thuộc insuline' },
];
const REASON = 'Đau ngực trái khi gắng sức';

const dir = mkdtempSync(join(tmpdir(), 'hssk-logs-'));
const ui = mkdtempSync(join(tmpdir(), 'hssk-ui-'));
const records: LogRecord[] = [];
/** The session's own temporary folder (os.tmpdir() reads TMPDIR), so other processes' files are not ours to judge. */
const sessionTmp = mkdtempSync(join(tmpdir(), 'hssk-logs-tmp-'));
const realTmp = process.env.TMPDIR;
let core: Core;
let server: LoopbackServer;
let cookie = '';

function call(
  name: string,
  input: unknown,
): Promise<{ ok: boolean; value?: never; error?: { code: string } }> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: `/api/call/${name}`,
        headers: {
          host: `127.0.0.1:${server.port}`,
          'content-type': 'application/json',
          cookie: [`${server.cookies.token}=${server.token}`, cookie].filter(Boolean).join('; '),
        },
      },
      (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => {
          const set = res.headers['set-cookie'];
          if (set) cookie = String(set).split(';')[0];
          resolve(JSON.parse(data));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
async function ok<T = Record<string, unknown>>(name: string, input: unknown): Promise<T> {
  const r = (await call(name, input)) as { ok: boolean; value: T; error?: { code: string; message: string } };
  if (!r.ok) throw new Error(`${name}: ${r.error?.code} ${r.error?.message}`);
  return r.value;
}

beforeAll(async () => {
  mkdirSync(join(ui, 'assets'));
  writeFileSync(join(ui, 'index.html'), '<html><head></head><body></body></html>');
  writeFileSync(join(ui, 'bridge.js'), 'window.x=1');
  process.env.TMPDIR = sessionTmp;
  const log = createLogger({ dir: dataPaths(dir).logDir, level: 'debug', sink: (r) => records.push(r) });
  core = createCore({ host: 'loopback', dataDir: dir, log });
  server = await startLoopbackServer({ core, rendererDir: ui, bridgeFile: join(ui, 'bridge.js'), log });
});
afterAll(async () => {
  await server?.close();
  core?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(ui, { recursive: true, force: true });
  rmSync(sessionTmp, { recursive: true, force: true });
  if (realTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = realTmp;
});

describe('the logs of a working day', () => {
  it('name no resident, number, phone or diagnosis', { timeout: 60_000 }, async () => {
    await ok('station.setup', { station: TEST_STATION, admin: TEST_ADMIN });
    // Failed sign-ins: a wrong password, and a CCCD number typed into the user name.
    await call('auth.login', { username: TEST_ADMIN.username, password: 'sai-mat-khau-1' });
    await call('auth.login', { username: RESIDENTS[0].cccd, password: RESIDENTS[0].phone });
    await ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });

    const ids: string[] = [];
    for (const r of RESIDENTS) {
      // First with a phone that does not validate and an impossible BHYT: the errors carry the values.
      await call('persons.create', {
        person: personInput({
          fullName: r.fullName,
          sex: r.sex,
          birthDate: r.birthDate,
          phoneMobile: `${r.phone}99`,
          identifiers: [{ kind: 'bhyt', value: `${r.bhyt}XX` }],
        }),
      });
      await call('persons.create', {
        person: personInput({
          fullName: `${r.fullName} ${'x'.repeat(300)}`,
          sex: r.sex,
          birthDate: '1968-02-30',
        }),
      });
      const p = await ok<{ id: string }>('persons.create', {
        person: personInput({
          fullName: r.fullName,
          sex: r.sex,
          birthDate: r.birthDate,
          phoneMobile: r.phone,
          identifiers: [
            { kind: 'cccd', value: r.cccd },
            { kind: 'bhyt', value: r.bhyt },
          ],
        }),
        confirmSimilar: true,
      });
      ids.push(p.id);
      // A second registration of the same person: a duplicate warning naming them.
      await call('persons.create', {
        person: personInput({
          fullName: r.fullName,
          sex: r.sex,
          birthDate: r.birthDate,
          phoneMobile: r.phone,
        }),
      });
    }
    for (const q of [
      fold(RESIDENTS[0].fullName),
      RESIDENTS[1].fullName,
      RESIDENTS[0].cccd,
      RESIDENTS[1].phone,
    ])
      await ok('persons.search', { q, limit: 12 });
    for (const id of ids) {
      await ok('persons.get', { id });
      await ok('record.get', { personId: id });
    }
    // A visit saved, refused for an impossible value, and signed.
    const visit = await ok<{ id: string; version: number }>('visits.start', { personId: ids[0] });
    const input = {
      visitOn: new Date().toISOString().slice(0, 10),
      reason: REASON,
      vitals: { systolic: 162, diastolic: 98, pulse: 88 },
      diagnoses: DIAGNOSES.map((d, i) => ({ ...d, main: i === 0 })),
    };
    const saved = await ok<{ version: number }>('visits.saveDraft', {
      id: visit.id,
      version: visit.version,
      visit: input,
    });
    await call('visits.sign', {
      id: visit.id,
      version: saved.version,
      visit: { ...input, vitals: { systolic: 400, diastolic: 98 } },
      confirmed: [],
    });
    await call('visits.sign', { id: visit.id, version: saved.version, visit: input, confirmed: [] });
    await ok('visits.get', { id: visit.id });
    await call('codes.icd10Search', { q: DIAGNOSES[1].name });

    // A list imported, and one that is not a list.
    const csv = `Họ và tên,Ngày sinh,Giới tính,Số CCCD,Điện thoại\r\n${IMPORTED.fullName},01/02/1990,Nữ,${IMPORTED.cccd},${IMPORTED.phone}\r\n${RESIDENTS[1].fullName},03/11/1955,Nam,${RESIDENTS[1].cccd},${RESIDENTS[1].phone}\r\n${RESIDENTS[0].fullName},32/13/1968,X,${RESIDENTS[0].cccd}9,abc${RESIDENTS[0].phone}\r\n`;
    const opened = await ok<{ importId: string; detection: { mapping: unknown } }>('imports.open', {
      fileName: `${RESIDENTS[0].fullName}.csv`,
      dataBase64: Buffer.from(csv).toString('base64'),
    });
    await ok('imports.dryRun', { importId: opened.importId, mapping: opened.detection.mapping });
    await ok('imports.rows', { importId: opened.importId, view: 'attention' });
    await ok('imports.commit', { importId: opened.importId, mapping: opened.detection.mapping });
    await ok('imports.errorReport', { importId: opened.importId });
    await call('imports.open', {
      fileName: `${IMPORTED.fullName}.xlsx`,
      dataBase64: Buffer.from(`${IMPORTED.fullName} ${IMPORTED.cccd}`).toString('base64'),
    });

    // Printed (to PDF) and exported.
    await ok('forms.render', { form: 'record', personId: ids[0] });
    await ok('persons.export', {});
    await call('auth.logout', {});

    // Everything the session wrote where logs and temporary files go.
    const files = [...walk(dataPaths(dir).logDir), ...walk(sessionTmp)];
    expect(walk(dataPaths(dir).logDir).length).toBeGreaterThan(0);
    const needles = [
      ...RESIDENTS.flatMap((r) => [r.fullName, r.cccd, r.bhyt, r.phone]),
      IMPORTED.fullName,
      IMPORTED.cccd,
      IMPORTED.phone,
      ...DIAGNOSES.flatMap((d) => [d.code, d.name]),
      REASON,
    ];
    const variants = needles.flatMap((n) => [n, n.normalize('NFD'), fold(n), fold(n).toUpperCase()]);
    const leaks: string[] = [];
    for (const file of files) {
      let text: string;
      try {
        if (statSync(file).size > 20 * 1024 * 1024) continue;
        text = readFileSync(file, 'utf8');
      } catch {
        continue; // another test's file, gone or not ours to read
      }
      const folded = fold(text);
      for (const v of variants) if (text.includes(v) || folded.includes(fold(v))) leaks.push(`${file}: ${v}`);
    }
    const logged = JSON.stringify(records);
    for (const v of variants) if (logged.includes(v)) leaks.push(`log record: ${v}`);
    expect([...new Set(leaks)]).toEqual([]);
    // The logs did record the day (so the search above searched something).
    expect(records.some((r) => r.msg === 'operation refused')).toBe(true);
  });
});

/** Files under `root`, `depth` folders deep. */
function walk(root: string, depth = 4): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return out;
  }
  for (const name of entries) {
    const p = join(root, name);
    try {
      const s = statSync(p);
      if (s.isDirectory()) {
        if (depth > 0) out.push(...walk(p, depth - 1));
      } else if (s.isFile()) out.push(p);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
