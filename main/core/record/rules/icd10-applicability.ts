/**
 * Which ICD-10 codes can apply to a person, given their sex and age: the "sex and age edits" that
 * coders check before a record is accepted.
 *
 * Sources:
 * - Sex: WHO ICD-10's lists of categories limited to one sex, as used by WHO's CoDEdit tool
 *   (https://www.who.int/standards/classifications/classification-of-diseases/services/codedit-tool)
 *   and reproduced code for code by national record validators (for example the Chinese hospital
 *   front-page rules: "only for females: A34; B37.3; C51–C58; C79.6; D06; D07.0–D07.3; D25–D28; D39;
 *   E28; E89.4; F52.5; F53; I86.3; L29.2; L70.5; M80.0–M80.1; M81.0–M81.1; M83.0; N70–N98;
 *   N99.2–N99.3; O00–O99; P54.6; Q50–Q52; R87; S31.4; S37.4–S37.6; T19.2–T19.3; T83.3; Y76; Z01.4;
 *   Z12.4; Z30.1; Z30.3; Z30.5; Z31.1–Z31.2; Z32–Z36; Z37; Z39; Z43.7; Z87.5; Z97.5", "only for males:
 *   B26.0; C60–C63; D07.4–D07.6; D17.6; D29; D40; E29; E89.5; F52.4; I86.1; L29.1; N40–N51;
 *   Q53–Q55; R86; S31.2–S31.3; Z12.5"). Breast cancer (C50) is not restricted: men get it too.
 * - Age: pregnancy (O00–O99, Z32–Z37, Z39) 10–55 years, the maternity age range of the sex-and-age
 *   edits (CoDEdit flags a maternal cause at 5 years as an error); conditions of the newborn
 *   (A33 tetanus neonatorum, R95 sudden infant death, Z38 liveborn infants) under 1 year;
 *   routine child examinations (Z00.1, Z00.2) under 16, the age of a child in Vietnamese law
 *   (Luật Trẻ em 2016), and Z00.3 adolescent development 10–19 (WHO's adolescence).
 * - Chapter P: ICD-10 says it "includes conditions that have their origin in the perinatal period
 *   even though death or morbidity occurs later", so a child may carry a P code for years
 *   (bronchopulmonary dysplasia, P27.1). It is refused from 18 years only: at a commune station an
 *   adult's "vàng da" is never neonatal jaundice.
 *
 * What is unknown is not judged: with no sex, sex rules pass; with no age, age rules pass.
 */

export type IcdSex = 'M' | 'F';
export type Applicability = { ok: true } | { ok: false; reason: string };

interface Restriction {
  /** Dotless, upper case, inclusive: a code matches when its prefix of this length falls in [from, to]. */
  from: string;
  to: string;
  /** Vietnamese name of the group, with its codes, as the reason shows it. */
  group: string;
  sex?: IcdSex;
  /** Completed years, inclusive. */
  minAge?: number;
  maxAge?: number;
}

const PREGNANCY_AGE = { minAge: 10, maxAge: 55 } as const;

const FEMALE: readonly (readonly [
  from: string,
  to: string,
  group: string,
  ages?: { minAge?: number; maxAge?: number },
])[] = [
  ['A34', 'A34', 'Mã uốn ván sản khoa (A34)'],
  ['B373', 'B373', 'Mã nấm Candida âm hộ, âm đạo (B37.3)'],
  ['C51', 'C58', 'Nhóm ung thư cơ quan sinh dục nữ (C51–C58)'],
  ['C796', 'C796', 'Mã ung thư thứ phát ở buồng trứng (C79.6)'],
  ['D06', 'D06', 'Nhóm ung thư biểu mô tại chỗ cổ tử cung (D06)'],
  ['D070', 'D073', 'Nhóm ung thư biểu mô tại chỗ cơ quan sinh dục nữ (D07.0–D07.3)'],
  ['D25', 'D28', 'Nhóm u lành cơ quan sinh dục nữ (D25–D28)'],
  ['D39', 'D39', 'Nhóm u không rõ tính chất ở cơ quan sinh dục nữ (D39)'],
  ['E28', 'E28', 'Nhóm rối loạn chức năng buồng trứng (E28)'],
  ['E894', 'E894', 'Mã suy buồng trứng sau thủ thuật (E89.4)'],
  ['F525', 'F525', 'Mã co thắt âm đạo không do thực tổn (F52.5)'],
  ['F53', 'F53', 'Nhóm rối loạn tâm thần thời kỳ hậu sản (F53)'],
  ['I863', 'I863', 'Mã giãn tĩnh mạch âm hộ (I86.3)'],
  ['L292', 'L292', 'Mã ngứa âm hộ (L29.2)'],
  ['L705', 'L705', 'Mã trứng cá do cào gãi ở thiếu nữ (L70.5)'],
  ['M800', 'M801', 'Nhóm loãng xương sau mãn kinh, sau cắt buồng trứng có gãy xương (M80.0–M80.1)'],
  ['M810', 'M811', 'Nhóm loãng xương sau mãn kinh, sau cắt buồng trứng (M81.0–M81.1)'],
  ['M830', 'M830', 'Mã nhuyễn xương hậu sản (M83.0)'],
  ['N70', 'N98', 'Nhóm bệnh cơ quan sinh dục nữ (N70–N98)'],
  ['N992', 'N993', 'Nhóm dính, sa âm đạo sau thủ thuật (N99.2–N99.3)'],
  ['O00', 'O99', 'Nhóm thai nghén, sinh đẻ và hậu sản (O00–O99)', PREGNANCY_AGE],
  ['P546', 'P546', 'Mã xuất huyết âm đạo sơ sinh (P54.6)'],
  ['Q50', 'Q52', 'Nhóm dị tật bẩm sinh cơ quan sinh dục nữ (Q50–Q52)'],
  ['R87', 'R87', 'Nhóm bất thường bệnh phẩm cơ quan sinh dục nữ (R87)'],
  ['S314', 'S314', 'Mã vết thương hở âm đạo, âm hộ (S31.4)'],
  ['S374', 'S376', 'Nhóm tổn thương buồng trứng, vòi tử cung, tử cung (S37.4–S37.6)'],
  ['T192', 'T193', 'Nhóm dị vật ở âm hộ, âm đạo, tử cung (T19.2–T19.3)'],
  ['T833', 'T833', 'Mã biến chứng cơ học của dụng cụ tử cung (T83.3)'],
  ['Y76', 'Y76', 'Nhóm thiết bị sản phụ khoa (Y76)'],
  ['Z014', 'Z014', 'Mã khám phụ khoa (Z01.4)'],
  ['Z124', 'Z124', 'Mã sàng lọc ung thư cổ tử cung (Z12.4)'],
  ['Z301', 'Z301', 'Mã đặt dụng cụ tử cung (Z30.1)'],
  ['Z303', 'Z303', 'Mã hút điều hòa kinh nguyệt (Z30.3)'],
  ['Z305', 'Z305', 'Mã theo dõi dụng cụ tử cung (Z30.5)'],
  ['Z311', 'Z312', 'Nhóm thụ tinh nhân tạo, thụ tinh trong ống nghiệm (Z31.1–Z31.2)'],
  ['Z32', 'Z36', 'Nhóm thử thai, mang thai, quản lý thai (Z32–Z36)', PREGNANCY_AGE],
  ['Z37', 'Z37', 'Nhóm kết quả cuộc đẻ, ghi cho người mẹ (Z37)', PREGNANCY_AGE],
  ['Z39', 'Z39', 'Nhóm chăm sóc sau đẻ (Z39)', PREGNANCY_AGE],
  ['Z437', 'Z437', 'Mã chăm sóc âm đạo nhân tạo (Z43.7)'],
  ['Z875', 'Z875', 'Mã tiền sử biến chứng thai nghén (Z87.5)'],
  ['Z975', 'Z975', 'Mã đang mang dụng cụ tử cung (Z97.5)'],
];

const MALE: readonly (readonly [from: string, to: string, group: string])[] = [
  ['B260', 'B260', 'Mã viêm tinh hoàn do quai bị (B26.0)'],
  ['C60', 'C63', 'Nhóm ung thư cơ quan sinh dục nam (C60–C63)'],
  ['D074', 'D076', 'Nhóm ung thư biểu mô tại chỗ cơ quan sinh dục nam (D07.4–D07.6)'],
  ['D176', 'D176', 'Mã u mỡ thừng tinh (D17.6)'],
  ['D29', 'D29', 'Nhóm u lành cơ quan sinh dục nam (D29)'],
  ['D40', 'D40', 'Nhóm u không rõ tính chất ở cơ quan sinh dục nam (D40)'],
  ['E29', 'E29', 'Nhóm rối loạn chức năng tinh hoàn (E29)'],
  ['E895', 'E895', 'Mã suy tinh hoàn sau thủ thuật (E89.5)'],
  ['F524', 'F524', 'Mã xuất tinh sớm (F52.4)'],
  ['I861', 'I861', 'Mã giãn tĩnh mạch bìu (I86.1)'],
  ['L291', 'L291', 'Mã ngứa bìu (L29.1)'],
  ['N40', 'N51', 'Nhóm bệnh cơ quan sinh dục nam (N40–N51)'],
  ['Q53', 'Q55', 'Nhóm dị tật bẩm sinh cơ quan sinh dục nam (Q53–Q55)'],
  ['R86', 'R86', 'Nhóm bất thường bệnh phẩm cơ quan sinh dục nam (R86)'],
  ['S312', 'S313', 'Nhóm vết thương hở dương vật, bìu, tinh hoàn (S31.2–S31.3)'],
  ['Z125', 'Z125', 'Mã sàng lọc ung thư tuyến tiền liệt (Z12.5)'],
];

const AGE: readonly (readonly [
  from: string,
  to: string,
  group: string,
  ages: { minAge?: number; maxAge?: number },
])[] = [
  ['A33', 'A33', 'Mã uốn ván sơ sinh (A33)', { maxAge: 0 }],
  ['P00', 'P96', 'Nhóm bệnh lý xuất phát trong thời kỳ chu sinh (P00–P96)', { maxAge: 17 }],
  ['R95', 'R95', 'Nhóm hội chứng đột tử ở trẻ sơ sinh (R95)', { maxAge: 0 }],
  ['Z38', 'Z38', 'Nhóm trẻ sinh ra sống (Z38)', { maxAge: 0 }],
  ['Z001', 'Z002', 'Nhóm khám sức khỏe trẻ em (Z00.1–Z00.2)', { maxAge: 15 }],
  ['Z003', 'Z003', 'Mã khám phát triển tuổi vị thành niên (Z00.3)', { minAge: 10, maxAge: 19 }],
];

const RESTRICTIONS: readonly Restriction[] = [
  ...FEMALE.map(([from, to, group, ages]) => ({ from, to, group, sex: 'F' as const, ...ages })),
  ...MALE.map(([from, to, group]) => ({ from, to, group, sex: 'M' as const })),
  ...AGE.map(([from, to, group, ages]) => ({ from, to, group, ...ages })),
];

/** By first letter, so a code is compared with a handful of rules, not all of them. */
const BY_LETTER = new Map<string, Restriction[]>();
for (const r of RESTRICTIONS) {
  const list = BY_LETTER.get(r.from[0]) ?? [];
  list.push(r);
  BY_LETTER.set(r.from[0], list);
}

/** "o80.0" → "O800"; null for what is not shaped like a code (free-text diagnoses have none). */
function codeKey(code: unknown): string | null {
  if (typeof code !== 'string') return null;
  const key = code.trim().toUpperCase().replace(/\./g, '');
  return /^[A-Z]\d\d[0-9A-Z]*$/.test(key) ? key : null;
}

/** The rules whose range holds the code (most codes: none; P54.6: two). */
function restrictionsOf(key: string): Restriction[] {
  return (BY_LETTER.get(key[0]) ?? []).filter((r) => {
    const head = key.slice(0, r.from.length);
    return head.length === r.from.length && head >= r.from && head <= r.to;
  });
}

const OK: Applicability = { ok: true };

function whoText(r: Restriction): string {
  const sex = r.sex === 'F' ? 'nữ' : r.sex === 'M' ? 'nam' : '';
  let ages = '';
  if (r.maxAge === 0) ages = 'dưới 1 tuổi';
  else if (r.minAge !== undefined && r.maxAge !== undefined) ages = `từ ${r.minAge} đến ${r.maxAge} tuổi`;
  else if (r.maxAge !== undefined) ages = `dưới ${r.maxAge + 1} tuổi`;
  else if (r.minAge !== undefined) ages = `từ ${r.minAge} tuổi`;
  if (!sex) return r.maxAge === 0 ? `trẻ ${ages}` : `người ${ages}`;
  return ages ? `${sex} ${ages}` : sex;
}

function violation(r: Restriction, sex: IcdSex | null, years: number | null): string | null {
  if (r.sex && sex && r.sex !== sex) return `người này là ${sex === 'M' ? 'nam' : 'nữ'}`;
  if (
    years !== null &&
    ((r.minAge !== undefined && years < r.minAge) || (r.maxAge !== undefined && years > r.maxAge))
  )
    return years < 1 ? 'người này dưới 1 tuổi' : `người này ${years} tuổi`;
  return null;
}

/** The restrictions on one code, looked up once (the search index keeps them per entry). */
export type IcdRules = readonly Restriction[];
const NONE: IcdRules = [];

export function icdRules(code: string): IcdRules {
  const key = codeKey(code);
  if (!key) return NONE;
  const rules = restrictionsOf(key);
  return rules.length ? rules : NONE;
}

/** `icdApplicability` for a code whose rules are already known. */
export function judgeRules(rules: IcdRules, sex: IcdSex | null, ageYears: number | null): Applicability {
  if (rules.length === 0) return OK;
  const s = sex === 'M' || sex === 'F' ? sex : null;
  const years =
    typeof ageYears === 'number' && Number.isFinite(ageYears) && ageYears >= 0 ? Math.floor(ageYears) : null;
  for (const r of rules) {
    const why = violation(r, s, years);
    if (why) return { ok: false, reason: `${r.group} chỉ dùng cho ${whoText(r)}; ${why}.` };
  }
  return OK;
}

/**
 * Whether a code can apply to a person of this sex and age (in years, fractions allowed for babies;
 * null when unknown). The reason is Vietnamese, for the screen: "Nhóm thai nghén, sinh đẻ và hậu sản
 * (O00–O99) chỉ dùng cho nữ từ 10 đến 55 tuổi; người này là nam."
 */
export function icdApplicability(code: string, sex: IcdSex | null, ageYears: number | null): Applicability {
  return judgeRules(icdRules(code), sex, ageYears);
}

/**
 * The chosen diagnoses that cannot apply to this person, one message each, for the confirmation
 * shown before a visit is signed (a warning, not a block: the sex on file may be the mistake).
 */
export function diagnosisWarnings(
  diagnoses: readonly { code: string }[],
  sex: IcdSex | null,
  ageYears: number | null,
): { code: string; message: string }[] {
  const out: { code: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const d of Array.isArray(diagnoses) ? diagnoses : []) {
    const code = typeof d?.code === 'string' ? d.code.trim().toUpperCase() : '';
    if (!code || seen.has(code)) continue;
    seen.add(code);
    const a = icdApplicability(code, sex, ageYears);
    if (!a.ok) out.push({ code, message: `${code}: ${a.reason}` });
  }
  return out;
}
