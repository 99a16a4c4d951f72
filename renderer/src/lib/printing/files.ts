/**
 * Getting a PDF or a batch's file out of the core, to hand to the browser's download
 * (../download.ts) like the XLSX exports: the browser host has no file dialog of ours.
 */
import { api, unwrap } from '../api.ts';
import { base64ToBytes } from './pager.ts';

export const PDF_MIME = 'application/pdf';

/**
 * A job's whole file, read piece by piece (the contract caps one answer): a 1,000-resident batch
 * never travels as one giant message.
 */
export async function fetchJobFile(
  jobId: string,
): Promise<{ fileName: string; mimeType: string; parts: Uint8Array<ArrayBuffer>[] }> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset: number | null = 0;
  let fileName = '';
  let mimeType = PDF_MIME;
  while (offset !== null) {
    const r: { fileName: string; mimeType: string; base64: string; nextOffset: number | null } = await unwrap(
      api.forms.jobFile({ jobId, offset }),
    );
    fileName = r.fileName;
    mimeType = r.mimeType;
    parts.push(base64ToBytes(r.base64));
    offset = r.nextOffset;
  }
  return { fileName, mimeType, parts };
}

/** Joins the pieces into one array (for the preview). */
export function joinParts(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
