/** Column mappings saved under a name, for the lists a station receives again and again. */
import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { ColumnMapping } from '../list-reader/index.ts';

export function listTemplates(
  ctx: Pick<CoreContext, 'store'>,
): { id: string; name: string; updatedAt: string }[] {
  return ctx.store
    .prepare('SELECT id, name, updated_at AS updatedAt FROM import_templates ORDER BY name')
    .all() as { id: string; name: string; updatedAt: string }[];
}

export function templateMapping(ctx: Pick<CoreContext, 'store'>, id: string): ColumnMapping {
  const r = ctx.store.prepare('SELECT mapping FROM import_templates WHERE id = ?').get(id) as
    { mapping: string } | undefined;
  if (!r) throw new AppError('NOT_FOUND', { message: 'Mẫu nhập này đã bị xóa.' });
  return JSON.parse(r.mapping) as ColumnMapping;
}

/** Saves (or replaces, by name) a mapping. */
export function saveTemplate(
  ctx: Pick<CoreContext, 'store' | 'clock'>,
  name: string,
  mapping: ColumnMapping,
): string {
  const now = ctx.clock().toISOString();
  const existing = ctx.store.prepare('SELECT id FROM import_templates WHERE name = ?').get(name) as
    { id: string } | undefined;
  const id = existing?.id ?? randomUUID();
  ctx.store
    .prepare(
      `INSERT INTO import_templates (id, name, mapping, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
    )
    .run(id, name, JSON.stringify(mapping), now, now);
  return id;
}

export function deleteTemplate(ctx: Pick<CoreContext, 'store'>, id: string): void {
  if (ctx.store.prepare('DELETE FROM import_templates WHERE id = ?').run(id).changes === 0) {
    throw new AppError('NOT_FOUND', { message: 'Mẫu nhập này đã bị xóa.' });
  }
}
