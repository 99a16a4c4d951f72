import { requireActor, type HandlersOf } from '../../api/types.ts';
import { AppError } from '../../errors.ts';
import { commitImport, detectColumns, dryRun, errorReport, importRows, openImport } from './service.ts';
import { deleteTemplate, listTemplates } from './templates.ts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function importHandlers(): HandlersOf<'imports'> {
  return {
    'imports.open': async ({ fileName, dataBase64 }, call) => {
      if (!BASE64.test(dataBase64))
        throw new AppError('INVALID_INPUT', { message: 'Tệp gửi lên bị hỏng; hãy chọn lại tệp.' });
      const bytes = Buffer.from(dataBase64, 'base64');
      return openImport(call.ctx, requireActor(call), fileName, bytes);
    },
    'imports.detect': ({ importId, sheetName, templateId }, { ctx }) =>
      detectColumns(ctx, importId, sheetName, templateId),
    'imports.dryRun': ({ importId, mapping, options }, { ctx }) => dryRun(ctx, importId, mapping, options),
    'imports.rows': ({ importId, view, offset, limit }, { ctx }) =>
      importRows(ctx, importId, view, offset, limit),
    'imports.commit': ({ importId, mapping, options, saveTemplateAs }, call) =>
      commitImport(call.ctx, requireActor(call), importId, mapping, options, saveTemplateAs || null),
    'imports.errorReport': async ({ importId }, { ctx }) => {
      const r = await errorReport(ctx, importId);
      return { fileName: r.fileName, dataBase64: r.bytes.toString('base64'), rows: r.rows };
    },
    'imports.templates': (_input, { ctx }) => listTemplates(ctx),
    'imports.deleteTemplate': ({ id }, { ctx }) => {
      deleteTemplate(ctx, id);
      return null;
    },
  };
}
