/**
 * The immunisation invitation list of a session as the printed table: one section per village
 * (each on a new page, numbered from 1, for the village health worker who takes it round), each
 * child with the parent or caregiver invited, the doses due and since when; the session's day and
 * place in the title block and above each village.
 */
import type { z } from 'zod';
import { isoToVn } from '#contract/dates.ts';
import type { DueListInput } from '#contract/ops/record.ts';
import type { PrintStamp, StationHeading } from '../../forms/model.ts';
import type { LongTableSection } from '../../forms/pdf/long-table.ts';
import type { CoreContext } from '../../context.ts';
import { dueList } from '../../record/immunization-due-list.ts';
import type { ReadOptions } from '../worklists.ts';
import { listHead } from './head.ts';
import type { BuiltList } from './worklist-table.ts';

type Input = Omit<z.output<typeof DueListInput>, 'limit'> & { place: string };

/** A print never stops at the screen's limit: the whole list for the session. */
const ALL_ROWS = 1_000_000;
const TITLE = 'Danh sách mời tiêm chủng';

export function dueListTable(
  ctx: CoreContext,
  input: Input,
  station: StationHeading,
  stamp: PrintStamp,
  options: ReadOptions = {},
): BuiltList {
  const list = dueList(ctx, { ...input, limit: ALL_ROWS }, { refresh: options.refreshDue });
  const place = input.place || station.name || 'Trạm y tế';
  const day = isoToVn(list.sessionDate);
  // The due list is ordered by village already; a Map keeps that order.
  const byVillage = new Map<string, typeof list.rows>();
  for (const r of list.rows) {
    const rows = byVillage.get(r.village);
    if (rows) rows.push(r);
    else byVillage.set(r.village, [r]);
  }
  const sections: LongTableSection[] = [...byVillage].map(([village, rows]) => ({
    heading: `Thôn/xóm: ${village || '(chưa ghi)'} — ${rows.length} người — tiêm ngày ${day} tại ${place}`,
    rows: rows.map((r, i) => [
      String(i + 1),
      r.fullName,
      isoToVn(r.birthDate),
      r.sex === 'M' ? 'Nam' : 'Nữ',
      r.caregiver,
      r.phone,
      r.doses.map((d) => `${d.name}${d.status === 'overdue' ? ' (quá hạn)' : ''}`).join('; '),
      isoToVn(r.doses[0]?.due ?? ''),
      '',
    ]),
  }));
  const filters = [
    input.village ? `Thôn/xóm: ${input.village}` : 'Tất cả thôn/xóm',
    ...(input.vaccine
      ? [`Vắc xin: ${list.vaccines.find((v) => v.vaccine === input.vaccine)?.name ?? input.vaccine}`]
      : []),
  ];
  const count = `${list.rows.length} người`;
  return {
    title: `${TITLE} ngày ${day}${input.village ? ` — ${input.village}` : ''} (${count})`,
    fileName: `moi-tiem-chung-${list.sessionDate}.pdf`,
    rows: list.rows.length,
    table: {
      title: `${TITLE} ngày ${day}`,
      head: listHead(
        station,
        TITLE,
        [`Ngày tiêm chủng: ${day} · Nơi tiêm: ${place}`, filters.join(' · ')],
        stamp,
        count,
      ),
      footerNote: `Nơi tiêm: ${place} · In ngày ${stamp.at}`,
      // The doses take the room: a child whose record started late has ten of them due, while a
      // name, a caregiver and a phone number fit in ~110, ~100 and 58 points.
      columns: [
        { header: 'STT', width: 24 },
        { header: 'Họ và tên', width: 110 },
        { header: 'Ngày sinh', width: 54 },
        { header: 'Giới', width: 26 },
        { header: 'Cha/mẹ/người chăm sóc', width: 100 },
        { header: 'Điện thoại', width: 58 },
        { header: 'Mũi tiêm', width: '*' },
        { header: 'Hạn tiêm', width: 54 },
        { header: 'Ghi chú', width: 50 },
      ],
      sections,
    },
  };
}
