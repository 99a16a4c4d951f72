import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * Health records are for the station's own OS account: on POSIX the data folder is 0700 and the
 * database, its WAL and shared-memory files, the key and the logs are 0600, whatever the umask
 * (a default 022 made them readable by every account on a shared PC). Windows keeps its ACLs:
 * the folder sits in the user's profile, which other accounts cannot read.
 */
const POSIX = process.platform !== 'win32';

/** Creates the folder (and its parents) owner-only, and narrows it if it already existed. */
export function ownerOnlyDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (POSIX) chmodSync(dir, 0o700);
}

/** Narrows an existing file to its owner (a database or log from an older version). */
export function ownerOnlyFile(file: string): void {
  if (POSIX && existsSync(file)) chmodSync(file, 0o600);
}

/**
 * Creates an empty file owner-only if it is missing, before SQLite opens it: SQLite gives the WAL
 * and shared-memory files the database file's permissions, so they are born 0600 too.
 */
export function createOwnerOnlyFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  ownerOnlyFile(file);
}
