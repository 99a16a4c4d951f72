import type { ExamField, VisitRecord } from '#contract/ops/record.ts';
import { flag, num, xmlDate } from './format.ts';
import type { Xml831Record } from './source.ts';
import { leaf, node, type XmlElement } from './xml.ts';

/** D.2.3 items → their XML tags, in the order HOSOKHAMCHUABENH lists them. */
const EXAM_TAGS: readonly [string, ExamField | null][] = [
  ['KHAMDA', 'skin'],
  // The 831 form has one item "Da, niêm mạc" (kept in KHAMDA); the XML's separate mucosa tag stays empty.
  ['KHAMNIEMMAC', null],
  ['KHAMTOANTHANKHAC', 'generalOther'],
  ['KHAMTIMMACH', 'cardio'],
  ['KHAMHOHAP', 'respiratory'],
  ['KHAMTIEUHOA', 'digestive'],
  ['KHAMTIETNIEU', 'urinary'],
  ['KHAMCOXUONGKHOP', 'musculoskeletal'],
  ['KHAMNOITIET', 'endocrine'],
  ['KHAMTHANKINH', 'neuro'],
  ['KHAMTAMTHAN', 'psych'],
  ['KHAMNGOAIKHOA', 'surgical'],
  ['KHAMPHUKHOA', 'obgyn'],
  ['KHAMTAIMUIHONG', 'ent'],
  ['KHAMRHM', 'dental'],
  ['KHAMMAT', 'eyes'],
  ['KHAMDALIEU', 'derm'],
  ['KHAMDINHDUONG', 'nutrition'],
  ['KHAMVANDONG', 'motor'],
  ['KHAC', 'other'],
  ['TC_TT_VD', 'development'],
];

/** One eye: the XML has one value per eye; with glasses is added in words when measured. */
function eye(plain: string, glasses: string): string {
  if (!glasses) return plain;
  return plain ? `${plain} (có kính: ${glasses})` : `Có kính: ${glasses}`;
}

function visit(v: VisitRecord): XmlElement {
  const vit = v.vitals;
  const main = v.diagnoses.find((d) => d.main) ?? v.diagnoses[0];
  const diagnoses = v.diagnoses.map((d) =>
    node('CHANDOANBENH', [
      leaf('MABENH', d.code),
      leaf('TENBENH', d.name),
      // The visit's written conclusion travels with its main diagnosis (the XML has no other place).
      leaf('KETLUAN', [d.note, d === main ? v.conclusion : ''].filter(Boolean).join('. ')),
    ]),
  );
  if (diagnoses.length === 0 && v.conclusion)
    diagnoses.push(
      node('CHANDOANBENH', [leaf('MABENH', ''), leaf('TENBENH', ''), leaf('KETLUAN', v.conclusion)]),
    );
  return node('HOSOKHAMCHUABENH', [
    leaf('MA_LK', v.id),
    leaf('NGAYKHAM', xmlDate(v.visitOn)),
    leaf('NGAYBATDAU', xmlDate(v.visitOn)),
    leaf('NGAYKETTHUC', xmlDate(v.signedAt ?? v.visitOn)),
    // The app keeps the examiner's account, not a practising-certificate code: only the name goes.
    leaf('MABACSI', ''),
    leaf('BACSIKHAM', v.examiner.name),
    leaf('LYDOKHAM', v.reason),
    leaf('BENHSU', v.history),
    leaf('MACH', num(vit.pulse)),
    leaf('NHIETDO', num(vit.temperatureC)),
    leaf('HUYETAPTT', num(vit.systolic)),
    leaf('HUYETAPTD', num(vit.diastolic)),
    leaf('NHIPTHO', num(vit.respiratoryRate)),
    leaf('CHIEUCAO', num(vit.heightCm)),
    leaf('CHISOBMI', num(v.derived.bmi)),
    leaf('CANNANG', num(vit.weightKg)),
    leaf('VONGBUNG', num(vit.waistCm)),
    leaf('SUDUNGKINH', flag(v.vision.wearsGlasses)),
    leaf('MATPHAI', eye(v.vision.rightPlain, v.vision.rightGlasses)),
    leaf('MATTRAI', eye(v.vision.leftPlain, v.vision.leftGlasses)),
    ...EXAM_TAGS.map(([tag, field]) => leaf(tag, field ? (v.exam[field] ?? '') : '')),
    leaf('TUVAN', v.counselling),
    node(
      'CANLAMSANG',
      v.labs.map((l) =>
        node('DICHVU', [
          leaf('MADICHVU', ''),
          leaf('MANHOM', l.group === 'imaging' ? '2' : '1'),
          leaf('TENDICHVU', l.name),
          leaf('KETQUA', l.result),
        ]),
      ),
    ),
    node('CHANDOANKETLUAN', diagnoses),
  ]);
}

/** DANHSACHHOSOKHAMCHUABENH: part D, signed visits oldest first. */
export function danhSachKham(rec: Xml831Record): XmlElement {
  const signed = rec.visits.filter((v) => v.status === 'signed');
  const ordered = [...signed].sort((a, b) => a.visitOn.localeCompare(b.visitOn) || a.id.localeCompare(b.id));
  return node('DANHSACHHOSOKHAMCHUABENH', ordered.map(visit));
}
