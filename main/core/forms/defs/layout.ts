/**
 * The pieces every 831 form is made of: the page (A4, Decree 30 margins, Times metrics), the title
 * block with the station and the record's QR code, part headings, "label: value" lines that become
 * dotted writing lines when empty, tick boxes, and tables whose header row repeats on every page.
 */
import type { Content, ContentTable, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { FONT_FAMILY } from '../pdf/engine-font.ts';
import type { FormCommon } from '../model.ts';

/** Decree 30/2020: left 30–35 mm, right 15–20 mm, top and bottom 20–25 mm (1 mm = 2.835 pt). */
export const MARGINS: [number, number, number, number] = [85, 57, 57, 57];
export const A4_WIDTH = 595.28;
export const BODY_WIDTH = A4_WIDTH - MARGINS[0] - MARGINS[2];
const FONT_SIZE = 11;
/** Tinos '.' at 11 pt is 2.75 pt wide; a letter is at most ~6 pt on average in a label. */
const DOT_WIDTH = 2.75;
const CHAR_WIDTH = 5.6;

export const formatDate = (iso: string | null | undefined): string => {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{2})-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  return m[2] ? `${m[3]}/${m[2]}/${m[1]}` : m[1];
};

export const dots = (width: number): string => '.'.repeat(Math.max(3, Math.floor(width / DOT_WIDTH) - 1));

/** "Label: value", or "Label: ......" across the rest of `width` when there is no value. */
export function field(label: string, value: string | number | null | undefined, width = BODY_WIDTH): Content {
  const v = value === null || value === undefined ? '' : String(value).trim();
  if (v) return { text: [{ text: `${label}: ` }, { text: v, bold: true }], margin: [0, 1, 0, 1] };
  return {
    text: [`${label}: `, { text: dots(width - (label.length + 2) * CHAR_WIDTH), color: '#444' }],
    margin: [0, 1, 0, 1],
  };
}

/** Several fields on one line, sharing the width. */
export function fieldRow(items: [string, string | number | null | undefined][], width = BODY_WIDTH): Content {
  const each = width / items.length - 6;
  return { columns: items.map(([l, v]) => ({ width: '*', stack: [field(l, v, each)] })), columnGap: 6 };
}

/** `n` empty writing lines (dotted), for hand-filled answers. */
export function writingLines(n: number, width = BODY_WIDTH): Content {
  return {
    stack: Array.from({ length: n }, () => ({ text: dots(width), color: '#444', margin: [0, 2, 0, 2] })),
  };
}

/** Long free text, or writing lines when there is none. */
export function freeText(label: string, value: string | null | undefined, blankLines = 2): Content {
  const v = (value ?? '').trim();
  if (v) return { stack: [{ text: `${label}:` }, { text: v, bold: true, margin: [12, 0, 0, 2] }] };
  return { stack: [{ text: `${label}:` }, writingLines(blankLines)] };
}

export const box = (ticked: boolean): string => (ticked ? '■' : '□');

/** "□ Không  ■ Có  □ Đã bỏ" */
export function choices(label: string, options: [string, boolean][]): Content {
  return {
    text: [
      `${label}:  `,
      ...options.flatMap(([name, on]) => [{ text: `${box(on)} ` }, { text: `${name}    `, bold: on }]),
    ],
    margin: [0, 1, 0, 1],
  };
}

export const partHeading = (text: string): Content => ({
  text: text.toUpperCase(),
  bold: true,
  fontSize: 12,
  margin: [0, 10, 0, 4],
});
export const itemHeading = (text: string): Content => ({ text, bold: true, margin: [0, 6, 0, 2] });

const thin = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#000',
  vLineColor: () => '#000',
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

/** A ruled table; its header row repeats on each page it runs onto. Empty cells stay writable. */
export function grid(
  header: string[],
  rows: TableCell[][],
  widths: (number | string)[],
  fontSize = 10,
): ContentTable {
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths,
      body: [header.map((h) => ({ text: h, bold: true, alignment: 'center' as const })), ...rows],
    },
    layout: thin,
    fontSize,
    margin: [0, 2, 0, 6],
  };
}

/** Blank rows (a little taller) for a table filled by hand. */
export const blankRows = (n: number, columns: number): TableCell[][] =>
  Array.from({ length: n }, () =>
    Array.from({ length: columns }, () => ({ text: ' ', margin: [0, 4, 0, 4] })),
  );

/** The title block: station on the left, the national motto on the right, the title, the QR. */
export function titleBlock(
  common: FormCommon,
  title: string,
  recordId: string | null,
  subtitle?: string,
): Content[] {
  const s = common.station;
  return [
    {
      columns: [
        {
          width: '*',
          stack: [
            {
              text: s.province ? s.province.toUpperCase() : 'TỈNH/THÀNH PHỐ ..................',
              fontSize: 10,
            },
            { text: (s.name || 'TRẠM Y TẾ ..................').toUpperCase(), bold: true, fontSize: 10 },
            { text: s.commune || 'Xã/phường ..................', fontSize: 10 },
          ],
        },
        {
          width: 'auto',
          stack: recordId
            ? [
                { qr: recordId, fit: 64, alignment: 'right' as const },
                { text: recordId, fontSize: 6, alignment: 'right' as const },
              ]
            : [{ text: 'Mã hồ sơ: ..............', fontSize: 9 }],
        },
      ],
    },
    { text: title.toUpperCase(), bold: true, fontSize: 15, alignment: 'center', margin: [0, 10, 0, 2] },
    ...(subtitle
      ? [
          {
            text: subtitle,
            italics: true,
            alignment: 'center' as const,
            margin: [0, 0, 0, 6] as [number, number, number, number],
          },
        ]
      : []),
  ];
}

/** Page frame: A4 portrait (or the slip's paper), fonts, and the footer on every page. */
export function page(
  common: FormCommon,
  title: string,
  content: Content[],
  options: {
    recordId: string | null;
    pageSize?: 'A4' | 'A5' | 'A6';
    margins?: [number, number, number, number];
  },
): TDocumentDefinitions {
  const who = `In bởi ${common.stamp.by || '..........'} lúc ${common.stamp.at}`;
  const margins = options.margins ?? MARGINS;
  return {
    info: { title },
    pageSize: options.pageSize ?? 'A4',
    pageOrientation: 'portrait',
    pageMargins: margins,
    defaultStyle: { font: FONT_FAMILY, fontSize: FONT_SIZE, lineHeight: 1.15 },
    content,
    footer: (current: number, total: number) => ({
      margin: [margins[0], 14, margins[2], 0],
      fontSize: 8,
      columns: [
        { width: '*', text: `${options.recordId ? `Mã hồ sơ ${options.recordId} · ` : ''}${who}` },
        { width: 'auto', text: `Trang ${current}/${total}` },
      ],
    }),
  };
}
