import { randomBytes } from 'node:crypto';
import { ROLE_PERMISSIONS, type Permission, type Role } from '#contract/permissions.ts';
import type { Clock } from '../clock.ts';

export interface Session {
  readonly id: string;
  readonly userId: string;
  readonly username: string;
  readonly fullName: string;
  readonly role: Role;
  readonly permissions: ReadonlySet<Permission>;
  readonly createdAt: number;
  lastSeenAt: number;
  locked: boolean;
}

/**
 * Signed-in sessions, in memory only: a restart signs everyone out. A session idle longer than the
 * station's idle-lock setting is locked (not ended), so an unattended PC in a busy station does not
 * show the last resident's record to the next person who walks by.
 */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  readonly #clock: Clock;
  readonly #idleMs: () => number;

  constructor(clock: Clock, idleMinutes: () => number) {
    this.#clock = clock;
    this.#idleMs = () => idleMinutes() * 60_000;
  }

  create(user: { id: string; username: string; fullName: string; role: Role }): Session {
    const now = this.#clock().getTime();
    const session: Session = {
      id: randomBytes(24).toString('base64url'),
      userId: user.id,
      username: user.username,
      fullName: user.fullName,
      role: user.role,
      permissions: new Set(ROLE_PERMISSIONS[user.role]),
      createdAt: now,
      lastSeenAt: now,
      locked: false,
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The session for an id, with the idle lock applied as of now. */
  get(id: string | null | undefined): Session | undefined {
    if (!id) return undefined;
    const s = this.#sessions.get(id);
    if (s && !s.locked && this.#clock().getTime() - s.lastSeenAt > this.#idleMs()) s.locked = true;
    return s;
  }

  touch(s: Session): void {
    s.lastSeenAt = this.#clock().getTime();
  }

  lock(s: Session): void {
    s.locked = true;
  }

  unlock(s: Session): void {
    s.locked = false;
    this.touch(s);
  }

  destroy(id: string | null | undefined): void {
    if (id) this.#sessions.delete(id);
  }

  /** Ends every session of a user (deactivated, role changed). */
  destroyForUser(userId: string): void {
    for (const [id, s] of this.#sessions) if (s.userId === userId) this.#sessions.delete(id);
  }

  /** Locks sessions that went idle; returns them so hosts can tell their windows. */
  sweep(): Session[] {
    const newlyLocked: Session[] = [];
    for (const s of this.#sessions.values()) {
      if (!s.locked && this.#clock().getTime() - s.lastSeenAt > this.#idleMs()) {
        s.locked = true;
        newlyLocked.push(s);
      }
    }
    return newlyLocked;
  }
}
