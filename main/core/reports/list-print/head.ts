/**
 * The title block of a printed list (first page): the station, the list's name, what it covers
 * (period and village, or the session's day and place), and who printed it when. Pure data.
 */
import type { Content } from '../../forms/pdf/types.ts';
import type { PrintStamp, StationHeading } from '../../forms/model.ts';

export function listHead(
  station: StationHeading,
  title: string,
  covers: string[],
  stamp: PrintStamp,
  count: string,
): Content[] {
  const where = [station.commune, station.province].filter(Boolean).join(', ');
  return [
    ...(station.name
      ? [{ text: station.name.toLocaleUpperCase('vi-VN'), bold: true, fontSize: 11 } as Content]
      : []),
    ...(where ? [{ text: where, fontSize: 9 } as Content] : []),
    {
      text: title.toLocaleUpperCase('vi-VN'),
      bold: true,
      fontSize: 14,
      alignment: 'center',
      margin: [0, 6, 0, 2],
    } as Content,
    ...covers.map((c) => ({ text: c, alignment: 'center', fontSize: 10 }) as Content),
    {
      text: `${count} · In ngày ${stamp.at}${stamp.by ? ` · Người in: ${stamp.by}` : ''}`,
      alignment: 'center',
      fontSize: 9,
      italics: true,
      margin: [0, 2, 0, 8],
    } as Content,
  ];
}
