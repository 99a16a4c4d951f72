/**
 * `npm run bench`: performance figures on a generated commune of 100,000 residents (HSSK_BENCH_PERSONS
 * to change it). One JSON object per line on stdout. Benchmarks are not tests: they report, the
 * README and the issue notes compare with the budgets in ARCHITECTURE.md.
 */
import { dbBenches } from './db.bench.ts';
import { deviceBenches } from './devices.bench.ts';
import { note } from './harness.ts';
import { recordBenches } from './record.bench.ts';
import { registryBenches } from './registry.bench.ts';
import { importBenches } from './import.bench.ts';
import { backupBenches } from './backup.bench.ts';
import { formsBenches } from './forms.bench.ts';
import { syncBenches } from './sync.bench.ts';
import { cryptoBenches } from './crypto.bench.ts';
import { immunizationBenches } from './immunization.bench.ts';
import { reportsBenches } from './reports.bench.ts';
import { registersBenches } from './registers.bench.ts';
import { campaignBenches } from './campaign.bench.ts';

const persons = Number(process.env.HSSK_BENCH_PERSONS ?? 100_000);
const only = process.argv[2];
const suites: Record<string, (n: number) => Promise<void>> = {
  db: dbBenches,
  registry: registryBenches,
  record: recordBenches,
  devices: deviceBenches,
  import: importBenches,
  backup: backupBenches,
  forms: formsBenches,
  sync: syncBenches,
  crypto: cryptoBenches,
  immunization: immunizationBenches,
  reports: reportsBenches,
  registers: registersBenches,
  campaign: campaignBenches,
};

for (const [name, run] of Object.entries(suites)) {
  if (only && only !== name) continue;
  note(`— ${name}`);
  await run(persons);
}
