/**
 * What each audit action means, in the words Quản trị → Nhật ký truy cập shows. The trail stores a
 * short English verb ("visit.sign"); the screen never does. audit-labels.test.ts scans the code
 * for every action written and fails on one missing here. Labels stay after an action stops being
 * written: old entries still need them.
 */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  // Sign-in and the screen lock
  'auth.login': 'Đăng nhập',
  'auth.login.failed': 'Đăng nhập không thành công',
  'auth.logout': 'Đăng xuất',
  'auth.unlock': 'Mở khóa màn hình',
  'auth.unlock.failed': 'Mở khóa màn hình không thành công',
  'access.denied': 'Bị từ chối: không có quyền',
  // Accounts and the station
  'user.create': 'Tạo tài khoản',
  'user.update': 'Sửa tài khoản',
  'user.password.change': 'Tự đổi mật khẩu',
  'user.password.change.failed': 'Tự đổi mật khẩu không thành công',
  'station.setup': 'Thiết lập trạm lần đầu',
  'station.update': 'Sửa thông tin trạm',
  'backup.create': 'Sao lưu cơ sở dữ liệu',
  'backup.restore': 'Phục hồi từ bản sao lưu (ghi trước khi thay cơ sở dữ liệu)',
  'backup.restored': 'Cơ sở dữ liệu được phục hồi từ bản sao lưu',
  'backup.settings': 'Sửa lịch sao lưu',
  'db.rekey': 'Đổi khóa mã hóa cơ sở dữ liệu (mã khôi phục cũ hết hiệu lực)',
  'db.recoveryKey.show': 'Xem mã khôi phục để in',
  // Residents (part A) and households
  'person.read': 'Xem thông tin hành chính',
  'person.create': 'Đăng ký người dân',
  'person.update': 'Sửa thông tin hành chính',
  'person.merge': 'Gộp hồ sơ trùng',
  'person.status.active': 'Ghi nhận đang cư trú trở lại',
  'person.status.moved': 'Ghi nhận chuyển đi',
  'person.status.deceased': 'Ghi nhận tử vong',
  'persons.export': 'Xuất danh sách dân cư',
  'import.commit': 'Nhập danh sách dân cư',
  'household.create': 'Tạo hộ gia đình',
  'household.move': 'Chuyển sang hộ khác',
  'household.head': 'Đổi chủ hộ',
  // The health record (parts B–D)
  'record.read': 'Xem hồ sơ sức khỏe',
  'visit.read': 'Xem một lượt khám',
  'growth.read': 'Xem biểu đồ tăng trưởng',
  'history.save': 'Ghi tiền sử, yếu tố nguy cơ',
  'immunization.record': 'Ghi mũi tiêm chủng',
  'immunization.correct': 'Sửa mũi tiêm chủng',
  'immunization.remove': 'Xóa mũi tiêm chủng',
  // A child's vitamin A and deworming doses (issue 14)
  'supplement.read': 'Xem liều vitamin A, tẩy giun',
  'supplement.record': 'Ghi liều vitamin A, tẩy giun',
  'supplement.remove': 'Xóa liều vitamin A, tẩy giun',
  // Pregnancy management and family planning (issue 14)
  'pregnancy.read': 'Xem thai sản, kế hoạch hóa gia đình',
  'pregnancy.open': 'Ghi nhận thai kỳ',
  'pregnancy.update': 'Sửa thông tin thai kỳ',
  'pregnancy.visit': 'Ghi lần khám thai',
  'pregnancy.close': 'Ghi kết quả thai kỳ',
  'family-planning.save': 'Ghi biện pháp tránh thai',
  // The vaccine catalogue and the due list (issue 14)
  'vaccine.retire': 'Ngừng dùng vắc xin',
  'vaccine.restore': 'Dùng lại vắc xin',
  'vaccine.regional.on': 'Bật vắc xin triển khai theo tỉnh',
  'vaccine.regional.off': 'Tắt vắc xin triển khai theo tỉnh',
  'immunization.dueList': 'Xem danh sách đến hạn tiêm chủng',
  'immunization.dueList.export': 'Xuất danh sách đến hạn tiêm chủng',
  'immunization.dueList.print': 'In danh sách mời tiêm chủng',
  // Reports
  'reports.worklist': 'Xem danh sách trong báo cáo',
  'reports.worklist.export': 'Xuất danh sách trong báo cáo',
  'reports.worklist.print': 'In danh sách trong báo cáo',
  'reports.population.set': 'Nhập dân số chính thức của xã',
  'visit.start': 'Mở lượt khám',
  'visit.draft': 'Lưu nháp lượt khám',
  'visit.sign': 'Ký lượt khám',
  'visit.amend': 'Sửa lượt khám đã ký',
  'visit.discard': 'Hủy bản nháp lượt khám',
  // Screening campaigns
  'campaign.create': 'Tạo đợt khám sàng lọc',
  'campaign.roster': 'Thêm người vào danh sách đợt khám',
  'campaign.exam': 'Lưu kết quả khám trong đợt khám',
  // Devices and their readings
  'measurement.apply': 'Dùng số đo từ thiết bị',
  'measurement.discard': 'Bỏ số đo từ thiết bị',
  'device.add': 'Thêm thiết bị',
  'device.update': 'Sửa cấu hình thiết bị',
  'device.remove': 'Gỡ thiết bị',
  // Forms and printing
  'form.preview': 'Xem trước biểu mẫu',
  'form.save': 'Lưu biểu mẫu thành tệp PDF',
  'form.print': 'In biểu mẫu',
  'form.batch': 'In biểu mẫu theo lô',
  'forms.settings': 'Sửa thiết lập in ấn',
  // Upload to the provincial repository, and the resident's consent to share
  'upstream.run': 'Gửi dữ liệu lên tuyến trên',
  'upstream.settings': 'Sửa thiết lập gửi dữ liệu lên tuyến trên',
  'person.consent': 'Ghi nhận ý kiến đồng ý chia sẻ hồ sơ',
  // Operations
  'seed.generate': 'Tạo dữ liệu mẫu',
  // The audit viewer (issue 12, point 5)
  'audit.export': 'Xuất nhật ký truy cập ra tệp Excel',
  'register.a1.read': 'Xem sổ khám bệnh (A1)',
  'register.a1.export': 'Xuất sổ khám bệnh (A1) ra tệp Excel',
  'register.monthly.read': 'Xem báo cáo tháng',
  'register.monthly.export': 'Xuất báo cáo tháng ra tệp Excel',
};

export function auditActionLabel(action: string): string {
  return Object.hasOwn(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action] : 'Thao tác khác';
}

/**
 * The CLI operator: whoever runs an `hssk` command that changes data (they hold the database key).
 * Not an account, so the trail names them by their operating-system user: user id `cli`, name
 * `cli:<OS user>`; the screen shows "Dòng lệnh (<OS user>)".
 */
export const CLI_OPERATOR_ID = 'cli';
export const CLI_OPERATOR_ROLE = 'Người vận hành (lệnh hssk)';

export function cliOperatorUsername(osUser: string): string {
  return `cli:${osUser}`;
}

/** "cli:hoa" → "Dòng lệnh (hoa)"; entries written before the name was kept say "Dòng lệnh". */
export function cliOperatorLabel(username: string | null): string {
  const osUser = username?.startsWith('cli:') ? username.slice(4).trim() : '';
  return osUser ? `Dòng lệnh (${osUser})` : 'Dòng lệnh';
}
