/**
 * The 22 chapters of ICD-10 (WHO 2019, as the Ministry's Vietnamese edition names them), for
 * morbidity by chapter in the monthly summary (like Biểu 14 of TT 23/2025). A code belongs to the
 * chapter whose range holds its first three characters ("I10" → IX, "E11.9" → IV).
 */
export interface IcdChapter {
  chapter: string;
  from: string;
  to: string;
  title: string;
}

export const ICD10_CHAPTERS: readonly IcdChapter[] = [
  { chapter: 'I', from: 'A00', to: 'B99', title: 'Bệnh nhiễm trùng và ký sinh trùng' },
  { chapter: 'II', from: 'C00', to: 'D48', title: 'Khối u' },
  { chapter: 'III', from: 'D50', to: 'D89', title: 'Bệnh của máu, cơ quan tạo máu và cơ chế miễn dịch' },
  { chapter: 'IV', from: 'E00', to: 'E90', title: 'Bệnh nội tiết, dinh dưỡng và chuyển hóa' },
  { chapter: 'V', from: 'F00', to: 'F99', title: 'Rối loạn tâm thần và hành vi' },
  { chapter: 'VI', from: 'G00', to: 'G99', title: 'Bệnh của hệ thần kinh' },
  { chapter: 'VII', from: 'H00', to: 'H59', title: 'Bệnh mắt và phần phụ' },
  { chapter: 'VIII', from: 'H60', to: 'H95', title: 'Bệnh tai và xương chũm' },
  { chapter: 'IX', from: 'I00', to: 'I99', title: 'Bệnh của hệ tuần hoàn' },
  { chapter: 'X', from: 'J00', to: 'J99', title: 'Bệnh của hệ hô hấp' },
  { chapter: 'XI', from: 'K00', to: 'K93', title: 'Bệnh của hệ tiêu hóa' },
  { chapter: 'XII', from: 'L00', to: 'L99', title: 'Bệnh da và mô dưới da' },
  { chapter: 'XIII', from: 'M00', to: 'M99', title: 'Bệnh của hệ cơ, xương, khớp và mô liên kết' },
  { chapter: 'XIV', from: 'N00', to: 'N99', title: 'Bệnh của hệ tiết niệu, sinh dục' },
  { chapter: 'XV', from: 'O00', to: 'O99', title: 'Chửa, đẻ và sau đẻ' },
  { chapter: 'XVI', from: 'P00', to: 'P96', title: 'Một số bệnh lý xuất phát trong thời kỳ chu sinh' },
  {
    chapter: 'XVII',
    from: 'Q00',
    to: 'Q99',
    title: 'Dị tật bẩm sinh, biến dạng và bất thường nhiễm sắc thể',
  },
  {
    chapter: 'XVIII',
    from: 'R00',
    to: 'R99',
    title: 'Triệu chứng, dấu hiệu và phát hiện bất thường lâm sàng, cận lâm sàng',
  },
  {
    chapter: 'XIX',
    from: 'S00',
    to: 'T98',
    title: 'Vết thương, ngộ độc và hậu quả của một số nguyên nhân bên ngoài',
  },
  { chapter: 'XX', from: 'V01', to: 'Y98', title: 'Nguyên nhân bên ngoài của bệnh tật và tử vong' },
  {
    chapter: 'XXI',
    from: 'Z00',
    to: 'Z99',
    title: 'Các yếu tố ảnh hưởng đến tình trạng sức khỏe và tiếp xúc dịch vụ y tế',
  },
  { chapter: 'XXII', from: 'U00', to: 'U99', title: 'Mã dành cho những mục đích đặc biệt' },
];

/** The chapter of an ICD-10 code, or null for '' or a code outside every range. */
export function icdChapter(code: string): IcdChapter | null {
  const head = code.trim().toUpperCase().slice(0, 3);
  if (!/^[A-Z]\d\d$/.test(head)) return null;
  return ICD10_CHAPTERS.find((c) => head >= c.from && head <= c.to) ?? null;
}
