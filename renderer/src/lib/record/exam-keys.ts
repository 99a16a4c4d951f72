/**
 * The exam screen's names for the clinical-exam items (831 D.2.3) and its jump keys. Alt with a
 * letter that no browser or Windows menu takes (Alt+D, Alt+E and Alt+F belong to Chromium), listed
 * in the shortcut help (F1) and shown beside each section.
 */
import type { ExamField } from '#contract';
import { vi as t } from '../i18n/vi.ts';

export const EXAM_LABELS: Record<ExamField, string> = t.exam.items;

export interface JumpKey {
  /** KeyboardEvent.code of the letter pressed with Alt. */
  code: string;
  key: string;
  what: string;
  /** Where the focus goes. */
  selector: string;
}

const J = t.exam.jumps;
export const EXAM_SHORTCUTS: readonly JumpKey[] = [
  { code: 'KeyS', key: 'Alt+S', what: J.vitals, selector: '[data-vital=systolic]' },
  { code: 'KeyL', key: 'Alt+L', what: J.reason, selector: '[data-field=reason]' },
  { code: 'KeyC', key: 'Alt+C', what: J.diagnoses, selector: '.dx input[role=combobox]' },
  { code: 'KeyK', key: 'Alt+K', what: J.conclusion, selector: '[data-field=conclusion]' },
  { code: 'KeyT', key: 'Alt+T', what: J.counselling, selector: '[data-field=counselling]' },
  { code: 'KeyH', key: 'Alt+H', what: J.followUp, selector: '#follow-up' },
  { code: 'KeyR', key: 'Alt+R', what: J.treatment, selector: '[data-field=treatment-method]' },
];
