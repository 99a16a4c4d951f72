import { createHash } from 'node:crypto';
import type { SqliteDatabase } from './sqlite.ts';

/**
 * A commune station's data as the app wrote it in each era of the schema, for the migration data
 * tests (migrations-NNNN.test.ts). Each era's rows are written right after its step, in that
 * step's shape and with the SQL of the time — never through today's repositories, which follow
 * today's schema. `stationBefore(step)` (migrations-testkit.ts) replays the eras up to a step, so
 * every step is tested on a database that grew the way a real station's did: residents with their
 * cards and households, users, the audit chain and the outbox first; part A in full; histories,
 * doses, visits with diagnoses and labs, NCD registers and device readings; devices; readings that
 * know their exam; landlines; the due-dose cache.
 *
 * When a migration lands, add the rows its era writes under its name in ERA_ROWS (new columns
 * filled, new tables used), so the next step is tested against them too.
 */

const ids = {
  admin: '7d3f0c2e-1a4b-4c5d-8e6f-000000000001',
  doctor: '7d3f0c2e-1a4b-4c5d-8e6f-000000000002',
  clerk: '7d3f0c2e-1a4b-4c5d-8e6f-000000000003',
  household1: '5a1b2c3d-0000-4000-8000-000000000001',
  household2: '5a1b2c3d-0000-4000-8000-000000000002',
  /** Nguyễn Văn An, 1962, head of household 1; CCCD and BHYT; hypertension. */
  an: '9e8d7c6b-0000-4000-8000-000000000001',
  /** Trần Thị Bích Đào, born 1958 (year only), CMND; a draft exam. */
  dao: '9e8d7c6b-0000-4000-8000-000000000002',
  /** Nguyễn Minh Đức, a baby of household 1: doses, growth visit, parents' phones. */
  duc: '9e8d7c6b-0000-4000-8000-000000000003',
  /** Lê Thị Hoa, moved away; holds the alias of a record merged into hers. */
  hoa: '9e8d7c6b-0000-4000-8000-000000000004',
  /** Phạm Văn Hùng, deceased, born 1940 (year only). */
  hung: '9e8d7c6b-0000-4000-8000-000000000005',
  /** Hoàng Thị Mai, Đức's mother, registered with the full part A (era 0002). */
  mai: '9e8d7c6b-0000-4000-8000-000000000006',
  /** Võ Thị Thu, a child registered with her parents' landlines (era 0007). */
  thu: '9e8d7c6b-0000-4000-8000-000000000007',
  visitAn: '3c4d5e6f-0000-4000-8000-000000000001',
  visitDao: '3c4d5e6f-0000-4000-8000-000000000002',
  visitDuc: '3c4d5e6f-0000-4000-8000-000000000003',
  bpMonitor: '1f2e3d4c-0000-4000-8000-000000000001',
  scanner: '1f2e3d4c-0000-4000-8000-000000000002',
  campaign: 'c0a1b2c3-0000-4000-8000-000000000002',
};
/** The rows' ids, for tests that look them up (plain strings). Ids are UUIDs as the app makes them. */
export const IDS: Readonly<typeof ids> = ids;

/** The password of every account written here: the app's argon2id hash of it. */
export const STATION_PASSWORD = 'mat-khau-123';
const PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$KVIHN5tjwLnk1flKzGEVgA$Rd8sE4+tl3sCJBEC0xs+WmZpZEwwDXfuSRvRnIOLayE';

type Row = Record<string, string | number | null>;

/** INSERT of one row, columns named as the era's table has them. */
function insert(db: SqliteDatabase, table: string, row: Row): void {
  const cols = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(
    row,
  );
}

/**
 * An entry of the hash-chained audit trail, chained as the app chains it (0001: hash =
 * sha256(prev_hash + "\n" + canonical entry)), so the app's verifier accepts the migrated trail.
 */
function audit(
  db: SqliteDatabase,
  at: string,
  user: { id: string; username: string } | null,
  action: string,
  entity: string | null,
  entityId: string | null,
  details: Record<string, unknown> = {},
): void {
  const prev =
    (db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as
      string | undefined) ?? '0'.repeat(64);
  const detailsJson = JSON.stringify(details);
  const canonical = JSON.stringify([
    at,
    user?.id ?? null,
    user?.username ?? null,
    action,
    entity,
    entityId,
    detailsJson,
  ]);
  const hash = createHash('sha256').update(prev).update('\n').update(canonical).digest('hex');
  insert(db, 'audit_log', {
    at,
    user_id: user?.id ?? null,
    username: user?.username ?? null,
    action,
    entity,
    entity_id: entityId,
    details: detailsJson,
    prev_hash: prev,
    hash,
  });
}

const admin = { id: IDS.admin, username: 'quantri' };
const doctor = { id: IDS.doctor, username: 'bs.lan' };

function outbox(db: SqliteDatabase, entity: string, id: string, version: number, at: string, more: Row = {}) {
  insert(db, 'sync_outbox', {
    entity,
    entity_id: id,
    op: 'upsert',
    version,
    state: 'pending',
    queued_at: at,
    updated_at: at,
    ...more,
  });
}

/** 0001: the station, its accounts, two households, five residents with their cards, audit, outbox. */
function foundation(db: SqliteDatabase): void {
  const at = '2025-11-24T01:30:00.000Z';
  insert(db, 'station', {
    id: 1,
    code: '01043',
    name: 'Trạm Y tế phường Ba Đình',
    province_code: '01',
    commune_code: '00004',
    address: 'Số 2 phố Hoàng Hoa Thám, phường Ba Đình',
    phone: '02438234567',
    settings: JSON.stringify({ updateUrl: '', idleLockMinutes: 10, bpScheme: 'VNHA2018' }),
    created_at: at,
    updated_at: at,
  });
  const user = (id: string, username: string, full_name: string, role: string, more: Row = {}) =>
    insert(db, 'users', {
      id,
      username,
      full_name,
      role,
      password_hash: PASSWORD_HASH,
      created_at: at,
      updated_at: at,
      ...more,
    });
  user(IDS.admin, 'quantri', 'Nguyễn Thị Quản Trị', 'admin', { last_login_at: at });
  user(IDS.doctor, 'bs.lan', 'Lê Thị Lan', 'clinician');
  user(IDS.clerk, 'vanthu', 'Đỗ Văn Thư', 'clerk', {
    failed_logins: 5,
    locked_until: '2025-11-24T02:00:00.000Z',
  });
  user('7d3f0c2e-1a4b-4c5d-8e6f-000000000004', 'cu.nhanvien', 'Bùi Thị Cũ', 'viewer', { active: 0 });
  audit(db, at, null, 'station.setup', 'station', '1', { code: '01043' });
  audit(db, at, admin, 'auth.login', 'user', IDS.admin);

  const household = (id: string, code: string, head: string, village: string, address: string) =>
    insert(db, 'households', {
      id,
      code,
      head_person_id: head,
      village,
      address,
      created_at: at,
      updated_at: at,
    });
  household(IDS.household1, 'HGD-00004-0001', IDS.an, 'Tổ 5', 'Số 12 ngõ 3 phố Đội Cấn');
  household(IDS.household2, 'HGD-00004-0002', IDS.dao, 'Tổ 7', 'Số 40 phố Liễu Giai');

  const person = (pk: number, id: string, row: Row) =>
    insert(db, 'persons', { pk, id, created_at: at, updated_at: at, ...row });
  person(1, IDS.an, {
    household_id: IDS.household1,
    full_name: 'Nguyễn Văn An',
    name_folded: 'nguyen van an',
    sex: 'M',
    birth_date: '1962-05-14',
    birth_year: 1962,
    village: 'Tổ 5',
    version: 2,
  });
  person(2, IDS.dao, {
    household_id: IDS.household2,
    full_name: 'Trần Thị Bích Đào',
    name_folded: 'tran thi bich dao',
    sex: 'F',
    birth_date: '1958',
    birth_year: 1958,
    village: 'Tổ 7',
  });
  person(3, IDS.duc, {
    household_id: IDS.household1,
    full_name: 'Nguyễn Minh Đức',
    name_folded: 'nguyen minh duc',
    sex: 'M',
    birth_date: '2025-09-03',
    birth_year: 2025,
    village: 'Tổ 5',
  });
  person(4, IDS.hoa, {
    full_name: 'Lê Thị Hoa',
    name_folded: 'le thi hoa',
    sex: 'F',
    birth_date: '1990-01-20',
    birth_year: 1990,
    village: 'Tổ 2',
    status: 'moved',
  });
  person(5, IDS.hung, {
    full_name: 'Phạm Văn Hùng',
    name_folded: 'pham van hung',
    sex: 'M',
    birth_date: '1940',
    birth_year: 1940,
    village: 'Tổ 7',
    status: 'deceased',
  });

  const card = (person_id: string, kind: string, value: string, more: Row = {}) =>
    insert(db, 'person_identifiers', { person_id, kind, value, created_at: at, ...more });
  card(IDS.an, 'cccd', '001062012345', { issued_on: '2021-04-10', issued_by: 'Cục Cảnh sát QLHC về TTXH' });
  card(IDS.an, 'bhyt', 'HT2010162012345', {
    valid_from: '2025-01-01',
    valid_to: '2025-12-31',
    extra: JSON.stringify({ kcbbd: '01043' }),
  });
  card(IDS.dao, 'cmnd', '012345678');
  card(IDS.hoa, 'alias', '9e8d7c6b-0000-4000-8000-0000000000aa');
  for (const id of [IDS.an, IDS.dao, IDS.duc, IDS.hoa, IDS.hung]) {
    audit(db, at, admin, 'person.create', 'person', id);
  }
  audit(db, at, doctor, 'person.read', 'person', IDS.an);

  outbox(db, 'person', IDS.an, 2, at);
  outbox(db, 'person', IDS.dao, 1, at, {
    state: 'acknowledged',
    acked_version: 1,
    remote_id: 'Patient/8812',
  });
  outbox(db, 'person', IDS.hoa, 1, at, {
    state: 'error',
    attempts: 3,
    last_error_code: 'UPSTREAM_REJECTED',
    last_error_message: 'Patient.birthDate invalid',
    next_attempt_at: '2025-11-24T03:00:00.000Z',
  });
}

/** 0002: part A in full (a mother registered with everything, her baby's parents filled in), a template. */
function registry(db: SqliteDatabase): void {
  const at = '2025-12-01T02:00:00.000Z';
  insert(db, 'persons', {
    pk: 6,
    id: IDS.mai,
    household_id: IDS.household1,
    full_name: 'Hoàng Thị Mai',
    name_folded: 'hoang thi mai',
    sex: 'F',
    birth_date: '1996-02-29',
    birth_year: 1996,
    village: 'Tổ 5',
    created_at: at,
    updated_at: at,
    relation_to_head: 'Con dâu',
    blood_abo: 'O',
    blood_rh: '+',
    birth_province_code: '40',
    ethnicity_code: '01',
    nationality: 'VN',
    religion: 'Không',
    occupation: 'Giáo viên',
    perm_text: 'Xóm 3, xã Nghi Lộc, tỉnh Nghệ An',
    perm_province_code: '40',
    perm_commune_code: '17000',
    perm_village: 'Xóm 3',
    cur_text: 'Số 12 ngõ 3 phố Đội Cấn, Tổ 5, phường Ba Đình, Hà Nội',
    cur_province_code: '01',
    cur_commune_code: '00004',
    cur_street: 'Số 12 ngõ 3 phố Đội Cấn',
    phone_mobile: '0912111222',
    email: 'mai.hoang@example.vn',
    share_consent: 0,
    created_by: IDS.admin,
    updated_by: IDS.admin,
  });
  insert(db, 'person_identifiers', {
    person_id: IDS.mai,
    kind: 'cccd',
    value: '040196001122',
    created_at: at,
  });
  db.prepare(
    `UPDATE persons SET mother_name = 'Hoàng Thị Mai', mother_phone = '0912111222',
       father_name = 'Nguyễn Văn Bình', father_phone = '0987333444',
       caregiver_name = 'Nguyễn Văn An', caregiver_relation = 'Ông nội', caregiver_phone = '0977555666',
       relation_to_head = 'Cháu nội', version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
  ).run(at, IDS.admin, IDS.duc);
  db.prepare(
    `UPDATE persons SET status_date = '2025-10-01', status_note = 'Chuyển về Đà Nẵng' WHERE id = ?`,
  ).run(IDS.hoa);
  insert(db, 'import_templates', {
    id: 'b7c8d9e0-0000-4000-8000-000000000001',
    name: 'Danh sách BHXH quận',
    mapping: JSON.stringify({ fullName: 'HO_TEN', birthDate: 'NGAY_SINH', bhyt: 'MA_THE' }),
    created_at: at,
    updated_at: at,
  });
  audit(db, at, admin, 'person.create', 'person', IDS.mai);
  audit(db, at, admin, 'person.update', 'person', IDS.duc, { fields: ['mother', 'father', 'caregiver'] });
  outbox(db, 'person', IDS.mai, 1, at);
}

/** 0003: part B, doses, a signed exam with diagnoses and labs, a draft, a register, readings. */
function record(db: SqliteDatabase): void {
  const at = '2026-01-15T02:10:00.000Z';
  insert(db, 'person_history', {
    person_id: IDS.an,
    data: JSON.stringify({
      risks: { smoking: 'regular', alcohol: 'yes', alcoholCupsPerDay: 2, physicalActivity: 'no' },
      allergies: { drugs: 'Penicillin', chemicals: '', food: 'Tôm', other: '' },
      diseases: { codes: [2], cancer: '', tuberculosis: '', other: '' },
      surgery: 'Mổ ruột thừa năm 1990',
    }),
    version: 1,
    updated_at: at,
    updated_by: IDS.doctor,
  });
  insert(db, 'vaccines', {
    code: 'DAI-1',
    data: JSON.stringify({
      code: 'DAI-1',
      vaccine: 'DAI',
      name: 'Dại (mũi 1)',
      group: 3,
      dose: 1,
      program: 'service',
    }),
    sort: 900,
    custom: 1,
  });
  const dose = (id: string, vaccine_code: string, given_on: string, more: Row = {}) =>
    insert(db, 'immunizations', {
      id,
      person_id: IDS.duc,
      vaccine_code,
      given_on,
      place: 'Trạm y tế',
      batch: 'L2025-09',
      recorded_at: at,
      recorded_by: IDS.doctor,
      ...more,
    });
  dose('e1f2a3b4-0000-4000-8000-000000000001', 'VGB-SS', '2025-09-03', { place: 'Bệnh viện Phụ sản Hà Nội' });
  dose('e1f2a3b4-0000-4000-8000-000000000002', 'BCG', '2025-09-10', { reaction: 'Sưng nhẹ chỗ tiêm' });
  dose('e1f2a3b4-0000-4000-8000-000000000003', 'DPT-VGB-HIB-1', '2025-11-05', { next_on: '2025-12-05' });
  insert(db, 'immunizations', {
    id: 'e1f2a3b4-0000-4000-8000-000000000004',
    person_id: IDS.mai,
    vaccine_code: 'UV-1',
    given_on: '2025-06-20',
    pregnancy_month: 5,
    recorded_at: at,
  });

  const doc = (o: Row) =>
    JSON.stringify({
      history: '',
      position: 'sitting',
      vitalSources: {},
      vision: { rightPlain: '', leftPlain: '', rightGlasses: '', leftGlasses: '', wearsGlasses: false },
      exam: {},
      conclusion: '',
      counselling: '',
      ...o,
    });
  insert(db, 'visits', {
    id: IDS.visitAn,
    person_id: IDS.an,
    visit_on: '2026-01-15',
    status: 'signed',
    version: 2,
    reason: 'Đau đầu, chóng mặt',
    pulse: 78,
    temperature_c: 36.8,
    systolic: 150,
    diastolic: 95,
    respiratory_rate: 18,
    weight_kg: 62,
    height_cm: 165,
    waist_cm: 84,
    bmi: 22.8,
    bp_category: 'grade-1',
    data: doc({ conclusion: 'Tăng huyết áp độ 1', counselling: 'Giảm muối, tái khám sau 1 tháng' }),
    follow_up_on: '2026-02-15',
    examiner_id: IDS.doctor,
    examiner_name: 'Lê Thị Lan',
    signed_at: at,
    signed_by: IDS.doctor,
    created_at: at,
    created_by: IDS.doctor,
    updated_at: at,
    updated_by: IDS.doctor,
  });
  insert(db, 'visit_diagnoses', {
    visit_id: IDS.visitAn,
    seq: 0,
    icd_code: 'I10',
    name: 'Bệnh tăng huyết áp vô căn (nguyên phát)',
    is_main: 1,
  });
  insert(db, 'visit_diagnoses', {
    visit_id: IDS.visitAn,
    seq: 1,
    icd_code: 'E78.5',
    name: 'Tăng lipid máu, không đặc hiệu',
    note: 'Theo dõi',
  });
  insert(db, 'visit_labs', {
    visit_id: IDS.visitAn,
    seq: 0,
    lab_group: 'lab',
    name: 'Glucose máu',
    result: '6,1 mmol/L',
  });
  insert(db, 'visit_labs', {
    visit_id: IDS.visitAn,
    seq: 1,
    lab_group: 'imaging',
    name: 'Điện tim',
    result: 'Nhịp xoang',
  });
  insert(db, 'visit_versions', {
    visit_id: IDS.visitAn,
    version: 2,
    snapshot: JSON.stringify({ visitOn: '2026-01-15', vitals: { systolic: 150, diastolic: 95 } }),
    changed_at: at,
    changed_by: IDS.doctor,
  });
  insert(db, 'ncd_registers', {
    person_id: IDS.an,
    register: 'hypertension',
    registered_on: '2026-01-15',
    source: 'visit',
  });
  insert(db, 'visits', {
    id: IDS.visitDuc,
    person_id: IDS.duc,
    visit_on: '2026-01-10',
    status: 'signed',
    version: 2,
    reason: 'Khám trẻ 4 tháng',
    weight_kg: 6.9,
    height_cm: 63.5,
    data: doc({ position: 'lying' }),
    examiner_id: IDS.doctor,
    examiner_name: 'Lê Thị Lan',
    signed_at: '2026-01-10T03:00:00.000Z',
    signed_by: IDS.doctor,
    created_at: '2026-01-10T02:40:00.000Z',
    updated_at: '2026-01-10T03:00:00.000Z',
  });
  insert(db, 'visits', {
    id: IDS.visitDao,
    person_id: IDS.dao,
    visit_on: '2026-01-15',
    status: 'draft',
    version: 1,
    reason: 'Ho kéo dài',
    temperature_c: 37.6,
    data: doc({ history: 'Ho 2 tuần, không sốt cao' }),
    examiner_id: IDS.doctor,
    examiner_name: 'Lê Thị Lan',
    created_at: '2026-01-15T02:30:00.000Z',
    updated_at: '2026-01-15T02:35:00.000Z',
  });
  db.prepare(`UPDATE persons SET last_visit_on = '2026-01-15' WHERE id = ?`).run(IDS.an);

  const reading = (id: string, row: Row) =>
    insert(db, 'measurements', { id, device: 'omron-serial-1', driver: 'omron-hem', raw: '', ...row });
  reading('4b5c6d7e-0000-4000-8000-000000000001', {
    kind: 'bp',
    data: JSON.stringify({ systolic: 150, diastolic: 95, pulse: 78, weightKg: null, heightCm: null }),
    measured_at: '2026-01-15T02:12:00.000Z',
    received_at: '2026-01-15T02:12:03.000Z',
    raw: '3032302c3135302c3935',
    status: 'attached',
    visit_id: IDS.visitAn,
    person_id: IDS.an,
    attached_at: '2026-01-15T02:13:00.000Z',
  });
  reading('4b5c6d7e-0000-4000-8000-000000000002', {
    device: 'scale-1',
    driver: 'tanita-bd',
    kind: 'weight',
    data: JSON.stringify({ systolic: null, diastolic: null, pulse: null, weightKg: 58.4, heightCm: null }),
    received_at: '2026-01-15T02:31:00.000Z',
    status: 'tray',
  });
  reading('4b5c6d7e-0000-4000-8000-000000000003', {
    kind: 'bp',
    data: JSON.stringify({ systolic: 210, diastolic: 40, pulse: 130, weightKg: null, heightCm: null }),
    measured_at: '2026-01-15T01:00:00.000Z',
    received_at: '2026-01-15T01:00:02.000Z',
    status: 'discarded',
  });
  audit(db, at, doctor, 'visit.sign', 'visit', IDS.visitAn, { version: 2 });
  audit(db, at, doctor, 'immunization.record', 'person', IDS.duc, { vaccine: 'DPT-VGB-HIB-1' });
  outbox(db, 'visit', IDS.visitAn, 2, at);
}

/** The port settings the app stores for every device (HID ones too, unused there). */
const PORT = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };

/** 0004: the station's remembered devices, and a reading from one of them. */
function devices(db: SqliteDatabase): void {
  const at = '2026-02-02T01:00:00.000Z';
  insert(db, 'devices', {
    id: IDS.bpMonitor,
    name: 'Máy đo huyết áp Omron HEM-7156T',
    role: 'bp',
    driver: 'omron-hem',
    transport: 'serial',
    match: JSON.stringify({
      vendorId: '0590',
      productId: '0028',
      serialNumber: 'OM123456',
      location: 'Port_#0002.Hub_#0001',
      path: 'COM3',
    }),
    port: JSON.stringify(PORT),
    created_at: at,
    updated_at: at,
  });
  insert(db, 'devices', {
    id: IDS.scanner,
    name: 'Đầu đọc mã 2D',
    role: 'scanner',
    driver: 'hid-pos',
    transport: 'hid',
    match: JSON.stringify({
      vendorId: '0c2e',
      productId: '0b61',
      serialNumber: null,
      location: null,
      path: null,
    }),
    port: JSON.stringify(PORT),
    pattern: '^\\d{12}\\|',
    enabled: 0,
    created_at: at,
    updated_at: at,
  });
  insert(db, 'measurements', {
    id: '4b5c6d7e-0000-4000-8000-000000000004',
    device: IDS.bpMonitor,
    driver: 'omron-hem',
    kind: 'bp',
    data: JSON.stringify({ systolic: 132, diastolic: 84, pulse: 70, weightKg: null, heightCm: null }),
    measured_at: '2026-02-02T01:05:00.000Z',
    received_at: '2026-02-02T01:05:02.000Z',
    status: 'tray',
  });
  audit(db, at, admin, 'device.save', 'device', IDS.bpMonitor);
}

/** 0006: a reading that remembers the exam open on screen when it arrived. */
function readingContext(db: SqliteDatabase): void {
  insert(db, 'measurements', {
    id: '4b5c6d7e-0000-4000-8000-000000000005',
    device: IDS.bpMonitor,
    driver: 'omron-hem',
    kind: 'bp',
    data: JSON.stringify({ systolic: 128, diastolic: 82, pulse: 88, weightKg: null, heightCm: null }),
    measured_at: '2026-03-02T02:01:00.000Z',
    received_at: '2026-03-02T02:01:02.000Z',
    status: 'tray',
    arrived_during_visit_id: IDS.visitDao,
  });
}

/** 0007: a child registered with a landline and a mobile for each parent and the caregiver. */
function partAMore(db: SqliteDatabase): void {
  const at = '2026-03-10T03:00:00.000Z';
  insert(db, 'persons', {
    pk: 7,
    id: IDS.thu,
    household_id: IDS.household2,
    full_name: 'Võ Thị Thu',
    name_folded: 'vo thi thu',
    sex: 'F',
    birth_date: '2024-06-30',
    birth_year: 2024,
    village: 'Tổ 7',
    created_at: at,
    updated_at: at,
    relation_to_head: 'Chắt',
    ethnicity_code: '01',
    mother_name: 'Trần Thị Ngọc',
    mother_phone: '0903123123',
    mother_landline: '02437654321',
    father_name: 'Võ Văn Tâm',
    father_phone: '0904456456',
    father_landline: '02437654321',
    caregiver_name: 'Trần Thị Bích Đào',
    caregiver_relation: 'Bà cố',
    caregiver_landline: '02437654321',
  });
  audit(db, at, admin, 'person.create', 'person', IDS.thu);
  outbox(db, 'person', IDS.thu, 1, at);
}

/** 0008: the baby's open doses, as the refresher computed them. */
function immunizationDue(db: SqliteDatabase): void {
  insert(db, 'immunization_due', {
    person_id: IDS.duc,
    next_due_on: '2025-12-05',
    doses: JSON.stringify([
      { code: 'DPT-VGB-HIB-2', name: 'DPT-VGB-Hib mũi 2', due: '2025-12-05', tooLate: null },
      { code: 'IPV-1', name: 'IPV mũi 1', due: '2026-04-03', tooLate: null },
    ]),
    computed_at: '2026-03-12T00:00:00.000Z',
  });
}

/** 0019: Đào's draft records a treatment, a medicine and a referral. */
function visitTreatment(db: SqliteDatabase): void {
  db.prepare(
    `UPDATE visits SET treatment_method = 'drugs', treatment_note = 'Uống sau ăn', referral_to = 'TTYT huyện', referral_reason = 'Đau ngực' WHERE id = ?`,
  ).run(IDS.visitDao);
  insert(db, 'visit_medicines', {
    visit_id: IDS.visitDao,
    seq: 0,
    name: 'Paracetamol 500 mg',
    dose: '1 viên × 3 lần/ngày',
    days: 3,
  });
}

/** 0022: a school campaign with Thu on its roster, not yet examined. */
function campaigns(db: SqliteDatabase): void {
  const at = '2026-09-10T02:00:00.000Z';
  insert(db, 'campaigns', {
    id: IDS.campaign,
    kind: 'school',
    name: 'Khám sức khỏe học sinh lớp 1',
    place: 'Trường Tiểu học Đông',
    starts_on: '2026-09-10',
    ends_on: '2026-09-12',
    measures: '["anthropometry","vision"]',
    classes: '["1A"]',
    created_at: at,
    created_by: IDS.doctor,
  });
  insert(db, 'campaign_roster', {
    campaign_id: IDS.campaign,
    person_id: IDS.thu,
    seq: 1,
    class_name: '1A',
    visit_id: null,
    added_at: at,
  });
}

/** The rows each era writes, by the step that opened it (eras that only add indexes write none). */
export const ERA_ROWS: Readonly<Record<string, (db: SqliteDatabase) => void>> = {
  '0001_foundation': foundation,
  '0002_registry': registry,
  '0003_record': record,
  '0004_devices': devices,
  '0006_reading_context': readingContext,
  '0007_part_a_more': partAMore,
  '0008_immunization_due': immunizationDue,
  '0019_visit_treatment': visitTreatment,
  '0022_campaigns': campaigns,
};
