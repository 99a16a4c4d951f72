/**
 * Every keyboard shortcut, grouped by where it works, for the help window (F1 or ?). The keys are
 * implemented where they act (Shell, RecordView, ExamScreen…); this list is what a nurse reads.
 */
import { EXAM_SHORTCUTS } from '../record/exam-keys.ts';
import type { Route } from '../state/app.svelte.ts';

export interface ShortcutGroup {
  id: 'exam' | 'record' | 'lists' | 'everywhere';
  title: string;
  keys: readonly { key: string; what: string }[];
}

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    id: 'exam',
    title: 'Khi đang khám',
    keys: [
      { key: 'Enter', what: 'Lưu và ký lượt khám (trong ô một dòng hoặc ô chọn)' },
      { key: 'Ctrl+Enter', what: 'Lưu và ký khi đang gõ trong ô nhiều dòng' },
      { key: 'Enter', what: 'Dùng chỉ số vừa nhận từ máy đo (khi nút đang được chọn)' },
      ...EXAM_SHORTCUTS.map((s) => ({ key: s.key, what: `Đến ô: ${s.what}` })),
      { key: 'Esc', what: 'Về hồ sơ (bản nháp đã tự lưu)' },
    ],
  },
  {
    id: 'record',
    title: 'Trong hồ sơ một người',
    keys: [
      { key: 'K', what: 'Khám mới, hoặc tiếp tục lượt khám đang dở' },
      { key: 'E', what: 'Sửa thông tin hành chính (phần A)' },
      { key: 'A  B  C  D', what: 'Chuyển sang phần A, B, C, D của hồ sơ' },
      { key: '←  →', what: 'Phần trước, phần sau (khi đang ở thanh các phần)' },
    ],
  },
  {
    id: 'lists',
    title: 'Danh sách, ô tìm kiếm',
    keys: [
      { key: '↑  ↓', what: 'Chọn dòng' },
      { key: 'Enter', what: 'Mở dòng đang chọn' },
      { key: 'Esc', what: 'Đóng danh sách gợi ý, hoặc hủy biểu mẫu (có hỏi nếu đã nhập)' },
    ],
  },
  {
    id: 'everywhere',
    title: 'Ở mọi màn hình',
    keys: [
      { key: 'F2  hoặc  Ctrl+K', what: 'Tìm người dân (tên không dấu, năm sinh, CCCD, BHYT, SĐT)' },
      {
        key: 'Alt+1 … Alt+7',
        what: 'Mở các mục Hôm nay, Dân cư, In ấn, Đồng bộ, Báo cáo, Thiết bị, Quản trị',
      },
      { key: 'Ctrl+N', what: 'Đăng ký người dân mới' },
      { key: 'Ctrl+L', what: 'Khóa màn hình' },
      { key: 'F1  hoặc  ?', what: 'Mở bảng phím tắt này' },
    ],
  },
];

/** The groups for the screen on show first, then the rest. */
export function groupsFor(route: Route): ShortcutGroup[] {
  const first: ShortcutGroup['id'] =
    route.path[0] === 'person' && route.path[2] === 'visit'
      ? 'exam'
      : route.path[0] === 'person'
        ? 'record'
        : route.section === 'residents'
          ? 'lists'
          : 'everywhere';
  return [...SHORTCUT_GROUPS.filter((g) => g.id === first), ...SHORTCUT_GROUPS.filter((g) => g.id !== first)];
}
