import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ColumnMapping, ImportOptions } from '#contract/ops/import.ts';
import { UsageError, type CliCommand } from '../io.ts';
import { appHolding } from '../../../core/security/db-in-use.ts';
import { asOperator, asTyped } from '../operator.ts';
import { parse, storageFrom } from '../options.ts';

const OPERATIONS = [
  'imports.open',
  'imports.detect',
  'imports.dryRun',
  'imports.commit',
  'imports.errorReport',
] as const;

/** Which option of this command an input path of the import operations comes from. */
const FLAGS = { mapping: '--mapping', 'options.similar': '--similar', saveTemplateAs: '--save-template' };

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import a population list (XLSX/CSV) into the resident registry, or dry-run it',
  usage:
    'hssk import persons FILE [--sheet S] [--mapping M.json | --mapping TEMPLATE | --template TEMPLATE] [--dry-run] [--similar skip|create]\n' +
    '                         [--year-only-jan1] [--errors-out FILE.xlsx] [--save-template NAME] [--data DIR] [--db FILE] [--json]',
  operations: OPERATIONS,
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
    const file = resolve(io.cwd, positionals[1]);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new UsageError(`cannot read ${file}`);
    }
    const storage = storageFrom(values, io);
    // Beside the running app, an import would hold the write lock for minutes and the app's saves
    // would wait behind it: refuse, and say what to do instead.
    const app = values['dry-run'] ? null : appHolding(storage.dbFile);
    if (app) {
      io.err(
        `The HSSK Trạm app (process ${app.pid}, ${app.host}) has this database open. Import the list from inside the app (Dân cư → Nhập danh sách), or close the app and run this command again.`,
      );
      io.err(
        'Ứng dụng HSSK Trạm đang mở cơ sở dữ liệu này. Hãy nhập danh sách ngay trong ứng dụng (Dân cư → Nhập danh sách), hoặc đóng ứng dụng rồi chạy lại lệnh.',
      );
      return 1;
    }
    return asOperator(OPERATIONS, storage, io, async (operator) => {
      const started = performance.now();
      const opened = await operator.call('imports.open', {
        fileName: basename(file),
        dataBase64: bytes.toString('base64'),
      });
      const { importId } = opened;
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
        // Sent as read: imports.dryRun/commit parse it with the contract's ColumnMapping.
        mapping = asTyped<ColumnMapping>(json);
      } else if (templateName || values.sheet) {
        const template = templateName ? opened.templates.find((x) => x.name === templateName) : undefined;
        if (templateName && !template)
          throw new UsageError(`no mapping file or saved template named «${templateName}»`);
        mapping = (
          await operator.call(
            'imports.detect',
            { importId, sheetName, templateId: template?.id ?? null },
            { sheetName: '--sheet' },
          )
        ).mapping;
      }
      const options: ImportOptions = {
        similar: asTyped<ImportOptions['similar']>(values.similar ?? 'skip'),
        janFirstIsYearOnly: values['year-only-jan1'] ?? false,
      };
      const summary = values['dry-run']
        ? {
            dryRun: true,
            ...(await operator.call('imports.dryRun', { importId, mapping, options }, FLAGS)).counts,
            created: 0,
            updated: 0,
          }
        : await operator
            .call(
              'imports.commit',
              { importId, mapping, options, saveTemplateAs: values['save-template'] ?? null },
              FLAGS,
            )
            .then((r) => ({
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
        const report = await operator.call('imports.errorReport', { importId });
        writeFileSync(resolve(io.cwd, values['errors-out']), Buffer.from(report.dataBase64, 'base64'));
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
    });
  },
};
