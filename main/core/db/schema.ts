import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Row types that mirror the schema exactly (booleans are 0 | 1, dates are text). Domain objects are
 * built from these in each module; these types never cross the contract.
 */
export interface StationTable {
  id: number;
  code: string;
  name: string;
  province_code: string;
  commune_code: string;
  address: string;
  phone: string;
  settings: string;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  full_name: string;
  role: 'admin' | 'clinician' | 'clerk' | 'viewer';
  password_hash: string;
  active: 0 | 1;
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface HouseholdsTable {
  id: string;
  code: string;
  head_person_id: string | null;
  village: string;
  address: string;
  created_at: string;
  updated_at: string;
}

export interface PersonsTable {
  pk: Generated<number>;
  id: string;
  household_id: string | null;
  full_name: string;
  name_folded: string;
  sex: 'M' | 'F';
  birth_date: string;
  birth_year: number;
  village: string;
  status: 'active' | 'moved' | 'deceased';
  created_at: string;
  updated_at: string;
  version: number;
  relation_to_head: string;
  blood_abo: '' | 'A' | 'B' | 'AB' | 'O';
  blood_rh: '' | '+' | '-';
  birth_province_code: string;
  ethnicity_code: string;
  nationality: string;
  religion: string;
  occupation: string;
  perm_text: string;
  perm_province_code: string;
  perm_commune_code: string;
  perm_village: string;
  perm_street: string;
  cur_text: string;
  cur_province_code: string;
  cur_commune_code: string;
  cur_street: string;
  phone_mobile: string;
  phone_landline: string;
  email: string;
  mother_name: string;
  mother_phone: string;
  father_name: string;
  father_phone: string;
  caregiver_name: string;
  caregiver_relation: string;
  caregiver_phone: string;
  /** A.23 landlines (migration 0007); the `*_phone` columns above are the mobiles. */
  mother_landline: Generated<string>;
  father_landline: Generated<string>;
  caregiver_landline: Generated<string>;
  status_date: string | null;
  status_note: string;
  share_consent: 0 | 1;
  last_visit_on: string | null;
  created_by: string | null;
  updated_by: string | null;
}

export type IdentifierKind = 'cccd' | 'cmnd' | 'bhyt' | 'bhxh' | 'passport' | 'alias';

export interface PersonIdentifiersTable {
  person_id: string;
  kind: IdentifierKind;
  value: string;
  issued_on: string | null;
  issued_by: string | null;
  valid_from: string | null;
  valid_to: string | null;
  extra: string;
  created_at: string;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export type OutboxState = 'pending' | 'sending' | 'acknowledged' | 'error' | 'edited';

export interface SyncOutboxTable {
  entity: string;
  entity_id: string;
  op: 'upsert' | 'delete' | 'merge';
  version: number;
  state: OutboxState;
  attempts: number;
  last_error_code: string | null;
  last_error_message: string | null;
  next_attempt_at: string | null;
  acked_version: number | null;
  remote_id: string | null;
  queued_at: string;
  updated_at: string;
}

export interface ImportTemplatesTable {
  id: string;
  name: string;
  mapping: string;
  created_at: string;
  updated_at: string;
}

export interface Database {
  station: StationTable;
  users: UsersTable;
  households: HouseholdsTable;
  persons: PersonsTable;
  person_identifiers: PersonIdentifiersTable;
  audit_log: AuditLogTable;
  sync_outbox: SyncOutboxTable;
  import_templates: ImportTemplatesTable;
}

export type StationRow = Selectable<StationTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserRowUpdate = Updateable<UsersTable>;
export type PersonRow = Selectable<PersonsTable>;
export type AuditRow = Selectable<AuditLogTable>;
