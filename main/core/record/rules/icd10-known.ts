/**
 * Every ICD-10 code saved on a visit (831 D.4) must be a code of the Ministry's list, checked when
 * the visit is signed or amended (a draft may hold a half-typed code).
 *
 * The list the app ships (resources/codes/icd10-vi.json) lost most **asterisk** (manifestation)
 * codes upstream (about 820: G01*, E35.1*, J17.0*; /work/shared/data/README.md §3), and dagger codes
 * carry no "†". So: a dagger code is checked without its "†"; an asterisk code ("G01*", "J17.0*")
 * is accepted when it is shaped like one (a letter, two digits, an optional subcode, then "*"),
 * since the list cannot vouch for it; a plain code must be in the list. Empty codes (a diagnosis written in
 * words only) are the doctor's choice and pass.
 */
export interface KnownCodes {
  get(code: string): unknown;
}

const ASTERISK = /^[A-Z]\d\d(\.\d{1,2})?\*$/;

export interface UnknownCode {
  index: number;
  code: string;
  message: string;
}

/** The diagnoses whose code is not in the list, each with a Vietnamese message naming the field. */
export function unknownIcdCodes(
  diagnoses: readonly { code: string; name: string }[],
  list: KnownCodes,
): UnknownCode[] {
  const out: UnknownCode[] = [];
  diagnoses.forEach((d, index) => {
    const raw = d.code.trim().toUpperCase();
    if (raw === '') return;
    if (ASTERISK.test(raw)) return;
    const code = raw.replace(/†$/, '');
    if (list.get(code) !== undefined) return;
    out.push({
      index,
      code: raw,
      message: `Chẩn đoán ${index + 1} (${d.name || 'chưa có tên'}): mã ICD-10 “${raw}” không có trong danh mục ICD-10 của Bộ Y tế. Chọn mã từ danh sách gợi ý; mã dấu sao ghi kèm “*” (ví dụ G01*).`,
    });
  });
  return out;
}
