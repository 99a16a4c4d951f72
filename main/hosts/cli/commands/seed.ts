import { existsSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createCore } from '../../../core/app.ts';
import { createLogger } from '../../../core/log.ts';
import { keyFileFor } from '../../../core/paths.ts';
import { DEMO_STAFF, SEED_DEFAULTS, seedStation } from '../../../core/seed/seed-station.ts';
import { UsageError, type CliCommand } from '../io.ts';
import { intOption, parse } from '../options.ts';

/**
 * Seeding calls the core directly, not through the dispatcher: it is the first run itself. It
 * writes a new database file with its station, its staff accounts and a synthetic commune, so
 * before it there is no station to be an operator of, and it touches no existing data (it refuses
 * an existing file without --force, which deletes it). Its audit entry is `seed.generate`.
 */
export const seedCommand: CliCommand = {
  name: 'seed',
  summary: 'write a synthetic commune (demo data) into a new database file',
  usage:
    'hssk seed --persons N --out FILE [--years Y] [--seed S] [--as-of yyyy-mm-dd] [--commune CODE] [--password P] [--no-encrypt] [--force] [--json]',
  operations: [],
  async run(args, io) {
    const { values } = parse(args, {
      persons: { type: 'string' },
      years: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      'as-of': { type: 'string' },
      commune: { type: 'string' },
      password: { type: 'string' },
      'no-encrypt': { type: 'boolean' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (!values.out) throw new UsageError('--out FILE is required');
    const persons = intOption(values.persons, 'persons', -1, 1);
    if (persons < 1) throw new UsageError('--persons N is required');
    if (values['as-of'] && !/^\d{4}-\d{2}-\d{2}$/.test(values['as-of']))
      throw new UsageError('--as-of must be yyyy-mm-dd');
    const out = resolve(io.cwd, values.out);
    if (existsSync(out)) {
      if (!values.force) {
        io.err(`${out} already exists; pass --force to replace it.`);
        return 1;
      }
      for (const f of [out, `${out}-wal`, `${out}-shm`, keyFileFor(out)]) rmSync(f, { force: true });
    }
    const started = performance.now();
    const core = createCore({
      host: 'cli',
      dataDir: dirname(out),
      dbFile: out,
      encryptNew: !values['no-encrypt'],
      log: createLogger({ level: 'warn' }),
    });
    try {
      const result = await seedStation(core.ctx, {
        persons,
        seed: values.seed,
        asOf: values['as-of'],
        communeCode: values.commune,
        password: values.password,
        years: intOption(values.years, 'years', SEED_DEFAULTS.years, 0),
      });
      const summary = {
        file: out,
        encrypted: core.database.encrypted,
        keyFile: core.database.encrypted ? keyFileFor(out) : null,
        station: result.station,
        households: result.households,
        persons: result.persons,
        identifiers: result.identifiers,
        visits: result.visits,
        immunizations: result.immunizations,
        registers: result.ncd,
        users: DEMO_STAFF.map((u) => u.username),
        duration_ms: Math.round(performance.now() - started),
      };
      if (values.json) io.out(JSON.stringify(summary));
      else {
        io.out(
          `Wrote ${result.persons} residents in ${result.households} households (${result.station}) to ${out}`,
        );
        io.out(
          `Health records: ${result.visits} visits, ${result.immunizations} doses, ${result.ncd} NCD register entries`,
        );
        io.out(
          `Accounts: ${summary.users.join(', ')} — password: ${values.password ?? SEED_DEFAULTS.password}`,
        );
        io.out(`Open it with: hssk serve --db ${out}`);
      }
      return 0;
    } finally {
      core.close();
    }
  },
};
