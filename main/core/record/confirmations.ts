import type { Finding } from '#contract/ops/record.ts';
import { AppError } from '../errors.ts';

/**
 * The gate before a clinical record is saved: an impossible value is refused (INVALID_INPUT, with
 * the field), a rare one needs the user's confirmation of exactly that value (NEEDS_CONFIRMATION,
 * with every finding still unconfirmed). Every transport goes through it, so neither a script nor
 * a hurried Enter can sign 400/20 mmHg.
 *
 * `pathOf` gives the input path of a finding's field, so the UI can put the message under it.
 */
export function requireConfirmed(
  findings: readonly Finding[],
  confirmed: readonly string[],
  pathOf: (f: Finding) => string,
): void {
  const blocks = findings.filter((f) => f.level === 'block');
  if (blocks.length) {
    throw new AppError('INVALID_INPUT', {
      message: blocks[0].message,
      details: { issues: blocks.map((f) => ({ path: pathOf(f), message: f.message })) },
    });
  }
  const given = new Set(confirmed);
  const open = findings.filter((f) => !given.has(f.key));
  if (open.length) {
    throw new AppError('NEEDS_CONFIRMATION', {
      message:
        open.length === 1
          ? `Cần xác nhận: ${open[0].message}`
          : `Cần xác nhận ${open.length} giá trị bất thường trước khi lưu.`,
      details: { findings: open },
    });
  }
}
