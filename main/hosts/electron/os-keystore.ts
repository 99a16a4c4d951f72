import type { SafeStorage } from 'electron';
import { AppError } from '../../core/errors.ts';
import type { KeyProtector } from '../../core/db/keystore.ts';

/** Protects the database key with the OS keystore (DPAPI on Windows): useless on another machine or account. */
export function osKeyProtector(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>,
): KeyProtector {
  const ensure = () => {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new AppError('DB_KEY_INVALID', {
        message:
          'Hệ điều hành chưa sẵn sàng bảo vệ khóa cơ sở dữ liệu. Vui lòng đăng nhập Windows rồi mở lại ứng dụng.',
        logMessage: 'safeStorage encryption is not available',
      });
    }
  };
  return {
    kind: 'os',
    protect: (key) => {
      ensure();
      return safeStorage.encryptString(key.toString('base64'));
    },
    unprotect: (blob) => {
      ensure();
      return Buffer.from(safeStorage.decryptString(blob), 'base64');
    },
  };
}
