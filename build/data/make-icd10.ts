/**
 * Regenerates resources/codes/icd10-vi.json from ../shared/data/icd10-vn/icd10_vi.csv.
 * The output is committed (CI has no ../shared); run this by hand when the data set changes:
 *   node build/data/make-icd10.ts [path/to/shared/data]
 *
 * The list comes from a PDF extraction (see shared/data/README.md §3): 121 three-character codes
 * appear twice, the second row often a fragment. One row per code is kept, by the README's rule —
 * prefer the row whose English name has no Vietnamese in it, then the longer Vietnamese name — made
 * safe for the fragments actually found:
 *   - a Vietnamese name that is only a note ("- Loại trừ: …"), or only the code, never wins;
 *   - trailing note fragments ("… Loại trừ: …", "… Bao gồm: …", "… Nếu muốn, có thể") are cut off
 *     every name before comparing (21 rows in the 2026 file, six of them not duplicated, e.g. K85.3),
 *     so "Nhiễm trùng hệ thống khác Nếu muốn, có thể" does not beat the clean name;
 *   - lengths are compared without spaces, and on a tie the row with fewer words split by a stray
 *     space ("cytomegaloviru s-CMV") wins, then the first row.
 * Names are NFC, and a name wrapped in quotes loses them; nothing else is edited. The licence status of the list is open (README §3), so the
 * output carries its provenance, and icd10-vi.SOURCE.txt says what is known.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const shared = process.argv[2] ?? join(import.meta.dirname, '../../../shared/data');
const out = join(import.meta.dirname, '../../resources/codes');

interface Row {
  code: string;
  vi: string;
  en: string;
  order: number;
}

/** RFC 4180 CSV: quoted fields may hold commas and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

const nfc = (s: string) => s.normalize('NFC').trim();

/** Letters only Vietnamese uses (with their tone marks), to spot Vietnamese run into the English name. */
const VIETNAMESE = /[ăâđêôơưĂÂĐÊÔƠƯ\u1EA0-\u1EF9]|[àáảãạèẻẽẹìỉĩịòỏõọùủũụỳýỷỹỵ]/i;
/** Coding notes that the PDF extraction glued onto a name. */
const NOTE_TAIL = /\s*(?:-\s*)?(?:Loại trừ:|Bao gồm:|Nếu muốn, có thể|\[Tham khảo mã|Một rối loạn được).*$/u;

function cleanName(vi: string): string {
  return nfc(vi.replace(/^"(.*)"$/u, '$1').replace(NOTE_TAIL, ''));
}

function score(r: Row): [number, number, number, number] {
  const isFragment = r.vi === '' || r.vi.startsWith('-') || r.vi === r.code;
  const englishClean = r.en !== '' && !VIETNAMESE.test(r.en);
  // A space inside a word ("glycosaminoglyc an"), as opposed to spacing around a hyphen.
  const splitWords = (r.vi.match(/[^\s-] (?=[^\s-])/gu) ?? []).length;
  return [isFragment ? 0 : 1, englishClean ? 1 : 0, r.vi.replace(/\s/g, '').length, -splitWords];
}

function better(a: Row, b: Row): Row {
  const [sa, sb] = [score(a), score(b)];
  for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sa[i] > sb[i] ? a : b;
  return a.order < b.order ? a : b;
}

const [header, ...body] = parseCsv(
  readFileSync(join(shared, 'icd10-vn/icd10_vi.csv'), 'utf8').replace(/^\uFEFF/, ''),
);
if (header.join(',') !== 'code,name_vi,name_en') throw new Error(`unexpected header: ${header.join(',')}`);
const byCode = new Map<string, Row>();
let duplicates = 0;
body.forEach(([code, vi, en], order) => {
  const c = nfc(code).toUpperCase();
  if (!/^[A-Z]\d\d(\.\d+)?$/.test(c)) throw new Error(`unexpected code "${code}" on row ${order + 2}`);
  const row: Row = { code: c, vi: cleanName(vi ?? ''), en: nfc(en ?? ''), order };
  const seen = byCode.get(c);
  if (seen) duplicates++;
  byCode.set(c, seen ? better(seen, row) : row);
});

// Spot checks from shared/data/README.md §3 and the codes a station uses most.
const expectName: Record<string, string> = {
  I10: 'Bệnh tăng huyết áp vô căn (nguyên phát)',
  A34: 'Bệnh uốn ván sản khoa',
  A41: 'Nhiễm trùng hệ thống khác',
  B25: 'Bệnh nhiễm virus đại bào [cytomegalovirus-CMV]',
  C22: 'U ác tính ở gan và/hoặc đường mật trong gan',
  E73: 'Không dung nạp lactose',
  H53: 'Rối loạn thị giác',
  O43: 'Rối loạn của rau thai',
  R34: 'Vô niệu và/hoặc thiểu niệu',
  A09: 'Viêm dạ dày - ruột và/hoặc đại tràng do nhiễm trùng và/hoặc không xác định căn nguyên',
};
for (const [code, name] of Object.entries(expectName)) {
  const got = byCode.get(code)?.vi;
  if (got !== name) throw new Error(`check failed: ${code} is "${got}", expected "${name}"`);
}
for (const code of ['E11.9', 'J06.9', 'U07.1', 'U07.2', 'Z00.0', 'K29.7', 'O80', 'J00']) {
  if (!byCode.get(code)?.vi) throw new Error(`check failed: ${code} missing`);
}

const rows = [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'icd10-vi.json'),
  JSON.stringify({
    source:
      'Lucy-98/Extract_NLP data/terminology/icd10_vi.csv @ eab991ad8015d2c0a8e0fb268a5d4b4ef8548412, derived from the Bộ Y tế ICD-10 catalogue (TT 06/2026/TT-BYT appendix or its 2025 draft, not verified). No licence stated upstream: see icd10-vi.SOURCE.txt.',
    note: `${rows.length} codes; ${duplicates} duplicate rows merged (shared/data/README.md §3 rule). About 820 asterisk (*) codes are missing upstream; dagger codes carry no †.`,
    columns: ['code', 'name', 'nameEn'],
    rows: rows.map((r) => [r.code, r.vi, r.en]),
  }),
);
console.log(
  `resources/codes/icd10-vi.json: ${rows.length} codes (${duplicates} duplicates merged) from`,
  shared,
);
