/**
 * `renderer/src/lib/i18n/vi.ts` says every string the UI shows lives there. This keeps it true: any
 * Vietnamese text (a letter with a Vietnamese diacritic) in a renderer file outside the catalogue —
 * in markup or in a string — fails, with its file and line. Comments may be Vietnamese.
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sourceRoot } from '../../main/core/paths.ts';

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

/** The text with comments blanked out (kept line for line, so line numbers stay right). */
export function withoutComments(text: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  return text
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    .replace(/(^|[^:'"`\\])\/\/[^\n]*/g, (m, lead: string) => lead + blank(m.slice(lead.length)));
}

/**
 * Vietnamese text outside comments, by line. A line marked `ui-strings-ignore` (data such as the
 * alphabet a check uses, never shown) is left out, as is the line after a comment saying
 * "ui-strings-ignore (next line)".
 */
export function uncatalogued(file: string, text: string): string[] {
  const original = text.split('\n');
  const ignored = (i: number) =>
    original[i].includes('ui-strings-ignore') ||
    (i > 0 && original[i - 1].includes('ui-strings-ignore (next line)'));
  return withoutComments(text)
    .split('\n')
    .flatMap((line, i) =>
      VIETNAMESE.test(line) && !ignored(i) ? [`${file}:${i + 1}: ${line.trim().slice(0, 90)}`] : [],
    );
}

describe('every string the UI shows is in the catalogue (vi.ts)', () => {
  it('finds Vietnamese text outside comments (the check works)', () => {
    expect(
      uncatalogued('x.svelte', '<p>Hôm nay</p>\n<!-- Hôm nay -->\n// Hôm nay\nconst a = "Lưu";'),
    ).toEqual(['x.svelte:1: <p>Hôm nay</p>', 'x.svelte:4: const a = "Lưu";']);
  });

  it('holds for every renderer file', () => {
    const files = execFileSync('git', ['ls-files', 'renderer/src'], { cwd: sourceRoot, encoding: 'utf8' })
      .split('\n')
      .filter((f) => /\.(svelte|ts)$/.test(f) && !f.endsWith('.test.ts') && !f.endsWith('/i18n/vi.ts'));
    const found = files.flatMap((f) => uncatalogued(f, readFileSync(`${sourceRoot}/${f}`, 'utf8')));
    expect(found).toEqual([]);
  });
});
