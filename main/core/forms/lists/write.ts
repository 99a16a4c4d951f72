/** A long list's PDF written whole: `<path>.part` while it renders, renamed when complete. */
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { loadFonts } from '../pdf/engine.ts';
import { renderLongTable, type LongTable } from '../pdf/long-table.ts';

export async function writeLongTable(
  resourcesDir: string,
  table: LongTable,
  path: string,
  yieldEvery?: () => Promise<void>,
): Promise<{ pages: number; bytes: number }> {
  const part = `${path}.part`;
  try {
    const pages = await renderLongTable(loadFonts(resourcesDir), table, createWriteStream(part), yieldEvery);
    renameSync(part, path);
    return { pages, bytes: statSync(path).size };
  } catch (e) {
    rmSync(part, { force: true });
    throw e;
  }
}
