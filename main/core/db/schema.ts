import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Every table, FTS index included, as the migrations leave the schema: one runtime description per
 * column (its SQL type, NOT NULL, whether the database fills it when an insert leaves it out) from
 * which the kysely `Database` type is derived. schema.test.ts migrates a fresh database and compares
 * every table and column with this description, so the types cannot drift from the schema. Row
 * types are derived from here (`Selectable<>`, `Insertable<>`), never declared again in a module.
 * Booleans are 0 | 1 and dates are text, as SQLite stores them; domain objects are built from these
 * rows in each module and never cross the contract.
 */

export type SqlType = 'TEXT' | 'INTEGER' | 'REAL' | 'BLOB' | '';

/** One column: what SQLite says of it, and (as a phantom type) what TypeScript reads from it. */
export class Column<T, D extends boolean = false> {
  declare readonly _type: T;
  declare readonly _hasDefault: D;
  readonly sql: SqlType;
  readonly notNull: boolean;
  /** The database fills it when an insert leaves it out (a DEFAULT, or the rowid). */
  readonly hasDefault: boolean;

  constructor(sql: SqlType, notNull: boolean, hasDefault: boolean) {
    this.sql = sql;
    this.notNull = notNull;
    this.hasDefault = hasDefault;
  }

  /** The column has a DEFAULT (or is the rowid): inserts may leave it out. */
  def(): Column<T, true> {
    return new Column<T, true>(this.sql, this.notNull, true);
  }
}

const c = {
  text: <T extends string = string>() => new Column<T>('TEXT', true, false),
  textNull: <T extends string = string>() => new Column<T | null>('TEXT', false, false),
  int: <T extends number = number>() => new Column<T>('INTEGER', true, false),
  intNull: <T extends number = number>() => new Column<T | null>('INTEGER', false, false),
  realNull: () => new Column<number | null>('REAL', false, false),
  blob: () => new Column<Buffer>('BLOB', true, false),
  /** A column of an FTS5 table: untyped in SQLite. */
  fts: <T>() => new Column<T>('', false, false),
};

export type IdentifierKind = 'cccd' | 'cmnd' | 'bhyt' | 'bhxh' | 'passport' | 'alias';
export type PregnancyOutcome = 'live-birth' | 'stillbirth' | 'miscarriage' | 'abortion' | 'other';
export type OutboxState = 'pending' | 'sending' | 'acknowledged' | 'error' | 'edited';
export type DeliveryRowState = 'pending' | 'sending' | 'acknowledged' | 'failed' | 'skipped';

export const TABLES = {
  audit_log: {
    seq: c.int().def(),
    at: c.text(),
    user_id: c.textNull(),
    username: c.textNull(),
    action: c.text(),
    entity: c.textNull(),
    entity_id: c.textNull(),
    details: c.text().def(),
    prev_hash: c.text(),
    hash: c.text(),
    /** MAC of `hash` keyed from the database key (0013); null on entries written before. */
    mac: c.textNull(),
  },
  /** The audit chain's head, MAC'd (0013): one row. */
  audit_anchor: {
    id: c.int().def(),
    entries: c.int(),
    head_seq: c.int(),
    head_hash: c.text(),
    mac: c.text(),
    updated_at: c.text(),
  },
  /** The audit trail's MAC secret (0023): one row, written once by the audit module, never changed. */
  audit_secret: {
    id: c.int().def(),
    mac_key: c.blob(),
    created_at: c.text(),
  },
  devices: {
    id: c.text(),
    name: c.text(),
    role: c.text<'scanner' | 'bp' | 'scale' | 'height' | 'scale-height'>(),
    driver: c.text(),
    transport: c.text<'serial' | 'hid'>(),
    match: c.text(),
    port: c.text(),
    pattern: c.textNull(),
    enabled: c.int<0 | 1>().def(),
    created_at: c.text(),
    updated_at: c.text(),
  },
  households: {
    id: c.text(),
    code: c.text(),
    head_person_id: c.textNull(),
    village: c.text().def(),
    address: c.text().def(),
    created_at: c.text(),
    updated_at: c.text(),
  },
  immunization_due: {
    person_id: c.text(),
    next_due_on: c.textNull(),
    doses: c.text(),
    computed_at: c.text(),
    computed_on: c.textNull(),
    due_now: c.int<0 | 1>().def(),
    first_due: c.textNull(),
    next_change_on: c.textNull(),
  },
  /** 0017: each active resident's open doses, one row each, for the session due list. */
  immunization_due_doses: {
    person_id: c.text(),
    code: c.text(),
    vaccine: c.text(),
    due_on: c.text(),
    too_late_on: c.textNull(),
    village: c.text().def(),
  },
  /** 0021: a child's vitamin A and deworming doses. */
  child_supplements: {
    id: c.text(),
    person_id: c.text(),
    kind: c.text<'vitamin_a' | 'deworming'>(),
    given_on: c.text(),
    dose: c.text().def(),
    place: c.text().def(),
    recorded_at: c.text(),
    recorded_by: c.textNull(),
  },
  immunizations: {
    id: c.text(),
    person_id: c.text(),
    vaccine_code: c.text(),
    given_on: c.text(),
    place: c.text().def(),
    reaction: c.text().def(),
    next_on: c.textNull(),
    pregnancy_month: c.intNull(),
    batch: c.text().def(),
    recorded_at: c.text(),
    recorded_by: c.textNull(),
  },
  import_templates: {
    id: c.text(),
    name: c.text(),
    mapping: c.text(),
    created_at: c.text(),
    updated_at: c.text(),
  },
  measurements: {
    id: c.text(),
    device: c.text(),
    driver: c.text(),
    kind: c.text<'bp' | 'weight' | 'height' | 'weight-height' | 'other'>(),
    data: c.text(),
    measured_at: c.textNull(),
    received_at: c.text(),
    raw: c.text().def(),
    status: c.text<'tray' | 'attached' | 'discarded'>(),
    visit_id: c.textNull(),
    person_id: c.textNull(),
    attached_at: c.textNull(),
    arrived_during_visit_id: c.textNull(),
  },
  ncd_registers: {
    person_id: c.text(),
    register: c.text<'hypertension' | 'diabetes'>(),
    registered_on: c.text(),
    source: c.text(),
    interval_months: c.int().def(),
  },
  /** 0020: pregnancy episodes (open while outcome is null) and their antenatal visits. */
  pregnancies: {
    id: c.text(),
    person_id: c.text(),
    lmp: c.text(),
    edd: c.text(),
    gravida: c.intNull(),
    para: c.intNull(),
    outcome: c.textNull<PregnancyOutcome>(),
    ended_on: c.textNull(),
    delivery_place: c.text().def(),
    delivery_mode: c.text().def(),
    baby_weight_g: c.intNull(),
    outcome_note: c.text().def(),
    created_at: c.text(),
    created_by: c.textNull(),
    updated_at: c.text(),
  },
  antenatal_visits: {
    id: c.text(),
    pregnancy_id: c.text(),
    person_id: c.text(),
    visit_on: c.text(),
    gest_days: c.int(),
    weight_kg: c.realNull(),
    systolic: c.intNull(),
    diastolic: c.intNull(),
    fundal_height_cm: c.realNull(),
    risk_signs: c.text().def(),
    risk_note: c.text().def(),
    iron_folic: c.int<0 | 1>().def(),
    tetanus_dose_id: c.textNull(),
    next_visit_on: c.textNull(),
    note: c.text().def(),
    recorded_at: c.text(),
    recorded_by: c.textNull(),
  },
  /** 0020: family-planning methods (A5.1); 'part-b' rows came from part B's free text. */
  family_planning: {
    id: c.text(),
    person_id: c.text(),
    method: c.text(),
    method_text: c.text().def(),
    started_on: c.textNull(),
    follow_up_on: c.textNull(),
    ended_on: c.textNull(),
    source: c.text<'entered' | 'part-b'>().def(),
    created_at: c.text(),
    updated_at: c.text(),
    updated_by: c.textNull(),
  },
  person_history: {
    person_id: c.text(),
    data: c.text(),
    version: c.int(),
    updated_at: c.text(),
    updated_by: c.textNull(),
  },
  person_identifiers: {
    person_id: c.text(),
    kind: c.text<IdentifierKind>(),
    value: c.text(),
    issued_on: c.textNull(),
    issued_by: c.textNull(),
    valid_from: c.textNull(),
    valid_to: c.textNull(),
    extra: c.text().def(),
    created_at: c.text(),
  },
  persons: {
    pk: c.int().def(),
    id: c.text(),
    household_id: c.textNull(),
    full_name: c.text(),
    name_folded: c.text(),
    sex: c.text<'M' | 'F'>(),
    birth_date: c.text(),
    birth_year: c.int(),
    village: c.text().def(),
    status: c.text<'active' | 'moved' | 'deceased'>().def(),
    created_at: c.text(),
    updated_at: c.text(),
    version: c.int().def(),
    relation_to_head: c.text().def(),
    blood_abo: c.text<'' | 'A' | 'B' | 'AB' | 'O'>().def(),
    blood_rh: c.text<'' | '+' | '-'>().def(),
    birth_province_code: c.text().def(),
    ethnicity_code: c.text().def(),
    nationality: c.text().def(),
    religion: c.text().def(),
    occupation: c.text().def(),
    perm_text: c.text().def(),
    perm_province_code: c.text().def(),
    perm_commune_code: c.text().def(),
    perm_village: c.text().def(),
    perm_street: c.text().def(),
    cur_text: c.text().def(),
    cur_province_code: c.text().def(),
    cur_commune_code: c.text().def(),
    cur_street: c.text().def(),
    phone_mobile: c.text().def(),
    phone_landline: c.text().def(),
    email: c.text().def(),
    mother_name: c.text().def(),
    mother_phone: c.text().def(),
    father_name: c.text().def(),
    father_phone: c.text().def(),
    caregiver_name: c.text().def(),
    caregiver_relation: c.text().def(),
    caregiver_phone: c.text().def(),
    status_date: c.textNull(),
    status_note: c.text().def(),
    share_consent: c.int<0 | 1>().def(),
    last_visit_on: c.textNull(),
    created_by: c.textNull(),
    updated_by: c.textNull(),
    mother_landline: c.text().def(),
    father_landline: c.text().def(),
    caregiver_landline: c.text().def(),
  },
  persons_fts: {
    name_folded: c.fts<string>(),
    birth_year: c.fts<number>(),
  },
  schema_migrations: {
    name: c.text(),
    applied_at: c.text(),
  },
  station: {
    id: c.int().def(),
    code: c.text(),
    name: c.text(),
    province_code: c.text(),
    commune_code: c.text(),
    address: c.text().def(),
    phone: c.text().def(),
    settings: c.text().def(),
    created_at: c.text(),
    updated_at: c.text(),
  },
  sync_outbox: {
    entity: c.text(),
    entity_id: c.text(),
    op: c.text<'upsert' | 'delete' | 'merge'>(),
    version: c.int(),
    state: c.text<OutboxState>(),
    attempts: c.int().def(),
    last_error_code: c.textNull(),
    last_error_message: c.textNull(),
    next_attempt_at: c.textNull(),
    acked_version: c.intNull(),
    remote_id: c.textNull(),
    queued_at: c.text(),
    updated_at: c.text(),
  },
  sync_deliveries: {
    upstream: c.text<'xml831' | 'fhir'>(),
    person_id: c.text(),
    state: c.text<DeliveryRowState>(),
    sending_version: c.intNull(),
    sending_run: c.textNull(),
    acked_version: c.intNull(),
    attempts: c.int().def(),
    last_error_code: c.textNull(),
    last_error_message: c.textNull(),
    last_tried_at: c.textNull(),
    next_attempt_at: c.textNull(),
    remote_id: c.textNull(),
    acked_at: c.textNull(),
    updated_at: c.text(),
    sent_refs: c.textNull(),
  },
  sync_runs: {
    id: c.text(),
    upstream: c.text(),
    trigger: c.text<'manual' | 'schedule' | 'closing' | 'cli'>(),
    started_at: c.text(),
    finished_at: c.textNull(),
    status: c.text(),
    sent: c.int().def(),
    acknowledged: c.int().def(),
    failed: c.int().def(),
    skipped: c.int().def(),
    message: c.text().def(),
  },
  upstream_settings: {
    id: c.int().def(),
    settings: c.text(),
    secrets: c.text(),
    updated_at: c.text(),
  },
  person_consent: {
    person_id: c.text(),
    state: c.text<'unknown' | 'given' | 'refused' | 'withdrawn'>(),
    decided_on: c.textNull(),
    recorded_by: c.textNull(),
    recorded_at: c.text(),
  },
  users: {
    id: c.text(),
    username: c.text(),
    full_name: c.text(),
    role: c.text<'admin' | 'clinician' | 'clerk' | 'viewer'>(),
    password_hash: c.text(),
    active: c.int<0 | 1>().def(),
    failed_logins: c.int().def(),
    locked_until: c.textNull(),
    last_login_at: c.textNull(),
    created_at: c.text(),
    updated_at: c.text(),
  },
  vaccines: {
    code: c.text(),
    data: c.text(),
    sort: c.int(),
    active: c.int<0 | 1>().def(),
    regional: c.int<0 | 1>().def(),
    custom: c.int<0 | 1>().def(),
  },
  visit_diagnoses: {
    visit_id: c.text(),
    seq: c.int(),
    icd_code: c.text().def(),
    name: c.text(),
    is_main: c.int<0 | 1>().def(),
    note: c.text().def(),
  },
  visit_labs: {
    visit_id: c.text(),
    seq: c.int(),
    lab_group: c.text<'lab' | 'imaging'>(),
    name: c.text(),
    result: c.text().def(),
  },
  visit_versions: {
    visit_id: c.text(),
    version: c.int(),
    snapshot: c.text(),
    changed_at: c.text(),
    changed_by: c.textNull(),
    reason: c.text().def(),
  },
  visits: {
    id: c.text(),
    person_id: c.text(),
    visit_on: c.text(),
    status: c.text<'draft' | 'signed'>(),
    version: c.int(),
    reason: c.text().def(),
    pulse: c.realNull(),
    temperature_c: c.realNull(),
    systolic: c.realNull(),
    diastolic: c.realNull(),
    respiratory_rate: c.realNull(),
    weight_kg: c.realNull(),
    height_cm: c.realNull(),
    waist_cm: c.realNull(),
    bmi: c.realNull(),
    bp_category: c.textNull(),
    data: c.text(),
    follow_up_on: c.textNull(),
    examiner_id: c.textNull(),
    examiner_name: c.text().def(),
    signed_at: c.textNull(),
    signed_by: c.textNull(),
    created_at: c.text(),
    created_by: c.textNull(),
    updated_at: c.text(),
    updated_by: c.textNull(),
    // 0019: treatment and referral ('' when not recorded).
    treatment_method: c.text().def(),
    treatment_note: c.text().def(),
    referral_to: c.text().def(),
    referral_reason: c.text().def(),
    // 0022: the campaign the exam was made in, and where an exam done elsewhere was done.
    campaign_id: c.textNull(),
    exam_place: c.text().def(),
  },
  visit_medicines: {
    visit_id: c.text(),
    seq: c.int(),
    name: c.text(),
    dose: c.text().def(),
    days: c.intNull(),
  },
  // Screening campaigns (0022) and their rosters.
  campaigns: {
    id: c.text(),
    kind: c.text<'station' | 'school' | 'workplace' | 'village'>(),
    name: c.text(),
    place: c.text().def(),
    starts_on: c.text(),
    ends_on: c.text(),
    measures: c.text(),
    classes: c.text().def(),
    created_at: c.text(),
    created_by: c.textNull(),
  },
  campaign_roster: {
    campaign_id: c.text(),
    person_id: c.text(),
    seq: c.int(),
    class_name: c.text().def(),
    visit_id: c.textNull(),
    added_at: c.text(),
  },
  // Forms (0012): prints and batches, kept to print again; the forms settings row.
  print_jobs: {
    id: c.text(),
    kind: c.text<'print' | 'batch'>(),
    form: c.text(),
    title: c.text(),
    person_id: c.textNull(),
    selection: c.text().def(),
    output: c.textNull(),
    printer: c.textNull(),
    copies: c.int().def(),
    status: c.text<'queued' | 'running' | 'done' | 'failed' | 'cancelled'>(),
    done: c.int().def(),
    total: c.int().def(),
    message: c.text().def(),
    file_path: c.textNull(),
    file_name: c.textNull(),
    file_bytes: c.intNull(),
    created_at: c.text(),
    finished_at: c.textNull(),
    created_by: c.text(),
  },
  forms_settings: {
    id: c.int().def(),
    settings: c.text(),
  },
  backup_settings: {
    id: c.int().def(),
    folder: c.textNull(),
    daily_time: c.text().def(),
    enabled: c.int().def(),
    last_daily_at: c.textNull(),
    updated_at: c.textNull(),
  },
  report_population: {
    year: c.int().def(),
    population: c.int(),
    source: c.text().def(),
    updated_at: c.text(),
    updated_by: c.textNull(),
  },
  last_measurements: {
    person_id: c.text(),
    visit_id: c.text(),
    visit_on: c.text(),
    weight_kg: c.realNull(),
    height_cm: c.realNull(),
    position: c.textNull(),
  },
  /** Each resident's latest part B, C or D change (migration 0027; written by triggers only). */
  record_changed: {
    person_id: c.text(),
    changed_at: c.text(),
  },
} as const;

type ColumnType<C> = C extends Column<infer T, infer D> ? (D extends true ? Generated<T> : T) : never;
type TableType<S> = { -readonly [K in keyof S]: ColumnType<S[K]> };

export type Database = { [T in keyof typeof TABLES]: TableType<(typeof TABLES)[T]> };
export type TableName = keyof Database;

export type StationTable = Database['station'];
export type UsersTable = Database['users'];
export type HouseholdsTable = Database['households'];
export type PersonsTable = Database['persons'];
export type PersonIdentifiersTable = Database['person_identifiers'];
export type AuditLogTable = Database['audit_log'];
export type SyncOutboxTable = Database['sync_outbox'];
export type ImportTemplatesTable = Database['import_templates'];

export type StationRow = Selectable<StationTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserRowUpdate = Updateable<UsersTable>;
export type PersonRow = Selectable<PersonsTable>;
export type HouseholdRow = Selectable<HouseholdsTable>;
export type IdentifierRow = Selectable<PersonIdentifiersTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type OutboxRow = Selectable<SyncOutboxTable>;
export type ImportTemplateRow = Selectable<ImportTemplatesTable>;
export type HistoryRow = Selectable<Database['person_history']>;
export type ImmunizationRow = Selectable<Database['immunizations']>;
export type ImmunizationDueRow = Selectable<Database['immunization_due']>;
export type VisitRow = Selectable<Database['visits']>;
export type VisitDiagnosisRow = Selectable<Database['visit_diagnoses']>;
export type VisitLabRow = Selectable<Database['visit_labs']>;
export type VisitVersionRow = Selectable<Database['visit_versions']>;
export type NcdRegisterRow = Selectable<Database['ncd_registers']>;
export type VaccineRow = Selectable<Database['vaccines']>;
export type MeasurementRow = Selectable<Database['measurements']>;
export type DeviceRow = Selectable<Database['devices']>;
