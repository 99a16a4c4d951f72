/**
 * A byte pipe to one device. Implementations: serial (serialport), HID (node-hid), and a fake for
 * tests. Callbacks return an unsubscribe function. `onData` delivers chunks exactly as they came:
 * a serial read (any length) or one whole HID input report — drivers frame them.
 */
export type Unsubscribe = () => void;

export type TransportErrorCode =
  /** The port or device path does not exist (unplugged, renamed). */
  | 'not-found'
  /** Another program holds the port (Windows opens COM ports exclusively). */
  | 'busy'
  | 'access-denied'
  | 'open-failed'
  | 'write-failed'
  | 'read-failed'
  | 'not-open'
  /** The transport cannot do what was asked (a feature report on a serial port). */
  | 'unsupported';

export class TransportError extends Error {
  readonly code: TransportErrorCode;
  /** Vietnamese, for the nurse. `message` stays English for the log. */
  readonly userMessage: string;

  constructor(
    code: TransportErrorCode,
    userMessage: string,
    detail: string,
    options: { cause?: unknown } = {},
  ) {
    super(detail, options);
    this.name = 'TransportError';
    this.code = code;
    this.userMessage = userMessage;
  }
}

export interface Transport {
  readonly kind: 'serial' | 'hid' | 'fake';
  /** COM3, /dev/ttyUSB0, a HID path. */
  readonly path: string;
  readonly isOpen: boolean;
  /** Rejects with a TransportError. */
  open(): Promise<void>;
  /** Never rejects; closing a closed transport is a no-op. */
  close(): Promise<void>;
  /** Rejects with a TransportError. HID bytes start with the report id (0x00 when unnumbered). */
  write(bytes: Uint8Array, report?: 'output' | 'feature'): Promise<void>;
  onData(listener: (chunk: Uint8Array, receivedAt: number) => void): Unsubscribe;
  onError(listener: (error: TransportError) => void): Unsubscribe;
  /** The device went away (unplugged) — not called for a `close()` we asked for. */
  onDisconnect(listener: () => void): Unsubscribe;
}

/** A tiny listener set shared by the implementations. */
export class Listeners<A extends unknown[]> {
  #set = new Set<(...args: A) => void>();

  add(listener: (...args: A) => void): Unsubscribe {
    this.#set.add(listener);
    return () => {
      this.#set.delete(listener);
    };
  }

  emit(...args: A): void {
    for (const l of [...this.#set]) {
      try {
        l(...args);
      } catch {
        // A listener's bug must not stop the other listeners or the read loop.
      }
    }
  }

  clear(): void {
    this.#set.clear();
  }
}

/** Maps an OS error text to a code and a Vietnamese message. */
export function classifyOpenError(path: string, err: unknown): TransportError {
  const text = err instanceof Error ? err.message : String(err);
  if (/ENOENT|No such file|not found|cannot find|File not found|could not open|does not exist/i.test(text)) {
    return new TransportError(
      'not-found',
      `Không tìm thấy thiết bị ở cổng ${path}: kiểm tra cáp và chọn lại cổng.`,
      `open ${path}: ${text}`,
      { cause: err },
    );
  }
  if (/EBUSY|locked|Access denied|in use|Resource busy/i.test(text)) {
    return new TransportError(
      'busy',
      `Cổng ${path} đang bị chương trình khác dùng: đóng chương trình đó rồi thử lại.`,
      `open ${path}: ${text}`,
      { cause: err },
    );
  }
  if (/EACCES|EPERM|permission/i.test(text)) {
    return new TransportError('access-denied', `Không có quyền mở cổng ${path}.`, `open ${path}: ${text}`, {
      cause: err,
    });
  }
  return new TransportError('open-failed', `Không mở được cổng ${path}.`, `open ${path}: ${text}`, {
    cause: err,
  });
}
