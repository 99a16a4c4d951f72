import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { ColumnMapping } from '#contract/ops/import.ts';
import { createCore } from '../../../core/app.ts';
import { createLogger } from '../../../core/log.ts';
import {
  commitImport,
  detectColumns,
  dryRun,
  errorReport,
  openImport,
} from '../../../core/registry/list-import/service.ts';
import { listTemplates } from '../../../core/registry/list-import/templates.ts';
import { UsageError, type CliCommand } from '../io.ts';
import { parse, storageFrom } from '../options.ts';

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import a population list (XLSX/CSV) into the resident registry, or dry-run it',
  usage:
    'hssk import persons FILE [--sheet S] [--mapping M.json | --mapping TEMPLATE | --template TEMPLATE] [--dry-run] [--similar skip|create]\n' +
    '                         [--year-only-jan1] [--errors-out FILE.xlsx] [--save-template NAME] [--data DIR] [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = parse(args, {
      sheet: { type: 'string' },
      template: { type: 'string' },
      mapping: { type: 'string' },
      'dry-run': { type: 'boolean' },
      similar: { type: 'string' },
      'year-only-jan1': { type: 'boolean' },
      'errors-out': { type: 'string' },
      'save-template': { type: 'string' },
      data: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals[0] !== 'persons' || !positionals[1])
      throw new UsageError('give the list to import: `hssk import persons FILE`');
    const similar = (values.similar ?? 'skip') as 'skip' | 'create';
    if (!['skip', 'create'].includes(similar)) throw new UsageError('--similar must be skip or create');
    const file = resolve(io.cwd, positionals[1]);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new UsageError(`cannot read ${file}`);
    }
    const { dataDir, dbFile } = storageFrom(values, io);
    const core = createCore({ host: 'cli', dataDir, dbFile, log: createLogger({ level: 'warn' }) });
    try {
      const started = performance.now();
      const actor = { userId: 'cli', username: `cli:${userInfo().username}` };
      const opened = await openImport(core.ctx, actor, file.split(/[\\/]/).pop() ?? file, bytes);
      const sheetName = values.sheet ?? opened.sheetName;
      let mapping = opened.detection.mapping;
      // --mapping: a mapping saved as JSON, or the name of a template saved in the app.
      const mappingFile = values.mapping ? resolve(io.cwd, values.mapping) : null;
      const templateName =
        values.template ?? (mappingFile && !existsSync(mappingFile) ? values.mapping : undefined);
      if (mappingFile && !templateName) {
        let json: unknown;
        try {
          json = JSON.parse(readFileSync(mappingFile, 'utf8'));
        } catch {
          throw new UsageError(`--mapping ${values.mapping ?? ''} is not readable JSON`);
        }
        const parsed = ColumnMapping.safeParse(json);
        if (!parsed.success)
          throw new UsageError(`--mapping is not a column mapping: ${parsed.error.issues[0]?.message ?? ''}`);
        mapping = parsed.data;
      } else if (templateName || values.sheet) {
        const template = templateName
          ? listTemplates(core.ctx).find((x) => x.name === templateName)
          : undefined;
        if (templateName && !template)
          throw new UsageError(`no mapping file or saved template named «${templateName}»`);
        mapping = detectColumns(core.ctx, opened.importId, sheetName, template?.id ?? null).mapping;
      }
      const options = { similar, janFirstIsYearOnly: values['year-only-jan1'] ?? false };
      const summary = values['dry-run']
        ? {
            dryRun: true,
            ...(await dryRun(core.ctx, opened.importId, mapping, options)).counts,
            created: 0,
            updated: 0,
          }
        : await commitImport(
            core.ctx,
            actor,
            opened.importId,
            mapping,
            options,
            values['save-template'] ?? null,
          ).then((r) => ({
            dryRun: false,
            ...r.counts,
            created: r.created,
            updated: r.updated,
            householdsCreated: r.householdsCreated,
          }));
      const out: Record<string, unknown> = {
        file,
        sheet: sheetName,
        ...summary,
        duplicates: summary.duplicate,
        errors: summary.error,
        duration_ms: Math.round(performance.now() - started),
      };
      // The report holds the attention list: rows not imported and rows with notes (a value not stored…).
      if (values['errors-out'] && summary.attention > 0) {
        const report = await errorReport(core.ctx, opened.importId);
        writeFileSync(resolve(io.cwd, values['errors-out']), report.bytes);
        out.errorsFile = resolve(io.cwd, values['errors-out']);
        out.errorsFileRows = report.rows;
      }
      if (values.json) io.out(JSON.stringify(out));
      else {
        io.out(`${values['dry-run'] ? 'Dry run of' : 'Imported'} ${file} (${summary.rows} rows):`);
        io.out(
          `  new ${summary.new}, updated ${summary.update}, unchanged ${summary.unchanged}, duplicates ${summary.duplicate}, errors ${summary.error}`,
        );
        io.out(
          `  rows with notes ${summary.noted} (with a value not stored ${summary.dropped})${summary.attention > 0 && !out.errorsFile ? ': list them with --errors-out FILE.xlsx' : ''}`,
        );
        if (out.errorsFile)
          io.out(`  rows not imported or with notes, with reasons: ${String(out.errorsFile)}`);
        io.out(`  ${String(out.duration_ms)} ms`);
      }
      return summary.error > 0 && summary.new + summary.update === 0 && summary.unchanged === 0 ? 1 : 0;
    } finally {
      core.close();
    }
  },
};
