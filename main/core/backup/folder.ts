/**
 * Whether a folder can take backups: it exists or can be made, a file can be written in it, and it
 * is not inside the data folder — a backup on the database's own disk folder is lost with it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { AppError } from '../errors.ts';

const refuse = (message: string, why: string) =>
  new AppError('INVALID_INPUT', {
    message,
    logMessage: `backup folder refused: ${why}`,
    details: { issues: [{ path: 'folder', message }] },
  });

export function checkBackupFolder(folder: string, dataDir: string): string {
  const dir = resolve(folder);
  const inside = relative(resolve(dataDir), dir);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside)))
    throw refuse(
      'Thư mục sao lưu phải ở ngoài thư mục dữ liệu của ứng dụng (tốt nhất là ổ khác hoặc USB).',
      'inside the data folder',
    );
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    throw refuse('Không tạo được thư mục sao lưu này. Kiểm tra ổ đĩa hoặc USB đã cắm.', 'cannot create');
  }
  const probe = join(dir, `.hssk-write-test-${process.pid}`);
  try {
    writeFileSync(probe, 'ok', { mode: 0o600 });
    rmSync(probe, { force: true });
  } catch {
    throw refuse('Thư mục sao lưu này không ghi được (bị khóa ghi hoặc không có quyền).', 'not writable');
  }
  return dir;
}
