/**
 * The audit trail as a person reads it: who (name and role), what (in Vietnamese), to whom (the
 * resident's name and birth year, the account, the household, the device) and the particulars
 * (the visit's date, the reason for a correction). The trail itself stores identifiers; they are
 * turned into names here, one query per kind for a whole page, and only for what the reader may
 * see: a resident's name needs `persons.read`, a visit's date `records.read`.
 */
import { PERMISSIONS, ROLE_LABELS, type Permission, type Role } from '#contract/permissions.ts';
import type { CoreContext } from '../context.ts';
import type { AuditRow } from '../db/schema.ts';
import { auditActionLabel, CLI_OPERATOR_ID, CLI_OPERATOR_ROLE, cliOperatorLabel } from './labels.ts';

export interface AuditView {
  /** Null for the system, or for a sign-in attempt (nobody was signed in). */
  who: { name: string; role: string } | null;
  what: string;
  /** `personId` lets the screen filter on the resident; it is never shown. */
  target: { label: string; personId: string | null } | null;
  detail: string;
}

type Details = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** "2024-03-05" → "05/03/2024" (a year alone stays a year). */
const vnDate = (iso: unknown): string | null => {
  const s = text(iso);
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})/.exec(s) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : s && /^\d{4}$/.test(s) ? s : null;
};

const PERSON_FIELDS: Record<string, string> = {
  fullName: 'họ tên',
  sex: 'giới tính',
  birthDate: 'ngày sinh',
  householdId: 'hộ gia đình',
  relationToHead: 'quan hệ với chủ hộ',
  bloodAbo: 'nhóm máu',
  bloodRh: 'nhóm máu Rh',
  birthProvinceCode: 'nơi sinh',
  ethnicityCode: 'dân tộc',
  nationality: 'quốc tịch',
  religion: 'tôn giáo',
  occupation: 'nghề nghiệp',
  identifiers: 'giấy tờ tùy thân',
  permanentAddress: 'địa chỉ thường trú',
  currentAddress: 'nơi ở hiện tại',
  phoneMobile: 'điện thoại di động',
  phoneLandline: 'điện thoại cố định',
  email: 'email',
  mother: 'thông tin mẹ',
  father: 'thông tin bố',
  caregiver: 'người chăm sóc',
  shareConsent: 'đồng ý chia sẻ',
};
const VISIT_FIELDS: Record<string, string> = {
  visitOn: 'ngày khám',
  reason: 'lý do khám',
  history: 'bệnh sử',
  vitals: 'chỉ số sinh tồn',
  vision: 'thị lực',
  exam: 'khám bệnh',
  labs: 'cận lâm sàng',
  diagnoses: 'chẩn đoán',
  conclusion: 'kết luận',
  counselling: 'tư vấn',
  followUpOn: 'ngày hẹn tái khám',
};
const HISTORY_SECTIONS: Record<string, string> = {
  birth: 'tình trạng lúc sinh',
  risks: 'yếu tố nguy cơ',
  allergies: 'dị ứng',
  diseases: 'bệnh tật',
  disabilities: 'khuyết tật',
  surgery: 'phẫu thuật',
  family: 'tiền sử gia đình',
  reproductive: 'sức khỏe sinh sản',
};
const DEVICE_ROLES: Record<string, string> = {
  scanner: 'đầu đọc mã',
  bp: 'máy đo huyết áp',
  scale: 'cân',
  height: 'thước đo chiều cao',
  'scale-height': 'cân kèm thước đo',
};
const MEASUREMENT_KINDS: Record<string, string> = { bp: 'huyết áp', weight: 'cân nặng', height: 'chiều cao' };
const LOGIN_FAILURES: Record<string, string> = {
  password: 'Sai mật khẩu',
  inactive: 'Tài khoản đã ngừng hoạt động',
};

/** Names the listed labels it knows, in order ("Sửa: họ tên, ngày sinh và 1 mục khác"). */
function listOf(keys: unknown, labels: Record<string, string>): string {
  const all = Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
  const known = all.filter((k) => labels[k]).map((k) => labels[k]);
  const others = all.length - known.length;
  return [known.join(', '), others ? `${known.length ? 'và ' : ''}${others} mục khác` : '']
    .filter(Boolean)
    .join(' ');
}

/** The identifiers a page of entries mentions, looked up in one query per kind. */
class Names {
  readonly #ctx: CoreContext;
  readonly #can: ReadonlySet<Permission>;
  users = new Map<string, { username: string; full_name: string; role: Role }>();
  persons = new Map<string, { full_name: string; birth_date: string }>();
  households = new Map<string, string>();
  visits = new Map<string, string>();
  devices = new Map<string, string>();
  measurements = new Map<string, string>();
  vaccines = new Map<string, string>();
  station: { code: string; name: string } | undefined;

  constructor(
    ctx: CoreContext,
    can: ReadonlySet<Permission>,
    rows: readonly { row: AuditRow; d: Details }[],
  ) {
    this.#ctx = ctx;
    this.#can = can;
    const ids = {
      persons: new Set<string>(),
      households: new Set<string>(),
      visits: new Set<string>(),
      devices: new Set<string>(),
      measurements: new Set<string>(),
    };
    const add = (set: Set<string>, v: unknown) => typeof v === 'string' && v && set.add(v);
    for (const { row, d } of rows) {
      if (row.entity === 'person') add(ids.persons, row.entity_id);
      if (row.entity === 'household') add(ids.households, row.entity_id);
      add(ids.persons, d.mergedId);
      add(ids.persons, d.personId);
      add(ids.households, d.from);
      add(ids.households, d.to);
      add(ids.visits, d.visitId);
      add(ids.devices, d.deviceId);
      add(ids.measurements, d.measurementId);
    }
    for (const u of this.#all<{ id: string; username: string; full_name: string; role: Role }>(
      'SELECT id, username, full_name, role FROM users',
      null,
    ))
      this.users.set(u.id, u);
    if (can.has('persons.read')) {
      for (const p of this.#all<{ id: string; full_name: string; birth_date: string }>(
        'SELECT id, full_name, birth_date FROM persons',
        ids.persons,
      ))
        this.persons.set(p.id, p);
      for (const h of this.#all<{ id: string; code: string }>(
        'SELECT id, code FROM households',
        ids.households,
      ))
        this.households.set(h.id, h.code);
    }
    if (can.has('records.read')) {
      for (const v of this.#all<{ id: string; visit_on: string }>(
        'SELECT id, visit_on FROM visits',
        ids.visits,
      ))
        this.visits.set(v.id, v.visit_on);
      for (const m of this.#all<{ id: string; kind: string }>(
        'SELECT id, kind FROM measurements',
        ids.measurements,
      ))
        this.measurements.set(m.id, m.kind);
      for (const v of this.#all<{ code: string; name: string | null }>(
        "SELECT code, json_extract(data, '$.name') AS name FROM vaccines",
        null,
      ))
        if (v.name) this.vaccines.set(v.code, v.name);
    }
    for (const dv of this.#all<{ id: string; name: string }>('SELECT id, name FROM devices', ids.devices))
      this.devices.set(dv.id, dv.name);
    this.station = this.#all<{ code: string; name: string }>('SELECT code, name FROM station', null)[0];
  }

  /** All rows, or those whose id is in `ids` (bound as one JSON array). */
  #all<T>(select: string, ids: Set<string> | null): T[] {
    if (ids === null) return this.#ctx.store.prepare(select).all() as T[];
    if (ids.size === 0) return [];
    return this.#ctx.store
      .prepare(`${select} WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify([...ids])) as T[];
  }

  person(id: unknown): string {
    if (!this.#can.has('persons.read')) return 'Một người dân (không có quyền xem tên)';
    const p = typeof id === 'string' ? this.persons.get(id) : undefined;
    return p ? `${p.full_name} (${p.birth_date.slice(0, 4)})` : 'Người dân không còn trong danh sách';
  }

  household(id: unknown): string | null {
    const code = typeof id === 'string' ? this.households.get(id) : undefined;
    return code ? `hộ ${code}` : null;
  }

  visitDay(id: unknown): string | null {
    const on = typeof id === 'string' ? this.visits.get(id) : undefined;
    return on ? `Lượt khám ngày ${vnDate(on)}` : null;
  }

  vaccine(code: unknown): string {
    const c = text(code) ?? '';
    return this.vaccines.get(c) ?? c;
  }
}

function who(row: AuditRow, names: Names): AuditView['who'] {
  // A failed sign-in names the account that was tried, not someone who proved who they are.
  if (!row.user_id || row.action === 'auth.login.failed') return null;
  if (row.user_id === CLI_OPERATOR_ID)
    return { name: cliOperatorLabel(row.username), role: CLI_OPERATOR_ROLE };
  const u = names.users.get(row.user_id);
  return u
    ? { name: u.full_name, role: ROLE_LABELS[u.role] ?? '' }
    : { name: row.username ?? 'Tài khoản không còn', role: '' };
}

function target(row: AuditRow, d: Details, names: Names): AuditView['target'] {
  const id = row.entity_id;
  // Signing in or out of one's own account: the "who" column already says whose.
  if (
    row.entity === 'user' &&
    id === row.user_id &&
    (row.action === 'auth.login' || row.action === 'auth.logout')
  )
    return null;
  switch (row.entity) {
    case 'person':
      return { label: names.person(id), personId: id };
    case 'user': {
      const u = id ? names.users.get(id) : undefined;
      return { label: `Tài khoản ${u?.full_name ?? text(d.username) ?? 'không còn'}`, personId: null };
    }
    case 'household': {
      const h = names.household(id);
      return { label: h ? h.replace(/^hộ/, 'Hộ') : 'Một hộ gia đình', personId: null };
    }
    case 'station':
      return {
        label: names.station?.code === id ? names.station.name : `Trạm ${id ?? ''}`.trim(),
        personId: null,
      };
  }
  if (row.action.startsWith('device.')) {
    const name = typeof d.deviceId === 'string' ? names.devices.get(d.deviceId) : undefined;
    const role = text(d.role) ? DEVICE_ROLES[d.role as string] : undefined;
    return {
      label: name ? `Thiết bị ${name}` : role ? `Thiết bị: ${role}` : 'Một thiết bị đã gỡ',
      personId: null,
    };
  }
  if (row.action === 'measurement.discard') {
    const kind = typeof d.measurementId === 'string' ? names.measurements.get(d.measurementId) : undefined;
    return {
      label: kind ? `Số đo ${MEASUREMENT_KINDS[kind] ?? kind}` : 'Một số đo từ thiết bị',
      personId: null,
    };
  }
  return null;
}

function detail(row: AuditRow, d: Details, names: Names): string {
  const reason = text(d.reason);
  switch (row.action) {
    case 'visit.start':
    case 'visit.draft':
    case 'visit.sign':
    case 'visit.discard':
      return names.visitDay(d.visitId) ?? '';
    case 'measurement.apply':
      return [names.visitDay(d.visitId), d.stale ? 'số đo đo từ lâu, đã xác nhận' : null]
        .filter(Boolean)
        .join('; ');
    case 'visit.amend':
      return [
        names.visitDay(d.visitId),
        listOf(d.fields, VISIT_FIELDS) && `sửa: ${listOf(d.fields, VISIT_FIELDS)}`,
        reason && `lý do: ${reason}`,
      ]
        .filter(Boolean)
        .join('; ');
    case 'person.create':
    case 'person.update': {
      const fields = row.action === 'person.update' ? listOf(d.fields, PERSON_FIELDS) : '';
      const line = num(d.line);
      return [
        fields && `Sửa: ${fields}`,
        d.importId ? `Khi nhập danh sách${line ? `, dòng ${line}` : ''}` : null,
      ]
        .filter(Boolean)
        .join('; ');
    }
    case 'person.merge':
      return `Gộp hồ sơ ${names.person(d.mergedId)} vào hồ sơ này`;
    case 'person.status.active':
    case 'person.status.moved':
    case 'person.status.deceased':
      return vnDate(d.date) ? `Ngày ${vnDate(d.date)}` : '';
    case 'household.create':
      return d.importId ? 'Khi nhập danh sách' : '';
    case 'household.move': {
      const from = names.household(d.from);
      const to = names.household(d.to);
      return [from && `Từ ${from}`, to && `sang ${to}`].filter(Boolean).join(' ');
    }
    case 'household.head':
      return `Chủ hộ mới: ${names.person(d.personId)}`;
    case 'history.save':
      return listOf(d.sections, HISTORY_SECTIONS) ? `Mục: ${listOf(d.sections, HISTORY_SECTIONS)}` : '';
    case 'immunization.record':
      return Array.isArray(d.doses) ? `Vắc xin: ${d.doses.map((c) => names.vaccine(c)).join(', ')}` : '';
    case 'immunization.remove':
      return [
        `${names.vaccine(d.vaccine_code)} ngày ${vnDate(d.given_on) ?? '?'}`,
        reason && `lý do: ${reason}`,
      ]
        .filter(Boolean)
        .join('; ');
    case 'immunization.correct': {
      const dose = (v: unknown) => {
        const x = (v && typeof v === 'object' ? v : {}) as Details;
        return `${names.vaccine(x.vaccineCode)} ngày ${vnDate(x.givenOn) ?? '?'}`;
      };
      return [`${dose(d.before)} → ${dose(d.after)}`, reason && `lý do: ${reason}`]
        .filter(Boolean)
        .join('; ');
    }
    case 'user.create':
      return ROLE_LABELS[d.role as Role] ? `Vai trò: ${ROLE_LABELS[d.role as Role]}` : '';
    case 'user.update':
      return [
        ROLE_LABELS[d.role as Role] ? `Vai trò: ${ROLE_LABELS[d.role as Role]}` : null,
        d.active === false ? 'Ngừng hoạt động' : d.active === true ? 'Đang hoạt động' : null,
        d.passwordReset ? 'Đặt lại mật khẩu' : null,
      ]
        .filter(Boolean)
        .join('; ');
    case 'auth.login.failed':
      if (d.reason === 'unknown-user') return `Tên đăng nhập không có: «${text(d.username) ?? ''}»`;
      return [LOGIN_FAILURES[d.reason as string] ?? '', d.lockedOut ? 'tài khoản bị tạm khóa' : '']
        .filter(Boolean)
        .join('; ');
    case 'access.denied': {
      const needs = d.needs as Permission;
      return `Cần quyền «${PERMISSIONS[needs] ?? 'khác'}»`;
    }
    case 'persons.export':
      return num(d.rows) !== null ? `${num(d.rows)} người` : '';
    case 'import.commit': {
      const parts = [
        num(d.created) !== null && `${num(d.created)} người mới`,
        num(d.updated) !== null && `${num(d.updated)} cập nhật`,
      ];
      return [text(d.file) && `Tệp ${text(d.file)}`, parts.filter(Boolean).join(', ')]
        .filter(Boolean)
        .join(': ');
    }
    case 'device.add':
    case 'device.update':
      return DEVICE_ROLES[d.role as string] ? `Loại: ${DEVICE_ROLES[d.role as string]}` : '';
    case 'seed.generate':
      return num(d.persons) !== null ? `${num(d.persons)} người` : '';
  }
  return '';
}

function parseDetails(json: string): Details {
  try {
    const d: unknown = JSON.parse(json);
    return d && typeof d === 'object' && !Array.isArray(d) ? (d as Details) : {};
  } catch {
    return {};
  }
}

/** Describes a page of entries for a reader holding these permissions. */
export function describeAudit(
  ctx: CoreContext,
  can: ReadonlySet<Permission>,
  rows: readonly AuditRow[],
): AuditView[] {
  const parsed = rows.map((row) => ({ row, d: parseDetails(row.details) }));
  const names = new Names(ctx, can, parsed);
  return parsed.map(({ row, d }) => ({
    who: who(row, names),
    what: auditActionLabel(row.action),
    target: target(row, d, names),
    detail: detail(row, d, names),
  }));
}
