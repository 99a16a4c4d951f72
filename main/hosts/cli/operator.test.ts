/**
 * The CLI as a transport: each data command goes through the dispatcher as the CLI operator, so
 * its writes are on the audit trail as `cli:<OS user>`, its input is judged by the contract (in
 * the contract's Vietnamese, naming the field), and its permissions are exactly what it calls.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '#contract/ops/audit.ts';
import { operations } from '#contract/operations.ts';
import { PERMISSIONS } from '#contract/permissions.ts';
import { createCore } from '../../core/app.ts';
import { silentLogger } from '../../core/log.ts';
import { DEMO_STAFF, SEED_DEFAULTS } from '../../core/seed/seed-station.ts';
import { OPERATOR_PERMISSIONS } from '../../core/security/sessions.ts';
import type { CliIo } from './io.ts';
import { COMMANDS, reportFailure, runCli } from './main.ts';
import { asOperator, OperationRefused, osUserName } from './operator.ts';

function capture(cwd: string): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), env: {}, cwd };
}

const me = osUserName({});
let dir: string;
let db: string;

/** The trail as the station's administrator reads it on Quản trị → Nhật ký truy cập. */
async function auditTrail(): Promise<AuditEntry[]> {
  const core = createCore({ host: 'loopback', dataDir: dirname(db), dbFile: db, log: silentLogger });
  let id: string | null = null;
  const window = { get: () => id, set: (v: string | null) => (id = v) };
  try {
    const admin = DEMO_STAFF.find((s) => s.role === 'admin')?.username ?? '';
    const login = await core.call(window, 'auth.login', {
      username: admin,
      password: SEED_DEFAULTS.password,
    });
    expect(login.ok).toBe(true);
    const r = await core.call(window, 'audit.list', { limit: 500 });
    if (!r.ok) throw new Error(r.error.message);
    return r.value as AuditEntry[];
  } finally {
    core.close();
  }
}

const byOperator = (entries: AuditEntry[]) => entries.filter((e) => e.userId === 'cli');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hssk-operator-'));
  db = join(dir, 'tram.db');
  expect(await runCli(['seed', '--persons', '20', '--years', '0', '--out', db], capture(dir))).toBe(0);
}, 60_000);

describe('hssk import persons, as the CLI operator', () => {
  it('records the import and every resident it registers under cli:<OS user>, shown as Dòng lệnh', async () => {
    const list = join(dir, 'ds.csv');
    writeFileSync(
      list,
      '\uFEFFHọ và tên,Ngày sinh,Giới tính\r\nLò Thị Hoa,02/03/1990,Nữ\r\nLò Văn Sơn,05/06/1988,Nam\r\n',
    );
    const io = capture(dir);
    expect(await runCli(['import', 'persons', list, '--db', db, '--json'], io)).toBe(0);
    expect(JSON.parse(io.stdout[0])).toMatchObject({ created: 2, errors: 0 });

    const mine = byOperator(await auditTrail());
    const commit = mine.find((e) => e.action === 'import.commit');
    expect(commit).toMatchObject({ username: `cli:${me}`, details: { file: 'ds.csv' } });
    expect(commit?.view.who).toEqual({ name: `Dòng lệnh (${me})`, role: 'Người vận hành (lệnh hssk)' });
    expect(commit?.view.detail).toMatch(/Tệp ds\.csv: 2 người mới/);
    const created = mine.filter((e) => e.action === 'person.create');
    expect(created.map((e) => e.view.target?.label).sort()).toEqual([
      'Lò Thị Hoa (1990)',
      'Lò Văn Sơn (1988)',
    ]);
    expect(created.every((e) => e.username === `cli:${me}`)).toBe(true);
  });

  it('refuses a malformed --mapping with the contract’s message naming the field, and imports nothing', async () => {
    const list = join(dir, 'ds2.csv');
    writeFileSync(list, '\uFEFFHọ và tên,Ngày sinh,Giới tính\r\nMùa A Páo,01/01/1970,Nam\r\n');
    const mapping = join(dir, 'mapping.json');
    writeFileSync(
      mapping,
      JSON.stringify({
        version: 1,
        sheetName: 'ds2',
        headerLine: 1,
        headerLines: 1,
        firstDataLine: 2,
        columns: { fullName: 0, birthDate: 1, sex: 2 },
        headings: ['Họ và tên', 'Ngày sinh', 'Giới tính'],
        dateOrder: 'ymd',
      }),
    );
    const before = byOperator(await auditTrail()).length;
    const io = capture(dir);
    expect(await runCli(['import', 'persons', list, '--db', db, '--mapping', mapping], io)).toBe(2);
    const said = io.stderr.join('\n');
    expect(said).toMatch(/imports\.commit was refused \(INVALID_INPUT\)/);
    expect(said).toMatch(/--mapping \(dateOrder\): Thứ tự ngày tháng/);
    expect(said).toMatch(/Usage: hssk import persons/);
    expect(byOperator(await auditTrail())).toHaveLength(before);

    // --similar goes to the contract as typed, and comes back named in Vietnamese.
    const similar = capture(dir);
    expect(
      await runCli(['import', 'persons', list, '--db', db, '--dry-run', '--similar', 'merge'], similar),
    ).toBe(2);
    expect(similar.stderr.join('\n')).toMatch(/--similar: Cách xử lý người giống nhau/);
  });
});

describe('hssk export persons, as the CLI operator', () => {
  it('writes the workbook and records the export under cli:<OS user>', async () => {
    const io = capture(dir);
    expect(await runCli(['export', 'persons', '--out', 'dan-cu.xlsx', '--db', db, '--json'], io)).toBe(0);
    const summary = JSON.parse(io.stdout[0]) as { file: string; rows: number; bytes: number };
    expect(summary.rows).toBeGreaterThan(20);
    expect(readFileSync(summary.file).length).toBe(summary.bytes);
    const exported = byOperator(await auditTrail()).find((e) => e.action === 'persons.export');
    expect(exported).toMatchObject({ username: `cli:${me}`, details: { rows: summary.rows } });
    expect(exported?.view).toMatchObject({
      who: { name: `Dòng lệnh (${me})` },
      what: 'Xuất danh sách dân cư',
    });
  });

  it('refuses an unknown --status in the contract’s words', async () => {
    const io = capture(dir);
    expect(await runCli(['export', 'persons', '--out', 'x.xlsx', '--db', db, '--status', 'gone'], io)).toBe(
      2,
    );
    expect(io.stderr.join('\n')).toMatch(/--status: Tình trạng/);
  });
});

describe('hssk db and hssk devices, through the operations', () => {
  it('db info says which station; verify-audit checks the chain the operator wrote into', async () => {
    const info = capture(dir);
    expect(await runCli(['db', 'info', '--db', db, '--json'], info)).toBe(0);
    expect(JSON.parse(info.stdout[0])).toMatchObject({
      file: db,
      encrypted: true,
      schemaVersion: expect.any(Number),
      migrated: [],
      station: expect.stringMatching(/^\d{5} Trạm Y tế/),
    });
    const audit = capture(dir);
    expect(await runCli(['db', 'verify-audit', '--db', db, '--json'], audit)).toBe(0);
    expect(JSON.parse(audit.stdout[0])).toMatchObject({ ok: true, firstBrokenSeq: null });
  });

  it('devices drivers and list answer in the contract’s shape, without a database', async () => {
    const drivers = capture(dir);
    expect(await runCli(['devices', 'drivers', '--json'], drivers)).toBe(0);
    const list = JSON.parse(drivers.stdout[0]) as { id: string; defaultPort: { baudRate: number } }[];
    expect(list.map((d) => d.id)).toEqual(expect.arrayContaining(['scale-and', 'custom-line']));
    // devices.drivers' output, as the device screen gets it (port settings named as in the contract).
    expect(list.find((d) => d.id === 'scale-and')?.defaultPort).toMatchObject({
      baudRate: 2400,
      dataBits: 7,
    });
    const ports = capture(dir);
    expect(await runCli(['devices', 'list', '--json'], ports)).toBe(0);
    expect(JSON.parse(ports.stdout[0])).toEqual({ ports: expect.any(Array), problems: expect.any(Array) });
  });
});

describe('the CLI operator’s permissions', () => {
  it('are exactly those of the operations the commands declare', () => {
    const needed = new Set<string>();
    for (const c of COMMANDS)
      for (const op of c.operations) {
        const access = operations[op].access;
        if (access in PERMISSIONS) needed.add(access);
      }
    expect([...needed].sort()).toEqual([...OPERATOR_PERMISSIONS].sort());
  });

  it('a refused operation is printed with the missing permission, and the refusal is on the trail', async () => {
    const io = capture(dir);
    let refused: unknown = null;
    try {
      await asOperator(['users.create'], { dataDir: dir, dbFile: db }, io, (op) =>
        op.call('users.create', {
          username: 'cli-made',
          fullName: 'Không Được Tạo',
          role: 'admin',
          password: 'khong-duoc-tao',
        }),
      );
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(OperationRefused);
    const command = COMMANDS.find((c) => c.name === 'import');
    if (!command) throw new Error('no import command');
    expect(reportFailure(refused, command, io)).toBe(1);
    expect(io.stderr.join('\n')).toBe(
      `users.create was refused: cli:${me} lacks the permission users.manage («Quản lý tài khoản»)\n` +
        'Tài khoản của bạn không có quyền thực hiện thao tác này.',
    );
    const denied = (await auditTrail()).find((e) => e.action === 'access.denied');
    expect(denied).toMatchObject({
      userId: 'cli',
      username: `cli:${me}`,
      details: { op: 'users.create', needs: 'users.manage' },
    });
  });

  it('help names the operations a command goes through', async () => {
    const io = capture(dir);
    expect(await runCli(['export', '--help'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(
      /as the CLI operator cli:<your OS user name>, through .*persons\.export/,
    );
  });
});
