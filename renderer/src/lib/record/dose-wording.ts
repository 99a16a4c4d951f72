import { vi as t } from '../i18n/vi.ts';
import type { FindingsWording } from './confirm-findings.ts';

/** How a dose out of schedule is put to the nurse. */
export const DOSE_FINDINGS: FindingsWording = {
  title: t.immunization.confirmTitle,
  message: t.immunization.confirmMessage,
  yes: t.immunization.confirmYes,
  no: t.immunization.confirmNo,
};
