/**
 * The Vietnamese name (and unit) of every field an operation takes, so a refused input is always
 * reported as "Cân nặng phải từ 0,3 đến 350 kg", never as a schema path or zod's own words.
 *
 * Keys are input paths with list positions and free record keys written `*`. A path is looked up
 * whole, then with its leading segments dropped one by one (`visit.vitals.weightKg` →
 * `vitals.weightKg` → `weightKg`), so shared leaf names (`id`, `version`, `reason`) need one entry.
 * `field-labels.test.ts` walks every operation's input and fails on a field with no name here.
 */
import { VITAL_TEXT } from './clinical/vitals.ts';
import { EXAM_ITEM_NAMES } from './ops/record.ts';

export interface FieldText {
  label: string;
  /** Unit of a number, as printed after it ("kg", "mmHg", "g"). */
  unit?: string;
}

const vitals = Object.fromEntries(Object.entries(VITAL_TEXT).map(([k, v]) => [`visit.vitals.${k}`, v]));

const address = (prefix: string, which: string): Record<string, string> => ({
  [`${prefix}.text`]: `Địa chỉ ${which}`,
  [`${prefix}.provinceCode`]: `Tỉnh/thành phố (địa chỉ ${which})`,
  [`${prefix}.communeCode`]: `Xã/phường (địa chỉ ${which})`,
  [`${prefix}.village`]: `Thôn/xóm/tổ dân phố (địa chỉ ${which})`,
  [`${prefix}.street`]: `Số nhà, đường (địa chỉ ${which})`,
});

const FAMILY: Record<string, string> = {
  cardio: 'Tim mạch',
  hypertension: 'Tăng huyết áp',
  mental: 'Tâm thần',
  asthma: 'Hen suyễn',
  diabetes: 'Đái tháo đường',
  epilepsy: 'Động kinh',
  cancer: 'Ung thư',
  tuberculosis: 'Lao',
  other: 'Bệnh khác',
};
const ALLERGY: Record<string, string> = {
  drugs: 'thuốc',
  chemicals: 'hóa chất, mỹ phẩm',
  food: 'thực phẩm',
  other: 'khác',
};
const DISABILITY: Record<string, string> = {
  hearing: 'Khuyết tật thính lực',
  vision: 'Khuyết tật thị lực',
  arms: 'Khuyết tật tay',
  legs: 'Khuyết tật chân',
  spine: 'Cong vẹo cột sống',
  cleft: 'Khe hở môi, vòm miệng',
  other: 'Khuyết tật khác',
};
const EXAM: Record<string, string> = EXAM_ITEM_NAMES;
const prefixed = (prefix: string, names: Record<string, string>, f: (n: string) => string = (n) => n) =>
  Object.fromEntries(Object.entries(names).map(([k, v]) => [`${prefix}.${k}`, f(v)]));

const LABELS: Record<string, string | FieldText> = {
  /* Shared leaves */
  id: 'Mã bản ghi',
  version: 'Phiên bản bản ghi',
  personId: 'Người dân',
  visitId: 'Lượt khám',
  householdId: 'Hộ gia đình',
  headPersonId: 'Chủ hộ',
  toHouseholdId: 'Hộ chuyển đến',
  survivorId: 'Hồ sơ giữ lại',
  mergedId: 'Hồ sơ gộp vào',
  excludeId: 'Hồ sơ loại trừ',
  entityId: 'Đối tượng',
  userId: 'Tài khoản',
  importId: 'Lần nhập',
  /* Screening campaigns (ops/campaigns.ts) */
  campaignId: 'Đợt khám',
  // Shared by campaigns.create (the campaign's kind) and reports.worklist (which list).
  kind: 'Loại (đợt khám, danh sách)',
  startsOn: 'Từ ngày',
  endsOn: 'Đến ngày',
  'measures.*': 'Nội dung khám',
  'classes.*': 'Lớp',
  className: 'Lớp',
  ageFrom: { label: 'Tuổi từ', unit: 'tuổi' },
  ageTo: { label: 'Tuổi đến', unit: 'tuổi' },
  'personIds.*': 'Người dân',
  'elsewhere.place': 'Nơi khám',
  templateId: 'Mẫu ghép cột',
  reason: 'Lý do',
  note: 'Ghi chú',
  q: 'Nội dung tìm',
  text: 'Nội dung',
  limit: 'Số dòng',
  offset: 'Vị trí bắt đầu',
  beforeSeq: 'Vị trí trong nhật ký',
  date: 'Ngày',
  status: 'Tình trạng',
  sort: 'Cách sắp xếp',
  code: 'Mã',
  name: 'Tên',
  active: 'Đang dùng',
  enabled: 'Bật',
  village: 'Thôn/xóm',
  address: 'Địa chỉ',
  phone: 'Số điện thoại',
  provinceCode: 'Tỉnh/thành phố',
  fullName: 'Họ và tên',
  relationToHead: 'Quan hệ với chủ hộ',
  confirmSimilar: 'Xác nhận không trùng người',
  confirmStale: 'Xác nhận số đo cũ',
  confirmNoExam: 'Xác nhận số đo khi chưa mở lượt khám',
  view: 'Danh sách dòng',
  register: 'Sổ quản lý',
  indicator: 'Chỉ số tăng trưởng',
  what: 'Loại dữ liệu',
  vaccine: 'Vắc xin',
  sex: 'Giới tính',
  ageYears: { label: 'Tuổi', unit: 'tuổi' },
  from: 'Từ ngày',
  to: 'Đến ngày',
  'take.*': 'Trường giữ lại khi gộp',
  'values.*': 'Giá trị',
  /* Station, accounts */
  'station.code': 'Mã cơ sở khám chữa bệnh',
  'station.name': 'Tên trạm',
  'station.provinceCode': 'Tỉnh/thành phố của trạm',
  'station.communeCode': 'Xã/phường của trạm',
  'admin.fullName': 'Họ và tên quản trị viên',
  'admin.username': 'Tên đăng nhập',
  'admin.password': 'Mật khẩu',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  currentPassword: 'Mật khẩu hiện tại',
  newPassword: 'Mật khẩu mới',
  role: 'Vai trò',
  bpScheme: 'Cách phân độ huyết áp',
  idleLockMinutes: { label: 'Thời gian tự khóa màn hình', unit: 'phút' },
  updateUrl: 'Địa chỉ cập nhật phần mềm',
  /* Part A */
  'person.fullName': 'Họ và tên',
  'person.sex': 'Giới tính',
  'person.birthDate': 'Ngày sinh',
  'person.householdId': 'Hộ gia đình',
  'newHousehold.code': 'Mã hộ gia đình',
  'newHousehold.village': 'Thôn/xóm của hộ',
  'newHousehold.address': 'Địa chỉ của hộ',
  'person.relationToHead': 'Quan hệ với chủ hộ',
  'person.bloodAbo': 'Nhóm máu ABO',
  'person.bloodRh': 'Nhóm máu Rh',
  'person.birthProvinceCode': 'Nơi đăng ký khai sinh (tỉnh/thành phố)',
  'person.ethnicityCode': 'Dân tộc',
  'person.nationality': 'Quốc tịch',
  'person.religion': 'Tôn giáo',
  'person.occupation': 'Nghề nghiệp',
  'person.identifiers.*.kind': 'Loại giấy tờ',
  'person.identifiers.*.value': 'Số giấy tờ',
  'person.identifiers.*.issuedOn': 'Ngày cấp',
  'person.identifiers.*.issuedBy': 'Nơi cấp',
  'person.identifiers.*.validFrom': 'Giá trị từ ngày',
  'person.identifiers.*.validTo': 'Giá trị đến ngày',
  ...address('person.permanentAddress', 'thường trú'),
  ...address('person.currentAddress', 'hiện tại'),
  'person.phoneMobile': 'Điện thoại di động',
  'person.phoneLandline': 'Điện thoại cố định',
  'person.email': 'E-mail',
  'person.mother.name': 'Họ tên mẹ',
  'person.mother.phone': 'Điện thoại di động của mẹ',
  'person.mother.landline': 'Điện thoại cố định của mẹ',
  'person.father.name': 'Họ tên bố',
  'person.father.phone': 'Điện thoại di động của bố',
  'person.father.landline': 'Điện thoại cố định của bố',
  'person.caregiver.name': 'Họ tên người chăm sóc',
  'person.caregiver.phone': 'Điện thoại di động người chăm sóc',
  'person.caregiver.landline': 'Điện thoại cố định người chăm sóc',
  'person.caregiver.relation': 'Quan hệ của người chăm sóc',
  'person.shareConsent': 'Đồng ý chia sẻ hồ sơ',
  'filters.village': 'Thôn/xóm',
  'filters.sex': 'Giới tính',
  'filters.ageBand': 'Nhóm tuổi',
  'filters.status': 'Tình trạng',
  'filters.examinedThisYear': 'Đã khám trong năm',
  'options.similar': 'Cách xử lý người giống nhau',
  'options.janFirstIsYearOnly': 'Coi ngày 01/01 là chỉ biết năm sinh',
  /* A card read by a scanner */
  'card.kind': 'Loại thẻ',
  'card.fullName': 'Họ và tên trên thẻ',
  'card.sex': 'Giới tính trên thẻ',
  'card.birthDate': 'Ngày sinh trên thẻ',
  'card.cccd': 'Số CCCD trên thẻ',
  'card.cmnd': 'Số CMND trên thẻ',
  'card.address': 'Địa chỉ trên thẻ',
  'card.issuedOn': 'Ngày cấp thẻ',
  'card.bhyt.number': 'Số thẻ BHYT',
  'card.bhyt.facility': 'Nơi đăng ký khám chữa bệnh ban đầu',
  'card.bhyt.validFrom': 'BHYT có giá trị từ',
  'card.bhyt.validTo': 'BHYT có giá trị đến',
  /* Part B */
  'history.birth.delivery': 'Đẻ thường / đẻ mổ',
  'history.birth.premature': 'Đẻ thiếu tháng',
  'history.birth.asphyxia': 'Bị ngạt lúc đẻ',
  'history.birth.birthWeightG': { label: 'Cân nặng lúc đẻ', unit: 'g' },
  'history.birth.birthLengthCm': { label: 'Chiều dài lúc đẻ', unit: 'cm' },
  'history.birth.congenital': 'Dị tật bẩm sinh',
  'history.birth.other': 'Vấn đề khác khi sinh',
  'history.risks.smoking': 'Hút thuốc lá, lào',
  'history.risks.alcohol': 'Uống rượu bia',
  'history.risks.alcoholCupsPerDay': { label: 'Số cốc rượu bia mỗi ngày', unit: 'cốc/ngày' },
  'history.risks.drugs': 'Sử dụng ma túy',
  'history.risks.physicalActivity': 'Hoạt động thể lực',
  'history.risks.exposure': 'Yếu tố tiếp xúc nghề nghiệp, môi trường',
  'history.risks.exposureDuration': 'Thời gian tiếp xúc',
  'history.risks.latrine': 'Loại hố xí',
  'history.risks.other': 'Nguy cơ khác',
  ...prefixed('history.allergies', ALLERGY, (n) => `Dị ứng ${n}`),
  'history.diseases.codes.*': 'Bệnh đã mắc',
  'history.diseases.cancer': 'Ung thư',
  'history.diseases.tuberculosis': 'Lao',
  'history.diseases.other': 'Bệnh khác',
  ...prefixed('history.disabilities', DISABILITY),
  'history.surgery': 'Tiền sử phẫu thuật',
  ...Object.fromEntries(
    Object.entries(ALLERGY).flatMap(([k, v]) => [
      [`history.family.allergies.${k}.what`, `Gia đình dị ứng ${v}`],
      [`history.family.allergies.${k}.who`, `Người trong gia đình dị ứng ${v}`],
    ]),
  ),
  ...prefixed('history.family.diseases', FAMILY, (n) => `Gia đình có người mắc: ${n}`),
  'history.reproductive.contraception': 'Biện pháp tránh thai',
  'history.reproductive.lastPregnancy': 'Kỳ có thai cuối cùng',
  'history.reproductive.pregnancies': { label: 'Số lần có thai', unit: 'lần' },
  'history.reproductive.miscarriages': { label: 'Số lần sẩy thai', unit: 'lần' },
  'history.reproductive.abortions': { label: 'Số lần phá thai', unit: 'lần' },
  'history.reproductive.births': { label: 'Số lần sinh con', unit: 'lần' },
  'history.reproductive.normalBirths': { label: 'Số lần đẻ thường', unit: 'lần' },
  'history.reproductive.caesareans': { label: 'Số lần đẻ mổ', unit: 'lần' },
  'history.reproductive.difficultBirths': { label: 'Số lần đẻ khó', unit: 'lần' },
  'history.reproductive.termBirths': { label: 'Số lần đẻ đủ tháng', unit: 'lần' },
  'history.reproductive.pretermBirths': { label: 'Số lần đẻ non', unit: 'lần' },
  'history.reproductive.livingChildren': { label: 'Số con hiện sống', unit: 'con' },
  'history.reproductive.gynecological': 'Bệnh phụ khoa',
  'history.other': 'Vấn đề khác',
  'history.motherTetanusDoses': { label: 'Số mũi uốn ván mẹ đã tiêm', unit: 'mũi' },
  /* Pregnancy and family planning (issue 14) */
  'episode.lmp': 'Ngày đầu kỳ kinh cuối',
  'episode.edd': 'Ngày dự sinh',
  'episode.gravida': { label: 'Số lần có thai (kể cả lần này)', unit: 'lần' },
  'episode.para': { label: 'Số lần đẻ trước đây', unit: 'lần' },
  pregnancyId: 'Thai kỳ',
  'visit.fundalHeightCm': { label: 'Bề cao tử cung', unit: 'cm' },
  'visit.riskSigns.*': 'Dấu hiệu nguy cơ',
  'visit.riskNote': 'Ghi chú nguy cơ',
  'visit.ironFolic': 'Uống viên sắt/axit folic',
  'visit.tetanus': 'Tiêm uốn ván lần khám này',
  'visit.nextVisitOn': 'Ngày hẹn khám thai lại',
  'outcome.outcome': 'Kết quả thai kỳ',
  'outcome.endedOn': 'Ngày đẻ / kết thúc thai kỳ',
  'outcome.place': 'Nơi đẻ',
  'outcome.mode': 'Cách đẻ',
  'outcome.babyWeightG': { label: 'Cân nặng của con', unit: 'g' },
  'outcome.note': 'Ghi chú kết quả thai kỳ',
  'method.method': 'Biện pháp tránh thai',
  'method.methodText': 'Biện pháp khác (ghi rõ)',
  'method.startedOn': 'Ngày bắt đầu dùng',
  'method.followUpOn': 'Ngày hẹn theo dõi',
  'method.endedOn': 'Ngày ngừng dùng',
  /* Part C */
  'doses.*.vaccineCode': 'Vắc xin',
  'doses.*.givenOn': 'Ngày tiêm',
  'doses.*.place': 'Nơi tiêm',
  'doses.*.reaction': 'Phản ứng sau tiêm',
  'doses.*.nextOn': 'Ngày hẹn tiêm tiếp',
  'doses.*.pregnancyMonth': { label: 'Tháng thai', unit: 'tháng' },
  'doses.*.batch': 'Số lô vắc xin',
  'dose.vaccineCode': 'Vắc xin',
  'dose.givenOn': 'Ngày tiêm',
  'dose.place': 'Nơi tiêm',
  'dose.reaction': 'Phản ứng sau tiêm',
  'dose.nextOn': 'Ngày hẹn tiêm tiếp',
  'dose.pregnancyMonth': { label: 'Tháng thai', unit: 'tháng' },
  'dose.batch': 'Số lô vắc xin',
  confirmIssues: 'Xác nhận mũi tiêm sai lịch',
  /* Part D */
  'visit.visitOn': 'Ngày khám',
  'visit.reason': 'Lý do khám',
  'visit.history': 'Bệnh sử',
  ...vitals,
  'visit.vitals.position': 'Tư thế đo chiều dài',
  'visit.vitalSources.*.measurementId': 'Số đo từ máy',
  'visit.vitalSources.*.device': 'Máy đo',
  'visit.vitalSources.*.measuredAt': 'Giờ đo',
  'visit.vitalSources.*.receivedAt': 'Giờ nhận số đo',
  'visit.vision.rightPlain': 'Thị lực mắt phải (không kính)',
  'visit.vision.leftPlain': 'Thị lực mắt trái (không kính)',
  'visit.vision.rightGlasses': 'Thị lực mắt phải (có kính)',
  'visit.vision.leftGlasses': 'Thị lực mắt trái (có kính)',
  'visit.vision.wearsGlasses': 'Đeo kính',
  ...prefixed('visit.exam', EXAM),
  'visit.exam.*': 'Khám lâm sàng',
  'visit.labs.*.group': 'Loại cận lâm sàng',
  'visit.labs.*.name': 'Tên xét nghiệm',
  'visit.labs.*.result': 'Kết quả xét nghiệm',
  'visit.diagnoses.*.code': 'Mã ICD-10',
  'visit.diagnoses.*.name': 'Tên bệnh',
  'visit.diagnoses.*.main': 'Chẩn đoán chính',
  'visit.diagnoses.*.note': 'Ghi chú chẩn đoán',
  'visit.conclusion': 'Kết luận',
  'visit.counselling': 'Tư vấn',
  'visit.followUpOn': 'Hẹn tái khám',
  'visit.treatment.method': 'Phương pháp điều trị',
  'visit.treatment.note': 'Ghi chú điều trị',
  'visit.medicines': { label: 'Thuốc đã cho', unit: 'thuốc' },
  'visit.medicines.*.name': 'Tên thuốc',
  'visit.medicines.*.dose': 'Liều dùng',
  'visit.medicines.*.days': { label: 'Số ngày dùng thuốc', unit: 'ngày' },
  'visit.referral.to': 'Chuyển tuyến đến',
  'visit.referral.reason': 'Lý do chuyển tuyến',
  month: 'Tháng báo cáo',
  'visit.diagnoses': { label: 'Chẩn đoán', unit: 'chẩn đoán' },
  'visit.labs': { label: 'Kết quả cận lâm sàng', unit: 'dòng' },
  confirmed: 'Các giá trị đã xác nhận',
  'fields.*': 'Mục sửa theo thẻ',
  'confirmed.*': 'Giá trị đã xác nhận',
  /* Devices */
  driver: 'Trình điều khiển',
  transport: 'Kiểu kết nối',
  pattern: 'Biểu thức nhận dạng',
  'match.vendorId': 'Mã hãng (VID)',
  'match.productId': 'Mã sản phẩm (PID)',
  'match.serialNumber': 'Số sê-ri',
  'match.location': 'Vị trí cổng USB',
  'match.path': 'Cổng',
  'port.baudRate': { label: 'Tốc độ cổng COM', unit: 'bit/giây' },
  'port.dataBits': 'Số bit dữ liệu',
  'port.parity': 'Bit kiểm tra chẵn lẻ',
  'port.stopBits': 'Số bit dừng',
  /* Imports */
  fileName: 'Tên tệp',
  dataBase64: 'Nội dung tệp',
  sheetName: 'Trang tính',
  saveTemplateAs: 'Tên mẫu ghép cột',
  'mapping.columns.*': 'Cột',
  'mapping.headings.*': 'Tiêu đề cột',
  'mapping.sheetName': 'Trang tính',
  'mapping.headerLine': 'Dòng tiêu đề',
  'mapping.headerLines': 'Số dòng tiêu đề',
  'mapping.firstDataLine': 'Dòng dữ liệu đầu tiên',
  'mapping.dateOrder': 'Thứ tự ngày tháng',
  'mapping.version': 'Phiên bản mẫu ghép cột',
  /* Backups */
  folder: 'Thư mục sao lưu',
  /* Backups: restore, schedule, recovery key (issue 12) */
  file: 'Tệp sao lưu',
  confirm: 'Xác nhận phục hồi',
  recoveryKey: 'Mã khôi phục',
  dailyTime: 'Giờ sao lưu hằng ngày',
  /* Forms and printing */
  form: 'Biểu mẫu',
  printer: 'Máy in',
  copies: { label: 'Số bản in', unit: 'bản' },
  output: 'Kiểu tệp kết quả',
  'selection.kind': 'Nhóm người cần in',
  'selection.date': 'Ngày khám',
  'selection.village': 'Thôn/xóm',
  'selection.ids.*': 'Người dân',
  recordVisits: 'Lượt khám in trong hồ sơ',
  recordVisitsCount: { label: 'Số lượt khám gần nhất', unit: 'lượt' },
  directToDefault: 'In thẳng ra máy in mặc định',
  appointmentPaper: 'Khổ giấy hẹn',
  // Upload to the upstream repositories (upstream.*).
  upstream: 'Nơi nhận dữ liệu',
  'fhir.enabled': 'Gửi lên máy chủ FHIR',
  'fhir.statutory': 'Máy chủ FHIR là kho bắt buộc (gửi cả khi chưa đồng ý chia sẻ)',
  'fhir.url': 'Địa chỉ máy chủ FHIR',
  'fhir.auth': 'Cách đăng nhập máy chủ FHIR',
  'fhir.tokenUrl': 'Địa chỉ cấp token',
  'fhir.clientId': 'Mã ứng dụng (client id)',
  'fhir.scope': 'Phạm vi quyền (scope)',
  'fhir.secret': 'Token hoặc mật khẩu ứng dụng',
  'fhir.privateKeyPem': 'Khoá riêng (PEM) để ký',
  'fhir.keyId': 'Mã khoá (kid)',
  'xml831.enabled': 'Gửi lên kho hồ sơ sức khỏe của tỉnh (XML 831)',
  'xml831.statutory': 'Kho của tỉnh là kho bắt buộc',
  'xml831.url': 'Địa chỉ kho hồ sơ của tỉnh',
  'xml831.senderCode': 'Mã cơ sở gửi (SENDER_CODE)',
  'xml831.username': 'Tên đăng nhập kho của tỉnh',
  'xml831.password': 'Mật khẩu kho của tỉnh',
  'xml831.pkcs12Base64': 'Chứng thư số của trạm (tệp .p12/.pfx)',
  'xml831.pkcs12Password': 'Mật khẩu chứng thư số',
  'xml831.caPem': 'Chứng thư gốc (CA) của máy chủ tỉnh',
  'schedule.intervalMinutes': { label: 'Gửi tự động mỗi', unit: 'phút' },
  'schedule.closingTime': 'Giờ nhắc gửi dữ liệu cuối ngày',
  'schedule.batchSize': { label: 'Số hồ sơ mỗi lần gửi', unit: 'hồ sơ' },
  dryRun: 'Chỉ xem trước, không gửi',
  url: 'Địa chỉ nơi nhận',
  jobId: 'Mã tác vụ',
  decidedOn: 'Ngày người dân cho biết ý kiến',
  state: 'Ý kiến về chia sẻ hồ sơ',
  person: 'Người dân (mã hồ sơ, số CCCD hoặc số thẻ BHYT)',
  /* Immunisation due list and vaccine catalogue (issue 14) */
  sessionDate: 'Ngày tiêm chủng',
  // Reports
  year: 'Năm',
  population: 'Dân số chính thức của xã',
  source: 'Nguồn số liệu',
  retired: 'Ngừng dùng',
  place: 'Nơi tiêm',
  // ---- start-up checks and the audit viewer (issue 12, points 4 and 5) ----
  wait: 'Chờ kiểm tra toàn vẹn xong',
  full: 'Kiểm tra toàn vẹn đầy đủ ngay',
  action: 'Thao tác',
};

/** `doses.3.givenOn` → `doses.*.givenOn`. */
const pattern = (path: readonly (string | number)[]): string[] =>
  path.map((p) => (typeof p === 'number' || /^\d+$/.test(p) ? '*' : p));

/**
 * Shorter names for the catalogue's paths: `birth.birthWeightG` and `birthWeightG` for
 * `history.birth.birthWeightG`, so a part of an input checked alone (part B, a visit) is named
 * too. A tail shared by fields with different names is left out.
 */
const TAILS: ReadonlyMap<string, string | FieldText> = (() => {
  const tails = new Map<string, string | FieldText | null>();
  for (const [key, text] of Object.entries(LABELS)) {
    const parts = key.split('.');
    for (let from = 1; from < parts.length; from++) {
      const tail = parts.slice(from).join('.');
      const seen = tails.get(tail);
      if (seen === undefined) tails.set(tail, text);
      else if (seen !== null && JSON.stringify(seen) !== JSON.stringify(text)) tails.set(tail, null);
    }
  }
  return new Map([...tails].filter((e): e is [string, string | FieldText] => e[1] !== null));
})();

/** The Vietnamese name of the field at an input path, or null when the catalogue has none. */
export function fieldText(path: readonly (string | number)[]): FieldText | null {
  const segments = pattern(path);
  const find = (key: string) => LABELS[key] ?? TAILS.get(key);
  for (let from = 0; from < segments.length; from++) {
    const rest = segments.slice(from);
    // A free record key (`visit.exam.cardio`, `take.fullName`) falls back to its `*` entry.
    const hit =
      find(rest.join('.')) ?? (rest.length > 1 ? find([...rest.slice(0, -1), '*'].join('.')) : undefined);
    if (hit) return typeof hit === 'string' ? { label: hit } : hit;
  }
  return null;
}

/** Every key of the catalogue (for the completeness test). */
export const FIELD_LABEL_KEYS: readonly string[] = Object.keys(LABELS);
