/**
 * Which exam is open on this PC's screen, and which was open at any moment of the last minutes, so
 * a device reading is tied to the patient in front of the nurse when it arrived — not to whoever
 * is on screen when the nurse gets round to it. A reading that arrives during Mrs A's exam is never
 * offered on Mr B's; one that arrives with no exam open is offered only with its time and an
 * explicit choice (see measurements.ts).
 *
 * The exam screen says it is open (`visits.focus`, repeated while it stays open) and closed
 * (`visits.blur`). A screen that vanished without a word (a crashed window, a closed browser tab)
 * stops counting once its lease runs out, so a stale claim cannot catch the next patient's readings.
 * Kept in memory: after a restart nothing is open, which is true.
 */

/** How long one "still open" lasts; the exam screen renews it well within this. */
export const EXAM_LEASE_MS = 60_000;
/** How far back "which exam was open at time t" can be answered (a reading may wait behind an import). */
const HISTORY_MS = 15 * 60_000;

interface OpenSpan {
  /** The window or browser that showed the exam (its session). */
  readonly holder: string;
  readonly visitId: string;
  readonly personId: string;
  readonly openedAt: number;
  lastSeenAt: number;
  closedAt: number | null;
}

export class OpenExams {
  readonly #spans: OpenSpan[] = [];

  /** The exam `visitId` is (still) on `holder`'s screen at `now`. */
  focus(holder: string, visitId: string, personId: string, now: number): void {
    this.#prune(now);
    const live = this.#spans.find(
      (s) =>
        s.holder === holder &&
        s.visitId === visitId &&
        s.closedAt === null &&
        now <= s.lastSeenAt + EXAM_LEASE_MS,
    );
    if (live) {
      live.lastSeenAt = now;
      return;
    }
    // One screen shows one exam: opening another closes the previous one on that screen.
    for (const s of this.#spans)
      if (s.holder === holder && s.closedAt === null)
        s.closedAt = Math.min(now, s.lastSeenAt + EXAM_LEASE_MS);
    this.#spans.push({ holder, visitId, personId, openedAt: now, lastSeenAt: now, closedAt: null });
  }

  /** The exam left `holder`'s screen (saved, discarded, or the nurse went elsewhere). */
  blur(holder: string, visitId: string, now: number): void {
    for (const s of this.#spans)
      if (s.holder === holder && s.visitId === visitId && s.closedAt === null)
        s.closedAt = Math.min(now, s.lastSeenAt + EXAM_LEASE_MS);
  }

  /** The exam ended wherever it was shown (signed or discarded): later readings are not its. */
  end(visitId: string, now: number): void {
    for (const s of this.#spans)
      if (s.visitId === visitId && s.closedAt === null)
        s.closedAt = Math.min(now, s.lastSeenAt + EXAM_LEASE_MS);
  }

  /** Everything `holder` had open ends (signed out, locked by another user). */
  blurAll(holder: string, now: number): void {
    for (const s of this.#spans)
      if (s.holder === holder && s.closedAt === null)
        s.closedAt = Math.min(now, s.lastSeenAt + EXAM_LEASE_MS);
  }

  /**
   * The exam that was open at `at`, when exactly one was: two exams open at once (two windows)
   * leave a reading unassigned rather than guess between two patients.
   */
  openAt(at: number): { visitId: string; personId: string } | null {
    // An ended exam's last instant is not its own: a reading that arrives in the very millisecond
    // the exam was signed belongs to nobody (offered only by explicit choice), never to the exam.
    const open = this.#spans.filter(
      (s) => s.openedAt <= at && (s.closedAt !== null ? at < s.closedAt : at <= s.lastSeenAt + EXAM_LEASE_MS),
    );
    const visits = new Set(open.map((s) => s.visitId));
    if (visits.size !== 1) return null;
    const [s] = open;
    return { visitId: s.visitId, personId: s.personId };
  }

  #prune(now: number): void {
    for (let i = this.#spans.length - 1; i >= 0; i--) {
      const s = this.#spans[i];
      const end = s.closedAt ?? s.lastSeenAt + EXAM_LEASE_MS;
      if (end < now - HISTORY_MS) this.#spans.splice(i, 1);
    }
  }
}
