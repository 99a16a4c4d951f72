/**
 * Roles and permissions. This is data, shared by the UI (to hide what a user cannot do) and the core
 * (which enforces it in the dispatcher — the UI hiding a button is never the check).
 */
export const PERMISSIONS = {
  'station.manage': 'Thiết lập trạm',
  'backups.manage': 'Sao lưu và phục hồi dữ liệu',
  'users.manage': 'Quản lý tài khoản',
  'audit.read': 'Xem nhật ký truy cập',
  'persons.read': 'Xem danh sách dân cư',
  'persons.write': 'Thêm, sửa thông tin hành chính',
  'persons.merge': 'Gộp hồ sơ trùng',
  'persons.import': 'Nhập danh sách dân cư',
  'persons.export': 'Xuất danh sách dân cư',
  'records.read': 'Xem hồ sơ sức khỏe',
  'records.write': 'Ghi tiền sử, tiêm chủng, khám bệnh',
  'visits.sign': 'Ký xác nhận lượt khám',
  'forms.print': 'In biểu mẫu',
  'sync.run': 'Đồng bộ lên tuyến trên',
  'reports.read': 'Xem báo cáo',
  'devices.use': 'Dùng thiết bị đo, đầu đọc',
  'devices.manage': 'Cấu hình thiết bị',
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ROLES = ['admin', 'clinician', 'clerk', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị',
  clinician: 'Bác sĩ / Y sĩ / Điều dưỡng',
  clerk: 'Văn thư / Nhập liệu',
  viewer: 'Chỉ xem',
};

const ALL = Object.keys(PERMISSIONS) as Permission[];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ALL,
  clinician: [
    'persons.read',
    'persons.write',
    'persons.merge',
    'records.read',
    'records.write',
    'visits.sign',
    'forms.print',
    'sync.run',
    'reports.read',
    'devices.use',
  ],
  clerk: [
    'persons.read',
    'persons.write',
    'persons.import',
    'persons.export',
    'records.read',
    'forms.print',
    'sync.run',
    'reports.read',
    'devices.use',
  ],
  viewer: ['persons.read', 'records.read', 'reports.read'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
