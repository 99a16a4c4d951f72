import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PersonStatus } from '#contract/ops/persons.ts';
import { sourceRoot } from '../paths.ts';
import { AUDIT_ACTION_LABELS, auditActionLabel } from './labels.ts';

/**
 * Every action the code writes to the audit trail must read as Vietnamese in Quản trị → Nhật ký
 * truy cập. This walks the sources (main/**, tests excluded) of every file that writes the trail
 * (calls appendAudit or auditWriter), collects the `action:` values, and fails on one without a
 * label. A computed action must be spelled out below with all its values.
 */
const TEMPLATES: Record<string, readonly string[]> = {
  'person.status.${status}': PersonStatus.options.map((s) => `person.status.${s}`),
};
/** Files that declare the `action` field rather than write one. */
const DECLARING = new Set([
  'main/core/audit/audit.ts',
  'main/core/audit/handlers.ts',
  'main/core/audit/view.ts',
]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

const ACTION = /\baction:\s*((?:`[^`]*`|'[^']*'|"[^"]*"|[^,}\n'"`])+)/g;

function writtenActions(): { actions: Set<string>; unexplained: string[] } {
  const actions = new Set<string>();
  const unexplained: string[] = [];
  for (const file of sources(join(sourceRoot, 'main'))) {
    const rel = relative(sourceRoot, file).replaceAll('\\', '/');
    const text = readFileSync(file, 'utf8');
    if (DECLARING.has(rel) || !/\b(appendAudit|auditWriter)\b/.test(text)) continue;
    // `type PregnancyAction = | 'pregnancy.open' | …;` — a file's own union of the actions it writes.
    const aliases = new Map(
      [...text.matchAll(/\btype (\w+Action)\s*=([^;]+);/g)].map((a) => [
        a[1],
        [...a[2].matchAll(/'([^']*)'/g)].map((l) => l[1]),
      ]),
    );
    for (const m of text.matchAll(ACTION)) {
      const expr = m[1].trim();
      const alias = aliases.get(expr);
      if (alias?.length) {
        alias.forEach((a) => actions.add(a));
        continue;
      }
      const literals = [...expr.matchAll(/'([^']*)'|"([^"]*)"/g)].map((l) => l[1] ?? l[2]);
      const templates = [...expr.matchAll(/`([^`]*)`/g)].map((l) => l[1]);
      for (const tpl of templates) {
        if (TEMPLATES[tpl]) TEMPLATES[tpl].forEach((a) => actions.add(a));
        else unexplained.push(`${rel}: action: ${expr}`);
      }
      if (literals.length === 0 && templates.length === 0) unexplained.push(`${rel}: action: ${expr}`);
      literals.forEach((a) => actions.add(a));
    }
  }
  return { actions, unexplained };
}

describe('audit action labels', () => {
  const { actions, unexplained } = writtenActions();

  it('finds the actions the code writes (the scan works)', () => {
    for (const a of [
      'person.read',
      'record.read',
      'visit.sign',
      'auth.login.failed',
      'auth.unlock',
      'device.add',
      'person.status.deceased',
    ]) {
      expect(actions).toContain(a);
    }
  });

  it('every action written anywhere has a Vietnamese label', () => {
    expect([...actions].filter((a) => !AUDIT_ACTION_LABELS[a]).sort()).toEqual([]);
  });

  it('every computed action is spelled out here, so none escapes the check', () => {
    expect(unexplained).toEqual([]);
  });

  it('labels are Vietnamese sentences, not codes', () => {
    for (const [action, label] of Object.entries(AUDIT_ACTION_LABELS)) {
      expect([action, /^[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ]/u.test(label) && !label.includes('.')]).toEqual([action, true]);
    }
    expect(auditActionLabel('visit.sign')).toBe('Ký lượt khám');
    // An action from a newer version of the app reads as "other", never as its code alone.
    expect(auditActionLabel('something.new')).toBe('Thao tác khác');
  });
});
