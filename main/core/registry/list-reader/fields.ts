/**
 * The fields a population list can carry (831 form part A), with their Vietnamese labels and the
 * column headings that name them in the lists stations receive: the national population database
 * export, the BHXH/BHYT participant lists, and stations' own spreadsheets.
 */
import { IMPORT_FIELD_NAMES } from '#contract/ops/import.ts';

// The list is the contract's, so the import screen and the reader can never disagree on a field.
export const IMPORT_FIELDS = IMPORT_FIELD_NAMES;

export type ImportField = (typeof IMPORT_FIELDS)[number];

export const FIELD_LABELS: Readonly<Record<ImportField, string>> = {
  fullName: 'Họ và tên',
  familyName: 'Họ và tên đệm',
  givenName: 'Tên',
  birthDate: 'Ngày sinh',
  birthYear: 'Năm sinh',
  sex: 'Giới tính',
  maleColumn: 'Nam (năm sinh)',
  femaleColumn: 'Nữ (năm sinh)',
  cccd: 'Số CCCD/định danh',
  cmnd: 'Số CMND',
  idIssuedOn: 'Ngày cấp CCCD/CMND',
  idIssuedBy: 'Nơi cấp CCCD/CMND',
  bhyt: 'Số thẻ BHYT',
  bhxhCode: 'Mã số BHXH',
  phone: 'Điện thoại',
  email: 'Email',
  permanentAddress: 'Nơi thường trú',
  currentAddress: 'Nơi ở hiện tại',
  village: 'Thôn/xóm/tổ dân phố',
  householdCode: 'Mã hộ gia đình',
  relationToHead: 'Quan hệ với chủ hộ',
  householdHead: 'Chủ hộ',
  ethnicity: 'Dân tộc',
  religion: 'Tôn giáo',
  nationality: 'Quốc tịch',
  occupation: 'Nghề nghiệp',
  motherName: 'Họ tên mẹ',
  fatherName: 'Họ tên bố',
  caregiverName: 'Họ tên bố/mẹ hoặc người chăm sóc',
};

/** What a heading can mean: a field, or a column we recognise and deliberately skip. */
export type HeaderTarget = ImportField | 'ignore';

/**
 * Headings, written folded (no diacritics, đ → d, lower case, punctuation as spaces), as the
 * header matcher compares them. A heading equal to one of them is a sure match; a heading that
 * contains one is a likely match, and the longest contained phrase wins ("họ tên mẹ" is the mother,
 * not the person). `weak` marks short headings that are right most of the time but not always.
 */
export interface HeaderRule {
  target: HeaderTarget;
  phrases: string[];
  weak?: string[];
}

// prettier-ignore
export const HEADER_RULES: readonly HeaderRule[] = [
  {
    target: 'ignore',
    phrases: ['stt', 'so tt', 'so thu tu', 'thu tu', 'tt', 'ghi chu', 'loi', 'dong goc', 'ket qua', 'ky ten', 'ky nhan', 'chu ky'],
    weak: ['no', 'ma nhan khau'],
  },
  {
    target: 'fullName',
    phrases: [
      'ho va ten', 'ho ten', 'ho va ten nguoi dan', 'ho ten cong dan', 'ho va ten cong dan', 'ho ten nguoi tham gia',
      'ho va ten nguoi tham gia', 'ten nguoi tham gia', 'ho ten nguoi benh', 'ten nguoi benh', 'ho ten nhan khau', 'ho va ten khai sinh',
      'ho ten day du', 'full name', 'name', 'ho ten doi tuong', 'ho va ten doi tuong',
    ],
  },
  { target: 'familyName', phrases: ['ho', 'ho dem', 'ho va ten dem', 'ho va dem', 'ho va chu dem', 'ho lot', 'ho va ten lot'] },
  { target: 'givenName', phrases: ['ten', 'ten goi'] },
  {
    target: 'birthDate',
    phrases: [
      'ngay sinh', 'ngay thang nam sinh', 'ngay thang sinh', 'sinh ngay', 'ngay sinh dd mm yyyy', 'ngay thang nam sinh dd mm yyyy',
      'dob', 'date of birth',
    ],
    weak: ['ns'],
  },
  { target: 'birthYear', phrases: ['nam sinh', 'nam sinh yyyy'] },
  { target: 'sex', phrases: ['gioi tinh', 'gioi', 'nam nu', 'nam hoac nu', 'phai', 'sex', 'gender'], weak: ['gt'] },
  { target: 'maleColumn', phrases: ['nam'] },
  { target: 'femaleColumn', phrases: ['nu'] },
  {
    target: 'cccd',
    phrases: [
      'cccd', 'so cccd', 'can cuoc', 'so can cuoc', 'can cuoc cong dan', 'so can cuoc cong dan', 'the can cuoc', 'so the can cuoc',
      'so dinh danh', 'ma dinh danh', 'so dinh danh ca nhan', 'ma dinh danh ca nhan', 'so ddcn', 'ddcn', 'ma ddcn',
      'so cmnd cccd', 'cmnd cccd', 'cccd cmnd', 'so cccd cmnd', 'so cmt cccd', 'cmt cccd', 'so cmnd can cuoc', 'so cmnd cccd ho chieu',
      'so giay to tuy than', 'giay to tuy than', 'so the cccd', 'the cccd',
    ],
  },
  { target: 'cmnd', phrases: ['cmnd', 'so cmnd', 'cmt', 'so cmt', 'chung minh nhan dan', 'so chung minh nhan dan', 'so chung minh', 'cmnd cu', 'so cmnd cu'] },
  { target: 'idIssuedOn', phrases: ['ngay cap', 'ngay cap cccd', 'ngay cap cmnd', 'ngay cap cccd cmnd', 'ngay cap cmnd cccd'] },
  { target: 'idIssuedBy', phrases: ['noi cap', 'noi cap cccd', 'noi cap cmnd', 'noi cap cccd cmnd', 'noi cap cmnd cccd'] },
  {
    target: 'bhyt',
    phrases: [
      'so the bhyt', 'ma the bhyt', 'the bhyt', 'so bhyt', 'ma bhyt', 'bhyt', 'ma the', 'so the', 'ma so the bhyt', 'so the bao hiem y te',
      'ma the bao hiem y te', 'the bao hiem y te', 'bao hiem y te',
    ],
  },
  { target: 'bhxhCode', phrases: ['ma so bhxh', 'ma bhxh', 'so bhxh', 'ma so bao hiem xa hoi', 'so so bhxh', 'ma so bhxh bhyt', 'bhxh'] },
  {
    target: 'phone',
    phrases: [
      'dien thoai', 'so dien thoai', 'sdt', 'so dt', 'dt di dong', 'di dong', 'so di dong', 'dien thoai lien he', 'sdt lien he',
      'dien thoai di dong', 'so dien thoai lien he', 'phone', 'mobile', 'dtdd',
    ],
  },
  { target: 'email', phrases: ['email', 'e mail', 'thu dien tu', 'dia chi email'] },
  {
    target: 'permanentAddress',
    phrases: [
      'dia chi', 'noi thuong tru', 'thuong tru', 'dia chi thuong tru', 'ho khau thuong tru', 'noi dang ky thuong tru', 'hktt',
      'noi dang ky ho khau thuong tru', 'dia chi ho khau', 'ho khau', 'dia chi lien he',
    ],
  },
  {
    target: 'currentAddress',
    phrases: ['noi o hien tai', 'noi o hien nay', 'cho o hien nay', 'cho o hien tai', 'dia chi hien tai', 'dia chi hien nay', 'noi o', 'noi tam tru', 'tam tru', 'dia chi tam tru'],
  },
  {
    target: 'village',
    phrases: [
      'thon', 'xom', 'to dan pho', 'tdp', 'ap', 'ban', 'khu pho', 'thon xom', 'thon to', 'thon ban', 'thon ap', 'thon xom to dan pho',
      'thon to dan pho', 'to', 'khom', 'buon', 'lang', 'khu', 'ten thon', 'thon xom ap ban', 'thon ap ban', 'to dan pho thon',
    ],
  },
  { target: 'householdCode', phrases: ['ma ho', 'ma ho gia dinh', 'ma hgd', 'so ho', 'ma so ho', 'ma so ho gia dinh', 'so ho khau', 'so so ho khau', 'ma ho gd'] },
  {
    target: 'relationToHead',
    phrases: ['quan he voi chu ho', 'quan he chu ho', 'quan he', 'qh voi chu ho', 'qhch', 'qh voi ch', 'quan he voi ch', 'quan he gia dinh', 'moi quan he'],
  },
  { target: 'householdHead', phrases: ['chu ho', 'ho ten chu ho', 'ten chu ho', 'la chu ho', 'ho va ten chu ho'] },
  { target: 'ethnicity', phrases: ['dan toc', 'ma dan toc'] },
  { target: 'religion', phrases: ['ton giao'] },
  { target: 'nationality', phrases: ['quoc tich'] },
  { target: 'occupation', phrases: ['nghe nghiep', 'nghe', 'cong viec', 'nghe nghiep hien nay', 'cong viec hien nay'] },
  { target: 'motherName', phrases: ['ho ten me', 'ho va ten me', 'ten me', 'me'] },
  { target: 'fatherName', phrases: ['ho ten bo', 'ho va ten bo', 'ten bo', 'bo', 'ho ten cha', 'ho va ten cha', 'ten cha', 'cha'] },
  {
    target: 'caregiverName',
    phrases: [
      'ho ten bo me', 'ho ten cha me', 'ho va ten bo me', 'ho va ten cha me', 'ten bo me', 'bo me', 'cha me', 'nguoi giam ho',
      'ho ten nguoi giam ho', 'nguoi cham soc', 'ho ten nguoi cham soc', 'ho ten bo me hoac nguoi giam ho', 'ho ten cha me nguoi giam ho',
    ],
  },
];

/** Fields without which no row can become a person. */
export const REQUIRED_FIELDS: readonly ImportField[] = ['fullName', 'sex', 'birthDate'];
