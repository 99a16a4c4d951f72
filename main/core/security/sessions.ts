import { randomBytes } from 'node:crypto';
import { ROLE_PERMISSIONS, type Permission, type Role } from '#contract/permissions.ts';
import type { HostKind } from '#contract/ops/system.ts';
import { CLI_OPERATOR_ID, cliOperatorLabel, cliOperatorUsername } from '../audit/labels.ts';
import type { Clock } from '../clock.ts';

/**
 * What the CLI operator may do: exactly what the `hssk` commands that go through the dispatcher
 * call (imports.* → persons.import, persons.export, audit.verify → audit.read, devices.drivers →
 * devices.use, devices.detect → devices.manage, backup.create → backups.manage, hssk print's
 * forms.* → forms.print and its --person lookup persons.search → persons.read;
 * main/hosts/cli/operator.test.ts derives this list
 * from the commands and fails when they drift apart). Not all of an administrator's: whoever
 * holds the database key could change anything with SQL, so this is no wall against the person,
 * but it keeps the program honest: no `hssk` command can sign a visit, edit a record or create an
 * account under `cli:<name>`, and one added later that tries is refused until its permission is
 * added here on purpose.
 */
export const OPERATOR_PERMISSIONS: readonly Permission[] = [
  'persons.import',
  'persons.export',
  'audit.read',
  'devices.use',
  'devices.manage',
  'backups.manage',
  'forms.print',
  'persons.read',
  // hssk sync run / status: the district's IT staff uploads a station's backlog by hand.
  'sync.run',
  // hssk report coverage / worklist / a1 / monthly: the district's check of a station's coverage,
  // its work lists and the TT 23/2025 registers as XLSX.
  'reports.read',
];

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
  /** The CLI operator's session (`hssk` at a terminal): not an account, never idle-locked. */
  readonly operator: boolean;
}

/**
 * However busy, a session ends this long after sign-in: a PC signed in on Monday morning and used
 * by whoever sits down all week is signed out that evening.
 */
export const SESSION_MAX_HOURS = 12;

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
      operator: false,
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  /**
   * The session of the person running an `hssk` command: they already hold the database key (they
   * own the file, or were given HSSK_DB_KEY), so they are trusted like a signed-in administrator
   * without a password (`role` says that rank), but act only with OPERATOR_PERMISSIONS, through the
   * dispatcher, and every entry they cause is on the audit trail as `cli:<OS user>`. Only the CLI
   * host calls this, with its core's host kind: a core serving windows (Electron, loopback) refuses,
   * and no operation of the contract leads here (sessions.test.ts).
   */
  createOperator(osUser: string, host: HostKind): Session {
    // Reaching this from a window's host would be a bug, never a user's mistake: fail loudly.
    if (host !== 'cli') throw new Error(`an operator session is for the CLI host only, not ${host}`);
    const username = cliOperatorUsername(osUser.trim().slice(0, 64) || 'unknown');
    const now = this.#clock().getTime();
    const session: Session = {
      id: randomBytes(24).toString('base64url'),
      userId: CLI_OPERATOR_ID,
      username,
      fullName: cliOperatorLabel(username),
      role: 'admin',
      permissions: new Set(OPERATOR_PERMISSIONS),
      createdAt: now,
      lastSeenAt: now,
      locked: false,
      operator: true,
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The session for an id, with the idle lock and the absolute lifetime applied as of now. */
  get(id: string | null | undefined): Session | undefined {
    if (!id) return undefined;
    const s = this.#sessions.get(id);
    if (s && this.#expired(s)) {
      this.#sessions.delete(id);
      return undefined;
    }
    if (s && this.#idle(s)) s.locked = true;
    return s;
  }

  /** Past its absolute lifetime. The operator's one command is not a screen left signed in. */
  #expired(s: Session): boolean {
    return !s.operator && this.#clock().getTime() - s.createdAt > SESSION_MAX_HOURS * 3_600_000;
  }

  /** Idle past the lock time. An operator has no screen to lock: a long import is not idleness. */
  #idle(s: Session): boolean {
    return !s.locked && !s.operator && this.#clock().getTime() - s.lastSeenAt > this.#idleMs();
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

  /** Ends every session of a user (deactivated, role or password changed), but `keepId` if given. */
  destroyForUser(userId: string, keepId: string | null = null): void {
    for (const [id, s] of this.#sessions) if (s.userId === userId && id !== keepId) this.#sessions.delete(id);
  }

  /** Locks sessions that went idle; returns them so hosts can tell their windows. */
  sweep(): Session[] {
    const newlyLocked: Session[] = [];
    for (const [id, s] of this.#sessions) {
      if (this.#expired(s)) {
        this.#sessions.delete(id);
        continue;
      }
      if (this.#idle(s)) {
        s.locked = true;
        newlyLocked.push(s);
      }
    }
    return newlyLocked;
  }
}
