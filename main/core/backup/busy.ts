/**
 * One backup or restore at a time per database: two restores at once would stage over each other,
 * and a backup taken while a restore swaps the file would copy either database. Held from before
 * the first await, so two requests in the same tick cannot both pass.
 */
import type { Store } from '../db/store.ts';
import { AppError } from '../errors.ts';

export type BackupTask = 'backup' | 'restore' | 'rekey';
const held = new WeakMap<Store, BackupTask>();

const WORDS: Record<BackupTask, string> = {
  backup: 'sao lưu',
  restore: 'phục hồi',
  rekey: 'đổi khóa cơ sở dữ liệu',
};

export function holdBackupTask(store: Store, task: BackupTask): () => void {
  const current = held.get(store);
  if (current)
    throw new AppError('BUSY', {
      message: `Đang ${WORDS[current]}${current === 'rekey' ? '' : ' dữ liệu'}. Vui lòng chờ việc đó xong rồi thử lại.`,
      logMessage: `${task} refused: a ${current} is running`,
    });
  held.set(store, task);
  return () => {
    if (held.get(store) === task) held.delete(store);
  };
}

export function backupTaskRunning(store: Store): BackupTask | null {
  return held.get(store) ?? null;
}
