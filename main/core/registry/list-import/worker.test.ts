/**
 * The import worker on a real station database: a real worker thread reads a real file and plans
 * it through its own read-only connection; the window stays responsive meanwhile; the key reaches
 * it only as bytes; a worker that dies gives the usual message and the next file imports; closing
 * the import ends the worker and its connection.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { largeCsv } from '../../../../test/fixtures/import/workbooks.ts';
import { makeSignedInCore, type TestCore } from '../../../../test/helpers/core.ts';
import { personInput } from '../../../../test/helpers/persons.ts';
import { plainProtector, readKeyFile } from '../../db/keystore.ts';
import { keyFileFor } from '../../paths.ts';
import { closeImport, openImport } from './service.ts';
import { allowImportWorker, type DatabaseSource } from './worker-source.ts';

let t: TestCore;
afterEach(() => t?.close());

const b64 = (b: Buffer) => b.toString('base64');

/** What app.ts does for the station database: the worker may open it with its key. */
function useWorker(extra: Partial<DatabaseSource> = {}): Buffer {
  const file = t.core.database.file;
  const key = readKeyFile(keyFileFor(file), plainProtector);
  allowImportWorker(t.core.ctx.store, { file, key, ...extra });
  return key;
}

/** Starts workers as usual and keeps them, with what they were given. */
function watchedSpawn(): {
  spawn: (url: URL, options: WorkerOptions) => Worker;
  started: { url: URL; options: WorkerOptions; worker: Worker }[];
} {
  const started: { url: URL; options: WorkerOptions; worker: Worker }[] = [];
  return {
    started,
    spawn: (url, options) => {
      const worker = new Worker(url, options);
      started.push({ url, options, worker });
      return worker;
    },
  };
}

const exited = (w: Worker) => new Promise<number>((resolve) => w.once('exit', resolve));

async function openAndCheck(bytes: Buffer, fileName = 'ds.csv') {
  const opened = await t.ok('imports.open', { fileName, dataBase64: b64(bytes) });
  const dry = await t.ok('imports.dryRun', { importId: opened.importId, mapping: opened.detection.mapping });
  return { opened, dry };
}

describe('the import worker', { timeout: 60_000 }, () => {
  it('reads and plans in a worker thread that is given the key once, as bytes, and never in its argv or environment', async () => {
    t = await makeSignedInCore();
    const { spawn, started } = watchedSpawn();
    const key = useWorker({ spawn });
    const hex = key.toString('hex');
    const previous = process.env.HSSK_DB_KEY;
    process.env.HSSK_DB_KEY = hex; // an operator's override must not travel on to the worker either
    let opened;
    try {
      ({ opened } = await openAndCheck(largeCsv(2000)));
    } finally {
      if (previous === undefined) delete process.env.HSSK_DB_KEY;
      else process.env.HSSK_DB_KEY = previous;
    }
    expect(started).toHaveLength(1);
    const { url, options } = started[0];
    expect(url.pathname).toMatch(/list-import\/worker\.ts$/);
    const visible = JSON.stringify([options.argv, options.execArgv ?? process.execArgv, options.env]);
    expect(visible).not.toContain(hex);
    expect(visible).not.toContain(key.toString('base64'));
    expect(options.env).not.toHaveProperty('HSSK_DB_KEY');
    expect(options.argv).toEqual([]);
    // The key went as bytes, and this side's copy of them was wiped once handed over.
    const data = options.workerData as { key: Uint8Array; file: string };
    expect(data.file).toBe(t.core.database.file);
    expect(data.key).toBeInstanceOf(Uint8Array);
    expect(data.key.every((b) => b === 0)).toBe(true);

    const done = await t.ok('imports.commit', {
      importId: opened.importId,
      mapping: opened.detection.mapping,
    });
    expect(done.created).toBe(2000);
    expect((await t.ok('persons.list', { offset: 0, limit: 1 })).total).toBe(2000);
    // The commit took the dry run's plan: nothing was committed in between.
    expect(t.logs.find((l) => l.msg === 'import committed')).toMatchObject({ reusedPlan: true });
    expect(t.logs.some((l) => l.msg === 'import worker unavailable, reading on the main thread')).toBe(false);
  });

  it('plans again at the commit when the registry changed after the dry run', async () => {
    t = await makeSignedInCore();
    useWorker();
    const lines = [
      'Họ và tên,Ngày sinh,Giới tính,Số CCCD',
      'Đinh Văn Toàn,03/03/1990,Nam,001090777888',
      'Hà Thị Lan,04/04/1991,Nữ,001191777999',
    ];
    const { opened, dry } = await openAndCheck(Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'));
    expect(dry.counts).toMatchObject({ new: 2 });
    // Meanwhile someone registers Toàn at the desk.
    await t.ok('persons.create', {
      person: personInput({
        fullName: 'Đinh Văn Toàn',
        birthDate: '1990-03-03',
        identifiers: [{ kind: 'cccd', value: '001090777888' }],
      }),
    });
    const done = await t.ok('imports.commit', {
      importId: opened.importId,
      mapping: opened.detection.mapping,
    });
    expect(done).toMatchObject({ created: 1, counts: { new: 1, unchanged: 1 } });
    expect(t.logs.find((l) => l.msg === 'import committed')).toMatchObject({ reusedPlan: false });
    expect((await t.ok('persons.list', { offset: 0, limit: 10 })).total).toBe(2);
  });

  it('a second commit of the same file plans again and writes nothing twice', async () => {
    t = await makeSignedInCore();
    useWorker();
    const { opened } = await openAndCheck(largeCsv(300));
    const input = { importId: opened.importId, mapping: opened.detection.mapping };
    expect(await t.ok('imports.commit', input)).toMatchObject({ created: 300 });
    expect(await t.ok('imports.commit', input)).toMatchObject({ created: 0, counts: { unchanged: 300 } });
    expect((await t.ok('persons.list', { offset: 0, limit: 1 })).total).toBe(300);
  });

  it('keeps the event loop free while 20,000 rows are read and planned (no turn over 200 ms here; the bench measures the real figure)', async () => {
    t = await makeSignedInCore();
    useWorker();
    const bytes = largeCsv(20_000);
    const dataBase64 = b64(bytes);
    let last = performance.now();
    let longest = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    try {
      const opened = await t.ok('imports.open', { fileName: 'ds.csv', dataBase64 });
      const dry = await t.ok('imports.dryRun', {
        importId: opened.importId,
        mapping: opened.detection.mapping,
      });
      longest = Math.max(longest, performance.now() - last);
      expect(dry.counts.new).toBe(20_000);
    } finally {
      clearInterval(timer);
    }
    expect(longest).toBeLessThanOrEqual(200);
  });

  it('a worker that crashes (an exception nothing caught) gives the usual message, nothing goes unhandled, and the next file imports', async () => {
    t = await makeSignedInCore();
    // A worker that starts like the real one and then dies on its first call, as a parser bug
    // would make it (running it out of memory is no test: V8 may then abort the whole process,
    // which is why the reader's limits keep every file far below the worker's heap ceiling).
    const dir = mkdtempSync(join(tmpdir(), 'hssk-worker-'));
    const crashing = join(dir, 'crashing-worker.mjs');
    writeFileSync(
      crashing,
      `import { parentPort } from 'node:worker_threads';
       parentPort.postMessage({ ready: true });
       parentPort.on('message', () => setImmediate(() => { throw new Error('the parser blew up'); }));`,
    );
    try {
      useWorker({ spawn: (_url, options) => new Worker(crashing, options) });
      const r = await t.call('imports.open', { fileName: 'ds.csv', dataBase64: b64(largeCsv(100)) });
      expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      if (!r.ok) expect(r.error.message).toMatch(/Dữ liệu của bạn không bị mất/);
      expect(t.logs.find((l) => l.msg === 'import worker failed')).toMatchObject({
        ready: true,
        error: 'the parser blew up',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // The station carries on: the next file in a new (real) worker.
    useWorker();
    const { dry } = await openAndCheck(largeCsv(50));
    expect(dry.counts.new).toBe(50);
  });

  it('a worker that stops half-way through a dry run fails that call cleanly', async () => {
    t = await makeSignedInCore();
    const { spawn, started } = watchedSpawn();
    useWorker({ spawn });
    const opened = await t.ok('imports.open', { fileName: 'ds.csv', dataBase64: b64(largeCsv(20_000)) });
    const dry = t.call('imports.dryRun', { importId: opened.importId, mapping: opened.detection.mapping });
    // Killed from outside while it plans (a crash, as far as the main thread can tell).
    setTimeout(() => void started[0].worker.terminate(), 20);
    expect(await dry).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    // The import is gone with its worker: the user is told to choose the file again.
    const rows = await t.call('imports.rows', {
      importId: opened.importId,
      view: 'new',
      offset: 0,
      limit: 10,
    });
    expect(rows).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('takes an upload as its base64 text, decoded and checked in the worker', async () => {
    t = await makeSignedInCore();
    useWorker();
    const actor = { userId: 'u1', username: 'quantri' };
    const opened = await openImport(t.core.ctx, actor, 'ds.csv', { base64: b64(largeCsv(20)) });
    expect(opened.sheets[0].rows).toBe(21);
    await expect(openImport(t.core.ctx, actor, 'ds.csv', { base64: '%%%' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      userMessage: 'Tệp gửi lên bị hỏng; hãy chọn lại tệp.',
    });
  });

  it('a worker that cannot start (its file missing from a build) leaves the file to be read on the main thread', async () => {
    t = await makeSignedInCore();
    useWorker({ spawn: (url, options) => new Worker(new URL('./no-such-worker.ts', url), options) });
    const { dry } = await openAndCheck(largeCsv(300));
    expect(dry.counts.new).toBe(300);
    expect(t.logs.some((l) => l.msg === 'import worker unavailable, reading on the main thread')).toBe(true);
  });

  it('closing the import, or opening another file, ends its worker and closes its connection', async () => {
    t = await makeSignedInCore();
    const { spawn, started } = watchedSpawn();
    useWorker({ spawn });
    const first = await openAndCheck(largeCsv(100));
    const firstExit = exited(started[0].worker);
    await openAndCheck(largeCsv(100), 'khac.csv');
    expect(await firstExit).toBe(0);
    const second = started[1];
    const secondExit = exited(second.worker);
    closeImport(t.core.ctx, (await openAndCheck(largeCsv(10), 'ba.csv')).opened.importId);
    // (The third file replaced the second: its worker ends too.)
    expect(await secondExit).toBe(0);
    await exited(started[2].worker);
    const gone = await t.call('imports.rows', {
      importId: first.opened.importId,
      view: 'new',
      offset: 0,
      limit: 1,
    });
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // With every connection closed, SQLite folds the WAL back and removes it: none was left open.
    const file = t.core.database.file;
    t.core.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});
