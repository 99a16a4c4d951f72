/**
 * Taking a backup: the worker copies and checks the database (worker.ts) while this thread stays
 * free; then the copy gets its final name, owner-only permissions and a manifest, and the folder is
 * pruned to 7 daily, 4 weekly and 12 monthly backups (rotation.ts). A copy that fails its check, a
 * full disk or a stick pulled out half-way leaves no file behind under a backup's name, so a
 * restore can never pick up half a database.
 */
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import {
  backupFileName,
  listBackups,
  manifestPathFor,
  type BackupManifest,
  type BackupReason,
} from './files.ts';
import type { SqliteDatabase } from '../db/sqlite.ts';
import { copyAndCheck } from './copy.ts';
import type {
  BackupWorkerAnswer,
  BackupWorkerInspect,
  BackupWorkerStart,
  InspectAnswer,
} from './protocol.ts';
import { backupsToKeep } from './rotation.ts';
import type { BackupSource } from './source.ts';

/** From source Node runs worker.ts; in the Electron bundle it is the entry built beside main.js. */
export const BACKUP_WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./worker.ts', import.meta.url)
  : new URL('./backup-worker.js', import.meta.url);

export interface TakeBackupOptions {
  dir: string;
  reason: BackupReason;
  station: string;
  appVersion: string;
  now: Date;
  log: Logger;
}

export interface BackupTaken extends BackupManifest {
  path: string;
  /** Older backups deleted by the rotation (file names). */
  removed: string[];
  durationMs: number;
}

const failed = (message: string, logMessage: string, cause?: unknown) =>
  new AppError('INTERNAL', { message, logMessage, cause });

/** Runs one task on a fresh backup worker thread and resolves with its one answer. */
export function runWorker(start: BackupWorkerStart): Promise<BackupWorkerAnswer>;
export function runWorker(start: BackupWorkerInspect): Promise<InspectAnswer>;
export function runWorker(
  start: BackupWorkerStart | BackupWorkerInspect,
): Promise<BackupWorkerAnswer | InspectAnswer> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'HSSK_DB_KEY') env[k] = v;
  return new Promise((resolve, reject) => {
    const worker = new Worker(BACKUP_WORKER_URL, { workerData: start, argv: [], env, name: 'hssk-backup' });
    let answered = false;
    worker.once('message', (m: BackupWorkerAnswer | InspectAnswer) => {
      answered = true;
      resolve(m);
    });
    worker.once('error', (e) => reject(e));
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`backup worker exited with code ${code} before answering`));
    });
  });
}

interface Target {
  name: string;
  path: string;
  part: string;
}

function prepareTarget(o: TakeBackupOptions): Target {
  try {
    mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw failed(
      'Không tạo được thư mục sao lưu. Kiểm tra ổ đĩa hoặc USB đã cắm và còn ghi được.',
      'cannot create the backup folder',
      e,
    );
  }
  const name = backupFileName(o.station, o.now, o.reason);
  const path = join(o.dir, name);
  if (existsSync(path))
    throw new AppError('CONFLICT', {
      message: 'Vừa có một bản sao lưu được tạo trong giây này. Vui lòng thử lại sau giây lát.',
      logMessage: `backup ${name} already exists`,
    });
  const part = join(o.dir, `.${name}.part`);
  rmSync(part, { force: true });
  return { name, path, part };
}

/** The checked copy gets its name, owner-only permissions and manifest; then the folder is rotated. */
function finish(
  target: Target,
  answer: BackupWorkerAnswer,
  o: TakeBackupOptions,
  started: number,
): BackupTaken {
  if (!answer.ok) {
    rmSync(target.part, { force: true });
    o.log.error('backup failed', { stage: answer.stage, error: answer.message });
    throw answer.stage === 'copy'
      ? failed(
          'Không ghi được bản sao lưu vào thư mục sao lưu (ổ đầy, bị khóa ghi hoặc đã rút ra). Dữ liệu trên máy không bị ảnh hưởng.',
          `backup copy failed: ${answer.message}`,
        )
      : failed(
          'Bản sao lưu vừa ghi không đọc lại được nên đã bị xóa. Hãy thử lại hoặc chọn ổ khác.',
          `backup check failed: ${answer.message}`,
        );
  }
  const { name, path, part } = target;
  renameSync(part, path);
  chmodSync(path, 0o600);
  const manifest: BackupManifest = {
    file: name,
    takenAt: o.now.toISOString(),
    reason: o.reason,
    station: o.station,
    appVersion: o.appVersion,
    schemaVersion: answer.schemaVersion,
    bytes: statSync(path).size,
    integrity: answer.integrity,
    counts: answer.counts,
  };
  writeFileSync(manifestPathFor(path), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });

  const ours = listBackups(o.dir).filter((b) => b.station === o.station);
  const keep = backupsToKeep(ours);
  const removed: string[] = [];
  for (const b of ours) {
    if (keep.has(b.name)) continue;
    rmSync(b.path, { force: true });
    rmSync(manifestPathFor(b.path), { force: true });
    removed.push(b.name);
  }
  const durationMs = Math.round(performance.now() - started);
  o.log.info('backup taken', {
    reason: o.reason,
    bytes: manifest.bytes,
    removed: removed.length,
    ms: durationMs,
  });
  return { ...manifest, path, removed, durationMs };
}

/** A backup while the app is in use: the copy is made by the worker, off this thread. */
export async function takeBackup(source: BackupSource, o: TakeBackupOptions): Promise<BackupTaken> {
  const started = performance.now();
  const target = prepareTarget(o);
  const key = source.key ? new Uint8Array(source.key) : null;
  let answer: BackupWorkerAnswer;
  try {
    answer = await runWorker({ file: source.file, key, out: target.part });
  } catch (e) {
    rmSync(target.part, { force: true });
    throw failed('Sao lưu không thành công. Dữ liệu trên máy không bị ảnh hưởng.', 'backup worker failed', e);
  } finally {
    key?.fill(0);
  }
  return finish(target, answer, o, started);
}

/**
 * A backup on this thread from an open connection: before a migration, while the app is still
 * starting (no window waits on this loop yet, and the schema must not change before the copy).
 */
export function takeBackupNow(from: SqliteDatabase, source: BackupSource, o: TakeBackupOptions): BackupTaken {
  const started = performance.now();
  const target = prepareTarget(o);
  return finish(
    target,
    copyAndCheck({ file: source.file, key: source.key, out: target.part, from }),
    o,
    started,
  );
}
