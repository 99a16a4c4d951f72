import { HISTORY_DISEASES, type PartB } from '#contract/ops/record.ts';
import { flag, num } from './format.ts';
import { leaf, node, type XmlElement } from './xml.ts';

/** DSDIUNG/LOAI (B.3.1, B.6.1). */
const ALLERGY = [
  ['drugs', '1', 'Thuốc'],
  ['chemicals', '2', 'Hóa chất / mỹ phẩm'],
  ['food', '3', 'Thực phẩm'],
  ['other', '4', 'Khác'],
] as const;

/** DSKHUYETTAT/LOAI (B.4). */
const DISABILITY = [
  ['hearing', '1', 'Thính lực'],
  ['vision', '2', 'Thị lực'],
  ['arms', '3', 'Tay'],
  ['legs', '4', 'Chân'],
  ['spine', '5', 'Cong vẹo cột sống'],
  ['cleft', '6', 'Khe hở môi, vòm miệng'],
  ['other', '7', 'Khác'],
] as const;

/** B.6.2 rows on the personal list's codes (DSBENH/LOAIBENH 1–15); the first six are "who is affected". */
const FAMILY_DISEASE = [
  ['cardio', 1, 'Bệnh tim mạch'],
  ['hypertension', 2, 'Tăng huyết áp'],
  ['mental', 10, 'Tâm thần'],
  ['asthma', 6, 'Hen suyễn'],
  ['diabetes', 3, 'Đái tháo đường'],
  ['epilepsy', 12, 'Động kinh'],
  ['cancer', 13, 'Ung thư'],
  ['tuberculosis', 14, 'Lao'],
  ['other', 15, 'Khác'],
] as const;
const FAMILY_TEXT_ROWS = new Set(['cancer', 'tuberculosis', 'other']);

/** DSYEUTO/LOAI: 1 smoking, 2 alcohol, 3 drugs, 4 physical activity. TRANGTHAI 0 no, 1 yes, 2 regularly. */
function factor(
  loai: string,
  name: string,
  answer: string,
  amount: number | null,
  hasQuit: boolean,
): XmlElement[] {
  if (answer === '') return [];
  const state = answer === 'regular' ? '2' : answer === 'yes' ? '1' : '0';
  return [
    node('DSYEUTO', [
      leaf('LOAI', loai),
      leaf('TENLOAI', name),
      leaf('TRANGTHAI', state),
      leaf('SOLUONG', num(amount)),
      // "Đã bỏ" is its own flag: the factor is absent now (TRANGTHAI 0) and was given up.
      leaf('DABO', hasQuit ? flag(answer === 'quit') : ''),
    ]),
  ];
}

/** LOAIHOXIGD in the form's order of options (B.2): 1 flush, 2 double-vault, 3 bucket, 4 none. */
const LATRINE: Record<string, string> = { flush: '1', 'double-vault': '2', bucket: '3', none: '4' };

function disease(code: number, name: string, present: boolean, note: string, who?: string): XmlElement {
  return node('DSBENH', [
    leaf('LOAIBENH', code),
    leaf('TENBENH', name),
    leaf('TRANGTHAI', flag(present)),
    leaf('MOTA', note),
    ...(who === undefined ? [] : [leaf('NGUOIMAC', who)]),
  ]);
}

/** TIENSU: part B (B.1–B.8). A resident without part B gets every tag, empty. */
export function tienSu(partB: PartB | null): XmlElement {
  const b = partB;
  const birth = b?.birth;
  const risks = b?.risks;
  const personalDiseases: XmlElement[] = b
    ? [
        ...b.diseases.codes.map((c) =>
          disease(c, HISTORY_DISEASES[c as keyof typeof HISTORY_DISEASES], true, ''),
        ),
        ...(b.diseases.cancer ? [disease(13, 'Ung thư', true, b.diseases.cancer)] : []),
        ...(b.diseases.tuberculosis ? [disease(14, 'Lao', true, b.diseases.tuberculosis)] : []),
        ...(b.diseases.other ? [disease(15, 'Khác', true, b.diseases.other)] : []),
      ]
    : [];
  const familyDiseases: XmlElement[] = b
    ? FAMILY_DISEASE.filter(([k]) => b.family.diseases[k] !== '').map(([k, code, name]) => {
        const text = b.family.diseases[k];
        // The checked rows hold who is affected; the free-text rows hold the kind and who, as one text.
        return FAMILY_TEXT_ROWS.has(k)
          ? disease(code, name, true, text, '')
          : disease(code, name, true, '', text);
      })
    : [];
  return node('TIENSU', [
    node('TINHTRANG_LUCSINH', [
      leaf('LOAIDE', birth?.delivery === 'normal' ? '0' : birth?.delivery === 'caesarean' ? '1' : ''),
      leaf('DETHIEUTHANG', birth ? flag(birth.premature) : ''),
      leaf('BINGAT_LUCDE', birth ? flag(birth.asphyxia) : ''),
      leaf('CANNANG', num(birth?.birthWeightG)),
      leaf('CHIEUDAI', num(birth?.birthLengthCm)),
      leaf('DITAT_BAMSINH', birth?.congenital),
      leaf('KHAC', birth?.other),
    ]),
    node('YEUTO_SUCKHOE', [
      ...(risks
        ? [
            ...factor('1', 'Hút thuốc lá, lào', risks.smoking, null, true),
            ...factor('2', 'Uống rượu bia thường xuyên', risks.alcohol, risks.alcoholCupsPerDay, true),
            ...factor('3', 'Sử dụng ma túy', risks.drugs, null, true),
            ...factor('4', 'Hoạt động thể lực', risks.physicalActivity, null, false),
          ]
        : []),
      leaf('YEUTO_TIEPXUC', risks?.exposure),
      leaf('THOIGIAN_TIEPXUC', risks?.exposureDuration),
      leaf('LOAIHOXIGD', risks ? (LATRINE[risks.latrine] ?? '') : ''),
      leaf('KHAC', risks?.other),
    ]),
    node(
      'KHUYETTAT',
      b
        ? DISABILITY.filter(([k]) => b.disabilities[k] !== '').map(([k, code, name]) =>
            node('DSKHUYETTAT', [leaf('LOAI', code), leaf('TENLOAI', name), leaf('MOTA', b.disabilities[k])]),
          )
        : [],
    ),
    node('TIEUSU_BENHTAT', [
      node(
        'DIUNG',
        b
          ? ALLERGY.filter(([k]) => b.allergies[k] !== '').map(([k, code, name]) =>
              node('DSDIUNG', [
                leaf('LOAI', code),
                leaf('MASO', ''),
                leaf('TEN', name),
                leaf('MOTA', b.allergies[k]),
              ]),
            )
          : [],
      ),
      node('BENHTAT', personalDiseases),
    ]),
    leaf('TIENSU_PHAUTHUAT', b?.surgery),
    node('TIENSU_GIADINH', [
      node(
        'DIUNG',
        b
          ? ALLERGY.filter(
              ([k]) => b.family.allergies[k].what !== '' || b.family.allergies[k].who !== '',
            ).map(([k, code, name]) =>
              node('DSDIUNG', [
                leaf('LOAI', code),
                leaf('MASO', ''),
                leaf('TEN', name),
                leaf('MOTA', b.family.allergies[k].what),
                leaf('NGUOIMAC', b.family.allergies[k].who),
              ]),
            )
          : [],
      ),
      node('BENHTAT', familyDiseases),
    ]),
    node('SUCKHOE_SINHSAN', reproductive(b)),
    leaf('VANDEKHAC', b?.other),
  ]);
}

function reproductive(b: PartB | null): XmlElement[] {
  const r = b?.reproductive;
  return [
    leaf('BIENPHAP_TRANHTHAI', r?.contraception),
    leaf('KYTHAICUOI', r?.lastPregnancy),
    leaf('SOLAN_COTHAI', num(r?.pregnancies)),
    leaf('SOLAN_SAYTHAI', num(r?.miscarriages)),
    leaf('SOLAN_PHATHAI', num(r?.abortions)),
    leaf('SOLAN_SINHDE', num(r?.births)),
    leaf('SOLAN_DETHUONG', num(r?.normalBirths)),
    leaf('SOLAN_DEMO', num(r?.caesareans)),
    leaf('SOLANDEKHO', num(r?.difficultBirths)),
    leaf('SOLANDE_DUTHANG', num(r?.termBirths)),
    leaf('SOLAN_DENON', num(r?.pretermBirths)),
    leaf('SOCON_HIENSONG', num(r?.livingChildren)),
    leaf('BENH_PHUKHOA', r?.gynecological),
  ];
}
