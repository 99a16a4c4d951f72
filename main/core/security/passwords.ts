import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** OWASP's argon2id baseline (19 MiB, 2 passes): ~60 ms on a 2-core station PC, off the main thread. */
// Algorithm is a const enum (not reachable under verbatimModuleSyntax); 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * Spends the same time as a real check when the user does not exist, so response time does not
 * reveal which usernames are valid.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('hssk-dummy-password');
  await verifyPassword(await dummy, password);
}
