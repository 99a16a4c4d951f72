/** Who a batch prints for, in print order (village, household, name). */
import { BATCH_MAX_IDS, type BatchSelection } from '#contract/ops/forms.ts';
import { vnDay } from '../../clock.ts';
import type { CoreContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { dueOn } from '../../record/immunization-due.ts';
import { resolvePersonId } from '../../registry/persons.ts';

const ORDERED = (where: string) =>
  `SELECT p.id FROM persons p LEFT JOIN households h ON h.id = p.household_id
   WHERE ${where} ORDER BY p.village, h.code, p.full_name, p.id LIMIT ${BATCH_MAX_IDS + 1}`;

export function selectPersons(ctx: CoreContext, s: BatchSelection): { ids: string[]; title: string } {
  const ids = (sql: string, ...args: unknown[]) =>
    ctx.store
      .prepare(sql)
      .pluck()
      .all(...args) as string[];
  let out: { ids: string[]; title: string };
  switch (s.kind) {
    case 'visits-on':
      out = {
        ids: ids(
          ORDERED(`p.id IN (SELECT person_id FROM visits WHERE visit_on = ? AND status = 'signed')`),
          s.date,
        ),
        title: `Lượt khám ngày ${s.date.split('-').reverse().join('/')}`,
      };
      break;
    case 'village':
      out = {
        ids: ids(ORDERED(`p.status = 'active' AND (p.village = ? OR h.village = ?)`), s.village, s.village),
        title: `Thôn/xóm ${s.village}`,
      };
      break;
    case 'ncd':
      out = {
        ids: ids(ORDERED(`p.status = 'active' AND p.id IN (SELECT person_id FROM ncd_registers)`)),
        title: 'Sổ quản lý bệnh không lây nhiễm',
      };
      break;
    case 'immunization-due': {
      const due = dueOn(ctx, vnDay(ctx.clock()), BATCH_MAX_IDS + 1).people.map((p) => p.personId);
      out = { ids: due, title: 'Trẻ đến hạn tiêm chủng' };
      break;
    }
    case 'ids': {
      const seen = new Set<string>();
      for (const raw of s.ids) {
        const id = resolvePersonId(ctx, raw);
        if (id) seen.add(id);
      }
      out = { ids: [...seen], title: `${seen.size} người đã chọn` };
      break;
    }
  }
  if (out.ids.length > BATCH_MAX_IDS)
    throw new AppError('INVALID_INPUT', {
      message: `Một lô in tối đa ${BATCH_MAX_IDS.toLocaleString('vi-VN')} người; hãy chia nhỏ (theo thôn/xóm).`,
    });
  if (!out.ids.length) throw new AppError('NOT_FOUND', { message: 'Không có ai trong nhóm đã chọn để in.' });
  return out;
}
