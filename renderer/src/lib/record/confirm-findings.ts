/**
 * Second looks before a clinical record is saved: the core answers NEEDS_CONFIRMATION with the
 * findings (a rare vital, a dose out of schedule), and the user confirms each by name or goes back.
 */
import type { Finding } from '#contract';
import { ApiFailure } from '../api.ts';
import { confirmDialog } from '../components/confirm.ts';

export interface FindingsWording {
  title: string;
  message: string;
  yes: string;
  no: string;
}

/** Shows the findings; resolves to their keys when confirmed, or null when the user goes back to fix them. */
export async function confirmFindings(
  findings: readonly Finding[],
  w: FindingsWording,
): Promise<string[] | null> {
  const ok = await confirmDialog({
    title: w.title,
    message: w.message,
    items: findings.map((f) => f.message),
    confirmLabel: w.yes,
    cancelLabel: w.no,
    danger: false,
  });
  return ok ? findings.map((f) => f.key) : null;
}

/** The findings of a NEEDS_CONFIRMATION refusal, or null for any other outcome. */
export function findingsOf(e: unknown): Finding[] | null {
  return e instanceof ApiFailure && e.error.code === 'NEEDS_CONFIRMATION'
    ? ((e.error.details as { findings?: Finding[] } | undefined)?.findings ?? null)
    : null;
}

/**
 * Runs `save` with the confirmed keys; when the core asks for confirmations, asks the user and runs
 * it again with them. Resolves to the saved value, or null when the user went back.
 */
export async function saveConfirming<T>(
  save: (confirmed: string[]) => Promise<T>,
  w: FindingsWording,
  confirmed: string[] = [],
): Promise<T | null> {
  for (let round = 0; ; round++) {
    try {
      return await save(confirmed);
    } catch (e) {
      const findings = findingsOf(e);
      if (!findings || round >= 3) throw e;
      const keys = await confirmFindings(findings, w);
      if (!keys) return null;
      confirmed = [...confirmed, ...keys];
    }
  }
}
