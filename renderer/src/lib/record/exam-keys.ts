/**
 * The exam screen's names for the clinical-exam items (831 D.2.3) and its jump keys. Alt with a
 * letter that no browser or Windows menu takes (Alt+D, Alt+E and Alt+F belong to Chromium), listed
 * in the shortcut help (F1) and shown beside each section.
 */
import type { ExamField } from '#contract';

export const EXAM_LABELS: Record<ExamField, string> = {
  skin: 'Da, niêm mạc',
  generalOther: 'Toàn thân khác',
  cardio: 'Tim mạch',
  respiratory: 'Hô hấp',
  digestive: 'Tiêu hóa',
  urinary: 'Tiết niệu',
  musculoskeletal: 'Cơ xương khớp',
  endocrine: 'Nội tiết',
  neuro: 'Thần kinh',
  psych: 'Tâm thần',
  surgical: 'Ngoại khoa',
  obgyn: 'Sản phụ khoa',
  ent: 'Tai mũi họng',
  dental: 'Răng hàm mặt',
  eyes: 'Mắt',
  derm: 'Da liễu',
  nutrition: 'Dinh dưỡng',
  motor: 'Vận động',
  other: 'Khác',
  development: 'Đánh giá phát triển thể chất, tinh thần, vận động (trẻ em)',
};

export interface JumpKey {
  /** KeyboardEvent.code of the letter pressed with Alt. */
  code: string;
  key: string;
  what: string;
  /** Where the focus goes. */
  selector: string;
}

export const EXAM_SHORTCUTS: readonly JumpKey[] = [
  {
    code: 'KeyS',
    key: 'Alt+S',
    what: 'Chỉ số sinh tồn (huyết áp tâm thu)',
    selector: '[data-vital=systolic]',
  },
  { code: 'KeyL', key: 'Alt+L', what: 'Lý do khám', selector: '[data-field=reason]' },
  {
    code: 'KeyC',
    key: 'Alt+C',
    what: 'Chẩn đoán ICD-10 (gõ mã hoặc tên bệnh)',
    selector: '.dx input[role=combobox]',
  },
  { code: 'KeyK', key: 'Alt+K', what: 'Kết luận', selector: '[data-field=conclusion]' },
  { code: 'KeyT', key: 'Alt+T', what: 'Tư vấn', selector: '[data-field=counselling]' },
  { code: 'KeyH', key: 'Alt+H', what: 'Hẹn tái khám', selector: '#follow-up' },
];
