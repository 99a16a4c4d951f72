// Rules between files and between the core's modules, checked by dependency-cruiser in `npm test`
// (the layer rules between renderer, contract, hosts and core are ESLint's: eslint.boundaries.js).
// test/unit/module-rules.test.ts proves each rule fails on a fixture that breaks it.

/**
 * Which core modules each module may import (besides itself, the contract and the core's root
 * files: clock, errors, events, jobs, log, paths, version, context and handler types). The list is
 * a one-way order, so no two modules can depend on each other. app.ts and handlers.ts assemble the
 * modules and are imported by none.
 */
const MODULES = {
  db: [],
  audit: ['db'],
  codes: [],
  sync: ['db'],
  station: ['db', 'audit', 'codes'],
  security: ['db', 'audit', 'station'],
  registry: ['db', 'audit', 'codes', 'sync'],
  devices: ['db', 'audit', 'registry', 'sync'],
  record: ['db', 'audit', 'codes', 'registry', 'devices', 'station', 'sync'],
  system: ['db', 'station', 'sync', 'devices'],
  // Backups copy the whole database; they name the station and write to the audit trail.
  backup: ['db', 'audit', 'station'],
  api: ['audit', 'security'],
  forms: ['db', 'audit', 'codes', 'station', 'registry', 'devices', 'record'],
  // The upload reads whole records, so it sits above them; the outbox it works from is sync/.
  upstream: ['db', 'audit', 'codes', 'sync', 'station', 'security', 'registry', 'devices', 'record'],
  // Screening campaigns: rosters from the registry (and its list import), exams through the record.
  campaigns: ['db', 'audit', 'codes', 'sync', 'station', 'registry', 'devices', 'record'],
  // The dashboard says what the upstreams acknowledged, so it sits above the upload.
  reports: ['db', 'audit', 'codes', 'sync', 'station', 'registry', 'devices', 'record', 'forms', 'upstream'],
  seed: ['db', 'audit', 'codes', 'sync', 'station', 'security', 'registry', 'devices', 'record', 'campaigns'],
};

const moduleRules = Object.entries(MODULES).map(([name, allowed]) => ({
  name: `core-module-${name}`,
  comment: `main/core/${name}/ may import only ${allowed.length ? allowed.join(', ') : 'no other core module'} (ARCHITECTURE.md, "Core modules")`,
  severity: 'error',
  // Tests may borrow another module's helpers (a simulated card, a seeded commune).
  from: { path: `^main/core/${name}/`, pathNot: '\\.test\\.ts$' },
  to: { path: `^main/core/(?!(?:${[name, ...allowed].join('|')})/)[a-z-]+/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No file may depend on itself through others (type-only imports included).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...moduleRules,
    {
      name: 'core-module-unknown',
      comment: 'A new core module needs its place in build/dependency-cruiser.cjs (MODULES).',
      severity: 'error',
      from: { path: '^main/core/[a-z-]+/', pathNot: `^main/core/(?:${Object.keys(MODULES).join('|')})/` },
      to: {},
    },
    {
      name: 'core-composition-root',
      comment: 'app.ts and handlers.ts assemble the core; no module imports them.',
      severity: 'error',
      from: { path: '^main/core/[a-z-]+/' },
      to: { path: '^main/core/(?:app|handlers)\\.ts$' },
    },
    {
      name: 'clinical-rules-pure',
      comment: 'record/rules/ are plain functions and data: no database, no context, no other module.',
      severity: 'error',
      from: { path: '^main/core/record/rules/', pathNot: '\\.test\\.ts$' },
      to: {
        pathNot: [
          '^main/core/record/rules/',
          '^preload/contract/',
          '^main/core/paths\\.ts$',
          '^(node:)?(fs|fs/promises|path)$',
        ].join('|'),
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|release|test/artifacts|test/fixtures)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      conditionNames: ['import', 'node', 'default'],
      extensions: ['.ts', '.js', '.cjs', '.mjs'],
    },
  },
};
