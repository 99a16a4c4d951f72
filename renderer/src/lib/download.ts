/** Hands bytes to the browser's download under `fileName` (the browser host has no file dialog of ours). */
export function downloadBytes(fileName: string, parts: BlobPart[], mime: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Long enough for a large batch file to be handed over before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Saves bytes the core produced (an export, an error report) through the browser's download. */
export function downloadBase64(fileName: string, base64: string, mime: string): void {
  downloadBytes(fileName, [Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], mime);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
