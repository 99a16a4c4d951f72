/**
 * The exam on screen, as far as a card scan is concerned: while the nurse is recording an exam, a
 * scan must not throw her out of it. The exam screen registers itself here; the scan router then
 * leaves the scan waiting (`waiting`) and the exam screen offers to switch once this exam is saved.
 */
import type { ScanResult } from '#contract';

export interface WaitingScan {
  /** The scan as the core read it (the card, and whose it is if anyone's). */
  scan: ScanResult;
  /** The holder's name, to say who is waiting. */
  name: string;
}

class OpenExam {
  /** The visit being recorded on screen, or null. */
  visitId = $state<string | null>(null);
  personId = $state<string | null>(null);
  /** A card scanned while the exam was open: what the nurse may switch to. */
  waiting = $state<WaitingScan | null>(null);

  open(visitId: string, personId: string): void {
    this.visitId = visitId;
    this.personId = personId;
    this.waiting = null;
  }

  close(visitId: string): void {
    if (this.visitId !== visitId) return;
    this.visitId = null;
    this.personId = null;
  }
}

export const openExam = new OpenExam();
