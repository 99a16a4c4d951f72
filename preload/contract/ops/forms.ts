/**
 * Decision 831 forms: preview, print, save, batches. Declared by the forms work (issue "Decision 831
 * forms"); empty until then so the operation table already spreads it.
 */
export const formsOps = {};
