import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * The app (Electron or `hssk serve`) marks the database it serves as in use, so a write from the
 * command line (`hssk import persons`) does not start beside it: a CLI import holds the write lock
 * for minutes, and the app's saves behind it failed with "database is locked" after 5 s (2 of 993
 * in the probe). The CLI refuses politely instead and says what to do. A marker left by a crash
 * names a process that is gone, and is ignored.
 */
export const inUseFileFor = (dbFile: string): string => `${dbFile}.in-use`;

export interface InUse {
  pid: number;
  host: string;
  since: string;
}

export function markInUse(dbFile: string, host: string): () => void {
  const file = inUseFileFor(dbFile);
  const mine: InUse = { pid: process.pid, host, since: new Date().toISOString() };
  writeFileSync(file, JSON.stringify(mine), { mode: 0o600 });
  return () => {
    // Only our own marker: a second app instance may have written its own since.
    if (holderOf(dbFile)?.pid === process.pid) rmSync(file, { force: true });
  };
}

/** The live process (not this one) that marked the database in use, or null. */
export function appHolding(dbFile: string): InUse | null {
  const holder = holderOf(dbFile);
  if (!holder || holder.pid === process.pid || !alive(holder.pid)) return null;
  return holder;
}

function holderOf(dbFile: string): InUse | null {
  try {
    const parsed = JSON.parse(readFileSync(inUseFileFor(dbFile), 'utf8')) as Partial<InUse>;
    return typeof parsed.pid === 'number' ? (parsed as InUse) : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
