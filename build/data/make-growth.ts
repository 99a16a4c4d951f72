/**
 * Regenerates resources/growth from the WHO tables in ../shared/data/who-growth.
 * The outputs are committed (CI has no ../shared); run this by hand when the data sets change:
 *   node build/data/make-growth.ts [path/to/shared/data]
 *
 * Every L, M, S value is copied as published (the igrowup/who2007 R-macro tables), never edited.
 * The output is compact: one array per parameter and sex, indexed from `start` in `step`s, and a
 * parameter that is the same on every row (L = 1 for length and head circumference) is one number.
 * The checks at the end compare the output with the values quoted in shared/data/README.md and
 * stop the script if they drift.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const shared = process.argv[2] ?? join(import.meta.dirname, '../../../shared/data');
const src = join(shared, 'who-growth');
const out = join(import.meta.dirname, '../../resources/growth');

/**
 * WHO's anthro package scores the 0–5 y standards only below 60 months (age in days < 1826.25);
 * the igrowup tables run 30 days longer only because igrowup rounds ages. shared/data/README.md
 * says not to use those extra rows, so the shipped standards stop at day 1826.
 */
const LAST_STANDARD_DAY = 1826;

interface Row {
  sex: 1 | 2;
  x: number;
  l: number;
  m: number;
  s: number;
}
type Param = number | number[];
interface SexColumns {
  l: Param;
  m: Param;
  s: Param;
}
interface Table {
  x: 'ageDays' | 'ageMonths' | 'lengthCm' | 'heightCm';
  start: number;
  step: number;
  count: number;
  M: SexColumns;
  F: SexColumns;
}

function readRows(file: string): Row[] {
  const lines = readFileSync(join(src, file), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = lines[0].split('\t');
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${file}: no column ${name}`);
    return i;
  };
  // The second column is the x variable (age, length or height), whatever its name.
  const [iSex, iX, iL, iM, iS] = [col('sex'), 1, col('l'), col('m'), col('s')];
  return lines.slice(1).map((line) => {
    const f = line.split('\t');
    const sex = Number(f[iSex]);
    if (sex !== 1 && sex !== 2) throw new Error(`${file}: bad sex in "${line}"`);
    const row = { sex, x: Number(f[iX]), l: Number(f[iL]), m: Number(f[iM]), s: Number(f[iS]) } as Row;
    if (![row.x, row.l, row.m, row.s].every(Number.isFinite))
      throw new Error(`${file}: bad number in "${line}"`);
    return row;
  });
}

/** All values equal → one number; otherwise the array. */
const compact = (values: number[]): Param => (values.every((v) => v === values[0]) ? values[0] : values);

function table(file: string, x: Table['x'], start: number, step: number, last: number): Table {
  const rows = readRows(file);
  const count = Math.round((last - start) / step) + 1;
  const columns = (sex: 1 | 2): SexColumns => {
    const mine = rows.filter((r) => r.sex === sex && r.x <= last + step / 2);
    if (mine.length !== count)
      throw new Error(`${file}: expected ${count} rows for sex ${sex}, found ${mine.length}`);
    mine.forEach((r, i) => {
      // Lookups index the arrays directly, so a gap or an unsorted row would shift every value after it.
      if (Math.abs(r.x - (start + i * step)) > step / 100)
        throw new Error(`${file}: row ${i} is x=${r.x}, expected ${start + i * step}`);
    });
    return {
      l: compact(mine.map((r) => r.l)),
      m: compact(mine.map((r) => r.m)),
      s: compact(mine.map((r) => r.s)),
    };
  };
  return { x, start, step, count, M: columns(1), F: columns(2) };
}

const SOURCE_REPO =
  'ki-tools/growthstandards @ d1fc9ebf1a9008c6b383aba375f43e57b57ad2b7 (MIT, see LICENSE-ki-tools-growthstandards.txt)';

const standards = {
  source: `WHO Child Growth Standards 2006/2007, igrowup R-macro tables (data_preprocess/data/igrowup_R), ${SOURCE_REPO}. WHO holds the copyright of the tables.`,
  note: `Daily tables stop at day ${LAST_STANDARD_DAY} (age < 60 months, as WHO anthro). wfl: recumbent length 45–110 cm; wfh: standing height 65–120 cm.`,
  tables: {
    wfa: table('daily-0-5y/weianthro.txt', 'ageDays', 0, 1, LAST_STANDARD_DAY),
    lhfa: table('daily-0-5y/lenanthro.txt', 'ageDays', 0, 1, LAST_STANDARD_DAY),
    bfa: table('daily-0-5y/bmianthro.txt', 'ageDays', 0, 1, LAST_STANDARD_DAY),
    hcfa: table('daily-0-5y/hcanthro.txt', 'ageDays', 0, 1, LAST_STANDARD_DAY),
    wfl: table('daily-0-5y/wflanthro.txt', 'lengthCm', 45, 0.1, 110),
    wfh: table('daily-0-5y/wfhanthro.txt', 'heightCm', 65, 0.1, 120),
  },
};

const reference = {
  source: `WHO Growth Reference 2007 (5–19 years), who2007 R-macro tables (data_preprocess/data/who2007_R), ${SOURCE_REPO}. WHO holds the copyright of the tables.`,
  note: 'Monthly tables from 61 months; weight-for-age only to 120 months (WHO does not publish it beyond 10 years).',
  tables: {
    wfa: table('who2007-5-19y/wfawho2007.txt', 'ageMonths', 61, 1, 121),
    hfa: table('who2007-5-19y/hfawho2007.txt', 'ageMonths', 61, 1, 229),
    bfa: table('who2007-5-19y/bfawho2007.txt', 'ageMonths', 61, 1, 229),
  },
};

/** The check values quoted in shared/data/README.md, §2. */
function check(): void {
  const at = (t: Table, sex: 'M' | 'F', p: 'l' | 'm' | 's', i: number) => {
    const v = t[sex][p];
    return typeof v === 'number' ? v : v[i];
  };
  const expect = (what: string, got: number, want: number) => {
    if (Math.abs(got - want) > 1e-9) throw new Error(`check failed: ${what} is ${got}, expected ${want}`);
  };
  const wfa = standards.tables.wfa;
  expect('boys wfa day 30 M', at(wfa, 'M', 'm', 30), 4.4525);
  expect('boys wfa day 31 L', at(wfa, 'M', 'l', 31), 0.229);
  // Interpolating at 30.4375 days gives WHO's monthly value (L 0.2297, M 4.4709) to 4 decimals.
  const m1 = at(wfa, 'M', 'm', 30) + 0.4375 * (at(wfa, 'M', 'm', 31) - at(wfa, 'M', 'm', 30));
  if (Math.abs(m1 - 4.4709) > 0.0005)
    throw new Error(`check failed: boys wfa 1 month M interpolates to ${m1}`);
  const r = reference.tables;
  expect('boys bfa 61 mo L', at(r.bfa, 'M', 'l', 0), -0.7387);
  expect('boys hfa 61 mo M', at(r.hfa, 'M', 'm', 0), 110.2647);
  expect('boys wfa 61 mo S', at(r.wfa, 'M', 's', 0), 0.12988);
}

check();
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'who-2006-standards.json'), JSON.stringify(standards));
writeFileSync(join(out, 'who-2007-reference.json'), JSON.stringify(reference));
// Copied by content, not copyFileSync: the shared folder is read-only and its mode would come along.
writeFileSync(
  join(out, 'LICENSE-ki-tools-growthstandards.txt'),
  readFileSync(join(src, 'LICENSE-ki-tools-growthstandards.txt')),
);
console.log('resources/growth regenerated from', src);
