/**
 * One writer per table (ARCHITECTURE.md, "Data"): each table is written only by its repository.
 * This scanner reads every source file under `main/` (tests aside) with the TypeScript parser and
 * reports each write found outside the table's repository: SQL in a string or template
 * (INSERT [OR …] INTO, REPLACE INTO, UPDATE [OR …] … SET, DELETE FROM) and kysely's
 * insertInto/updateTable/deleteFrom/replaceInto/mergeInto. A write whose table cannot be read (a
 * table name built at run time) is reported too: a repository names its tables.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { TABLES } from '../../main/core/db/schema.ts';

/** Each table and the one file allowed to write it. */
export const WRITERS: Record<string, string> = {
  audit_log: 'main/core/audit/repo/audit-log.ts',
  audit_anchor: 'main/core/audit/repo/audit-log.ts',
  audit_secret: 'main/core/audit/repo/audit-secret.ts',
  station: 'main/core/station/repo/station.ts',
  users: 'main/core/security/repo/users.ts',
  households: 'main/core/registry/repo/households.ts',
  persons: 'main/core/registry/repo/persons.ts',
  person_identifiers: 'main/core/registry/repo/persons.ts',
  // The list-import module's saved column mappings: the file that lists, saves and deletes them.
  import_templates: 'main/core/registry/list-import/templates.ts',
  person_history: 'main/core/record/repo/history.ts',
  immunizations: 'main/core/record/repo/immunizations.ts',
  immunization_due: 'main/core/record/repo/immunizations.ts',
  immunization_due_doses: 'main/core/record/repo/immunizations.ts',
  child_supplements: 'main/core/record/repo/supplements.ts',
  visits: 'main/core/record/repo/visits.ts',
  visit_diagnoses: 'main/core/record/repo/visits.ts',
  visit_labs: 'main/core/record/repo/visits.ts',
  visit_medicines: 'main/core/record/repo/visits.ts',
  visit_versions: 'main/core/record/repo/visits.ts',
  ncd_registers: 'main/core/record/repo/ncd-registers.ts',
  pregnancies: 'main/core/record/repo/pregnancies.ts',
  antenatal_visits: 'main/core/record/repo/pregnancies.ts',
  family_planning: 'main/core/record/repo/pregnancies.ts',
  vaccines: 'main/core/record/repo/vaccines.ts',
  measurements: 'main/core/devices/repo/measurements.ts',
  devices: 'main/core/devices/repo/devices.ts',
  sync_outbox: 'main/core/sync/outbox.ts',
  sync_deliveries: 'main/core/sync/deliveries.ts',
  sync_runs: 'main/core/sync/runs.ts',
  upstream_settings: 'main/core/upstream/repo/settings.ts',
  person_consent: 'main/core/registry/repo/consent.ts',
  schema_migrations: 'main/core/db/migrate.ts',
  print_jobs: 'main/core/forms/repo/print-jobs.ts',
  forms_settings: 'main/core/forms/repo/print-jobs.ts',
  backup_settings: 'main/core/backup/repo/settings.ts',
  report_population: 'main/core/reports/repo/population.ts',
  last_measurements: 'main/core/record/repo/visits.ts',
  campaigns: 'main/core/campaigns/repo/campaigns.ts',
  campaign_roster: 'main/core/campaigns/repo/campaigns.ts',
};

/**
 * Tables no code writes: the full-text index follows `persons` through its triggers, and each
 * resident's latest change follows part B, the doses and the signed exams through theirs (0027).
 */
export const TRIGGER_ONLY = ['persons_fts', 'record_changed'];

/** Files that may build a table's name at run time: the runner's ledger name is a constant. */
const DYNAMIC_ALLOWED = new Set(['main/core/db/migrate.ts']);

export const KNOWN_TABLES = new Set(Object.keys(TABLES));

export interface Write {
  file: string;
  line: number;
  /** The table, or null when its name is built at run time. */
  table: string | null;
  how: string;
}

const KYSELY_WRITES = new Set(['insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto']);
const NAME = String.raw`(?:"([^"]+)"|\x60([^\x60]+)\x60|\[([^\]]+)\]|(\$\{)|([A-Za-z_][\w$]*))`;
const SQL_WRITE = new RegExp(
  String.raw`\b(INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+${NAME}`,
  'gi',
);

/** SQL writes in one piece of literal text (a template's parts joined, `${…}` kept as such). */
function sqlWrites(text: string): { table: string | null; how: string }[] {
  const out: { table: string | null; how: string }[] = [];
  for (const m of text.matchAll(SQL_WRITE)) {
    const verb = m[1].replace(/\s+/g, ' ');
    const isUpdate = /^UPDATE/i.test(verb);
    // UPDATE is SQL only with its SET (an English "update the record" in a message is not).
    if (isUpdate && !/\bSET\b/i.test(text.slice(m.index))) continue;
    const quoted = m[2] ?? m[3] ?? m[4];
    const dynamic = m[5] !== undefined || (quoted ?? '').includes('${');
    const name = (quoted ?? m[6] ?? '').replace(/^main\./i, '');
    // An upsert's "DO UPDATE SET" belongs to its INSERT, already counted.
    if (isUpdate && name.toUpperCase() === 'SET') continue;
    // Bare lower-case words after lower-case keywords are prose ("delete from the tray"); SQL names a
    // table we know, or quotes it, or is written in capitals as this project writes SQL.
    const sqlLooking =
      dynamic || quoted !== undefined || KNOWN_TABLES.has(name) || verb === verb.toUpperCase();
    if (!sqlLooking) continue;
    out.push({ table: dynamic ? null : name, how: `${verb.toUpperCase()} ${dynamic ? '${…}' : name}` });
  }
  return out;
}

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return node.head.text + node.templateSpans.map((s) => '${…}' + s.literal.text).join('');
  return null;
}

/** Every table write in one file's source text. */
export function writesIn(file: string, source: string): Write[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Write[] = [];
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (node: ts.Node): void => {
    const text = literalText(node);
    if (text !== null) {
      for (const w of sqlWrites(text)) out.push({ file, line: line(node), ...w });
      // A template's spans are scanned as part of its text; their own literals are visited below.
    }
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      KYSELY_WRITES.has(node.expression.name.text)
    ) {
      const arg = node.arguments[0];
      const name =
        arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) ? arg.text : null;
      const table = name === null ? null : name.trim().split(/\s+/)[0];
      out.push({ file, line: line(node), table, how: `${node.expression.name.text}(${table ?? '…'})` });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The source files the rule covers: `*.ts` under `main/`, not tests, not the migration tests' data. */
export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (
        e.name.endsWith('.ts') &&
        !e.name.endsWith('.test.ts') &&
        !e.name.endsWith('.d.ts') &&
        // The migration data tests' stations, written with each era's SQL on purpose (db/).
        !/^migrations-.*\.ts$/.test(e.name)
      )
        out.push(path);
    }
  };
  walk(join(root, 'main'));
  return out.sort();
}

/** Each write under `root/main` that its table's repository does not own, in words. */
export function strayWrites(root: string): string[] {
  const stray: string[] = [];
  for (const path of sourceFiles(root)) {
    const file = relative(root, path).split(sep).join('/');
    for (const w of writesIn(file, readFileSync(path, 'utf8'))) {
      const where = `${w.file}:${w.line} ${w.how}`;
      if (w.table === null) {
        if (!DYNAMIC_ALLOWED.has(w.file)) stray.push(`${where}: the table is built at run time`);
      } else if (!(w.table in WRITERS)) {
        stray.push(
          TRIGGER_ONLY.includes(w.table)
            ? `${where}: ${w.table} is written by its triggers only`
            : `${where}: ${w.table} is not a table in db/schema.ts with a repository`,
        );
      } else if (WRITERS[w.table] !== w.file) {
        stray.push(`${where}: only ${WRITERS[w.table]} writes ${w.table}`);
      }
    }
  }
  return stray;
}
