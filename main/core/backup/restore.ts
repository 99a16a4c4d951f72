/**
 * Restoring a backup, in three steps that survive a power cut between any two:
 *
 * 1. `stageRestore` (while the app runs): the backup is copied beside the station database
 *    (`<db>.restoring`, fsynced) and that copy — exactly the bytes that will be swapped in — is
 *    checked by the worker (inspect.ts). A marker `<db>.restore.json` then says "staged".
 * 2. `applyPendingRestore` (as the next core opens, before the database is): the current database,
 *    with any WAL/SHM, is renamed to `<db>.replaced-<time>` (its key file copied beside it, so it
 *    stays openable), the staged copy is renamed into place, the folder is fsynced, and the marker
 *    says "swapped". Each rename is atomic; a start after a crash finishes what is left.
 * 3. `noteRestoreInTrail` (once the restored database is open and migrated by the normal start
 *    path): the restore is written to the restored trail, and the marker is removed.
 */
import { constants, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { copyFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { copyFile, open } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { MIGRATIONS } from '../../../migrations/index.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import type { Store } from '../db/store.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { keyFileFor } from '../paths.ts';
import { parseBackupName, readManifest, type BackupReason } from './files.ts';
import type { BackupContents, BackupCounts, InspectProblem } from './protocol.ts';
import type { BackupSource } from './source.ts';
import { runWorker } from './take.ts';

export const stagedFileFor = (dbFile: string): string => `${dbFile}.restoring`;
export const restoreMarkerFor = (dbFile: string): string => `${dbFile}.restore.json`;

/** A backup file as the restore wizard shows it before the admin confirms. */
export interface CheckedBackup extends BackupContents {
  file: string;
  bytes: number;
  /** When it was taken: its manifest, else its name, else the file's time. */
  takenAt: string;
  reason: BackupReason | null;
  /** The app's own schema version: an older backup is migrated after the restore. */
  appSchemaVersion: number;
}

export interface RestoreMarker {
  state: 'staged' | 'swapped';
  staged: string;
  replaced: string;
  backup: string;
  takenAt: string;
  requestedAt: string;
  by: Actor | null;
  counts: BackupCounts;
  schemaVersion: number;
}

const PROBLEMS: Record<
  InspectProblem,
  { code: 'FILE_INVALID' | 'DB_KEY_INVALID' | 'DB_TOO_NEW'; message: string }
> = {
  'not-database': {
    code: 'FILE_INVALID',
    message: 'Tệp đã chọn không phải bản sao lưu của HSSK Trạm (không phải cơ sở dữ liệu).',
  },
  'wrong-key': {
    code: 'DB_KEY_INVALID',
    message:
      'Bản sao lưu này không mở được bằng khóa của trạm: có thể là của trạm khác, được tạo trước khi đổi khóa, hoặc không phải bản sao lưu. Bản tạo trước khi đổi khóa chỉ mở được bằng mã khôi phục cũ (cán bộ CNTT: hssk db recover).',
  },
  unencrypted: {
    code: 'FILE_INVALID',
    message: 'Tệp này không được mã hóa như cơ sở dữ liệu của trạm nên không phục hồi được.',
  },
  corrupt: {
    code: 'FILE_INVALID',
    message: 'Bản sao lưu bị hỏng (kiểm tra toàn vẹn không đạt). Hãy chọn một bản sao lưu khác.',
  },
  'not-station': { code: 'FILE_INVALID', message: 'Tệp này không phải cơ sở dữ liệu của HSSK Trạm.' },
  'too-new': {
    code: 'DB_TOO_NEW',
    message:
      'Bản sao lưu được tạo bởi phiên bản HSSK Trạm mới hơn phiên bản đang dùng. Hãy cập nhật phần mềm rồi phục hồi.',
  },
};

function fsyncPath(path: string): void {
  const fd = openSync(path, constants.O_RDONLY);
  try {
    fsyncSync(fd);
  } catch {
    // Windows cannot fsync a folder; NTFS journals the renames.
  } finally {
    closeSync(fd);
  }
}

function removeDatabaseFiles(file: string): void {
  for (const s of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${s}`, { force: true });
}

function takenAtOf(file: string): { takenAt: string; reason: BackupReason | null } {
  const manifest = readManifest(file);
  if (manifest && manifest.file === basename(file))
    return { takenAt: manifest.takenAt, reason: manifest.reason };
  const named = parseBackupName(basename(file));
  if (named) return { takenAt: named.takenAt.toISOString(), reason: named.reason };
  return { takenAt: statSync(file).mtime.toISOString(), reason: null };
}

/**
 * Copies `file` to `into` (fsynced) and checks the copy in the worker; the copy is removed when it
 * fails. A file that is not there, or cannot be read, is said so in Vietnamese.
 */
export async function copyAndInspect(
  source: BackupSource,
  file: string,
  into: string,
  log: Logger,
): Promise<CheckedBackup> {
  if (!existsSync(file) || !statSync(file).isFile())
    throw new AppError('NOT_FOUND', {
      message: 'Không tìm thấy tệp sao lưu đã chọn.',
      logMessage: 'restore: backup file not found',
    });
  const { takenAt, reason } = takenAtOf(file);
  removeDatabaseFiles(into);
  try {
    await copyFile(file, into);
    const handle = await open(into, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (e) {
    removeDatabaseFiles(into);
    throw new AppError('INTERNAL', {
      message: 'Không đọc được tệp sao lưu hoặc không ghi được bản sao vào thư mục dữ liệu (ổ đầy?).',
      logMessage: 'restore: staging copy failed',
      cause: e,
    });
  }
  const key = source.key ? new Uint8Array(source.key) : null;
  let answer;
  try {
    answer = await runWorker({ task: 'inspect', file: into, key, known: MIGRATIONS.map((m) => m.name) });
  } catch (e) {
    removeDatabaseFiles(into);
    throw new AppError('INTERNAL', {
      message: 'Không kiểm tra được bản sao lưu.',
      logMessage: 'restore: worker failed',
      cause: e,
    });
  } finally {
    key?.fill(0);
  }
  if (!answer.ok) {
    removeDatabaseFiles(into);
    const p = PROBLEMS[answer.problem];
    log.warn('backup refused for restore', { problem: answer.problem, detail: answer.detail });
    throw new AppError(p.code, { message: p.message, logMessage: `restore refused: ${answer.problem}` });
  }
  // The check opened the copy read-write; nothing of it is left beside it once closed.
  for (const s of ['-wal', '-shm']) rmSync(`${into}${s}`, { force: true });
  return {
    ...answer.contents,
    file,
    bytes: statSync(into).size,
    takenAt,
    reason,
    appSchemaVersion: MIGRATIONS.length,
  };
}

/** Step 1: the checked copy waits beside the database with a marker that says what it is. */
export async function stageRestore(
  source: BackupSource,
  file: string,
  o: { by: Actor | null; now: Date; log: Logger },
): Promise<{ checked: CheckedBackup; marker: RestoreMarker }> {
  const staged = stagedFileFor(source.file);
  rmSync(restoreMarkerFor(source.file), { force: true });
  const checked = await copyAndInspect(source, file, staged, o.log);
  const stamp = o.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const marker: RestoreMarker = {
    state: 'staged',
    staged,
    replaced: `${source.file}.replaced-${stamp}`,
    backup: basename(file),
    takenAt: checked.takenAt,
    requestedAt: o.now.toISOString(),
    by: o.by,
    counts: checked.counts,
    schemaVersion: checked.schemaVersion,
  };
  writeMarker(source.file, marker);
  return { checked, marker };
}

/** Forgets a staged restore that will not happen (the swap failed to be asked for). */
export function cancelStagedRestore(dbFile: string): void {
  rmSync(restoreMarkerFor(dbFile), { force: true });
  removeDatabaseFiles(stagedFileFor(dbFile));
}

function writeMarker(dbFile: string, marker: RestoreMarker): void {
  const file = restoreMarkerFor(dbFile);
  writeFileSync(`${file}.tmp`, JSON.stringify(marker), { mode: 0o600 });
  fsyncPath(`${file}.tmp`);
  renameSync(`${file}.tmp`, file);
  fsyncPath(dirname(file));
}

export function readRestoreMarker(dbFile: string): RestoreMarker | null {
  try {
    return JSON.parse(readFileSync(restoreMarkerFor(dbFile), 'utf8')) as RestoreMarker;
  } catch {
    return null;
  }
}

/**
 * Step 2, with the database closed (the core calls it before opening): swaps a staged restore in.
 * Returns the marker when a swap was done or finished now.
 */
export function applyPendingRestore(dbFile: string, log: Logger): RestoreMarker | null {
  const marker = readRestoreMarker(dbFile);
  if (!marker || marker.state !== 'staged') return null;
  const { staged, replaced } = marker;
  if (existsSync(staged)) {
    // The current database and its WAL move together, so the replaced copy stays whole.
    for (const s of ['', '-wal', '-shm'])
      if (existsSync(`${dbFile}${s}`)) renameSync(`${dbFile}${s}`, `${replaced}${s}`);
    // The replaced database keeps its key: the same key file, copied under its new name.
    if (existsSync(keyFileFor(dbFile)) && !existsSync(keyFileFor(replaced)))
      copyFileSync(keyFileFor(dbFile), keyFileFor(replaced));
    renameSync(staged, dbFile);
    fsyncPath(dirname(dbFile));
  } else if (!existsSync(dbFile)) {
    // Neither the staged copy nor a database: nothing to swap, and nothing must be invented.
    log.error('restore marker without its staged copy; ignored', { staged: basename(staged) });
    rmSync(restoreMarkerFor(dbFile), { force: true });
    return null;
  }
  // (No staged copy but a database: a crash after the swap's last rename; it is done.)
  const swapped: RestoreMarker = { ...marker, state: 'swapped' };
  writeMarker(dbFile, swapped);
  log.info('backup restored into place', { backup: marker.backup, replaced: basename(replaced) });
  return swapped;
}

/** Step 3: the restored trail says it was restored, by whom, from what; the marker goes. */
export function noteRestoreInTrail(store: Store, dbFile: string, at: string): RestoreMarker | null {
  const marker = readRestoreMarker(dbFile);
  if (!marker || marker.state !== 'swapped') return null;
  appendAudit(
    store,
    marker.by,
    {
      action: 'backup.restored',
      details: {
        backup: marker.backup,
        takenAt: marker.takenAt,
        requestedAt: marker.requestedAt,
        replaced: basename(marker.replaced),
        persons: marker.counts.persons,
        visits: marker.counts.visits,
      },
    },
    at,
  );
  rmSync(restoreMarkerFor(dbFile), { force: true });
  return marker;
}
