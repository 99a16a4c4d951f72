/** What the integrity worker is given and answers (structured-clone safe). */
export interface IntegrityWorkerStart {
  file: string;
  /** The raw key (copied into the worker, zeroed there after use), null for an unencrypted database. */
  key: Uint8Array | null;
  mode: 'quick' | 'full';
}

export type IntegrityWorkerAnswer =
  | { ok: true; mode: 'quick' | 'full'; problems: string[]; ms: number }
  | { ok: false; mode: 'quick' | 'full'; error: string };
