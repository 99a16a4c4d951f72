/**
 * A work list (any of WORKLIST_KINDS, failed uploads included) as the printed table: the same
 * rows, order and columns as the screen and the XLSX export, the whole list (no screen limit).
 */
import type { z } from 'zod';
import { isoToVn } from '#contract/dates.ts';
import type { WorklistInput } from '#contract/ops/reports.ts';
import type { PrintStamp, StationHeading } from '../../forms/model.ts';
import type { LongTable } from '../../forms/pdf/long-table.ts';
import type { CoreContext } from '../../context.ts';
import { worklist, type ReadOptions } from '../worklists.ts';
import { listHead } from './head.ts';

type Input = Omit<z.output<typeof WorklistInput>, 'limit'>;

export interface BuiltList {
  table: LongTable;
  /** The job's title (print dialog, job list). */
  title: string;
  fileName: string;
  rows: number;
}

export function worklistTable(
  ctx: CoreContext,
  input: Input,
  station: StationHeading,
  stamp: PrintStamp,
  options: ReadOptions = {},
): BuiltList {
  const list = worklist(ctx, { ...input, limit: Number.MAX_SAFE_INTEGER }, options);
  const village = input.village ? `Thôn/xóm: ${input.village}` : 'Toàn xã';
  const covers = [`Kỳ báo cáo: từ ${isoToVn(input.from)} đến ${isoToVn(input.to)} · ${village}`];
  const count = `${list.rows.length} người`;
  return {
    title: `${list.title}${input.village ? ` — ${input.village}` : ''} (${count})`,
    fileName: `danh-sach-${input.kind}-${input.to}.pdf`,
    rows: list.rows.length,
    table: {
      title: list.title,
      head: listHead(station, list.title, covers, stamp, count),
      footerNote: `In ngày ${stamp.at}`,
      columns: [
        { header: 'STT', width: 30 },
        { header: 'Họ và tên', width: 140 },
        { header: 'Ngày sinh', width: 56 },
        { header: 'Giới', width: 30 },
        { header: 'Thôn/xóm', width: 90 },
        { header: 'Điện thoại', width: 66 },
        { header: list.dateLabel, width: 66 },
        { header: list.detailLabel, width: '*' },
      ],
      sections: [
        {
          heading: null,
          rows: list.rows.map((r, i) => [
            String(i + 1),
            r.fullName,
            r.birthDate.length === 10 ? isoToVn(r.birthDate) : r.birthDate,
            r.sex === 'M' ? 'Nam' : 'Nữ',
            r.village,
            r.phone,
            r.date ? isoToVn(r.date) : '',
            r.detail,
          ]),
        },
      ],
    },
  };
}
