/**
 * A list row for someone already registered: what the list says that the record does not. Only
 * what the list actually gives is taken — an empty cell never blanks a field — and a more precise
 * birth date on record is not replaced by the list's bare year.
 */
import type { Identifier, PersonFields } from '#contract/ops/persons.ts';
import { fold } from '#contract/text.ts';

export interface Merged {
  fields: PersonFields;
  /** Vietnamese labels of the fields that change ("Điện thoại", "Thẻ BHYT"). */
  changes: string[];
  /** A number in the list contradicts the record: the row must not be applied. */
  conflict: string | null;
}

const TEXT_FIELDS = [
  ['phoneMobile', 'Điện thoại'],
  ['phoneLandline', 'Điện thoại cố định'],
  ['email', 'Email'],
  ['ethnicityCode', 'Dân tộc'],
  ['religion', 'Tôn giáo'],
  ['occupation', 'Nghề nghiệp'],
  ['relationToHead', 'Quan hệ với chủ hộ'],
] as const;

const ID_LABEL: Record<string, string> = {
  cccd: 'Số CCCD',
  cmnd: 'Số CMND',
  bhyt: 'Thẻ BHYT',
  passport: 'Hộ chiếu',
};

/**
 * `nationalityGiven`: whether the list's cell said a nationality. A blank one reaches here as 'VN'
 * (the registry's default), which must not overwrite a record; a written "Việt Nam" must.
 */
export function mergeImported(
  existing: PersonFields,
  imported: PersonFields,
  nationalityGiven = imported.nationality !== 'VN',
): Merged {
  const out: PersonFields = structuredClone(existing);
  const changes: string[] = [];
  if (imported.fullName.normalize('NFC') !== existing.fullName.normalize('NFC')) {
    out.fullName = imported.fullName;
    changes.push(fold(imported.fullName) === fold(existing.fullName) ? 'Họ tên (dấu)' : 'Họ tên');
  }
  if (imported.sex !== existing.sex) {
    out.sex = imported.sex;
    changes.push('Giới tính');
  }
  const sameYearLessPrecise =
    imported.birthDate.length === 4 && existing.birthDate.startsWith(imported.birthDate);
  if (imported.birthDate !== existing.birthDate && !sameYearLessPrecise) {
    out.birthDate = imported.birthDate;
    changes.push('Ngày sinh');
  }
  for (const [key, label] of TEXT_FIELDS) {
    if (imported[key] && imported[key] !== existing[key]) {
      out[key] = imported[key];
      changes.push(label);
    }
  }
  if (nationalityGiven && imported.nationality && imported.nationality !== existing.nationality) {
    out.nationality = imported.nationality;
    changes.push('Quốc tịch');
  }
  for (const [key, label] of [
    ['mother', 'Họ tên mẹ'],
    ['father', 'Họ tên bố'],
    ['caregiver', 'Người chăm sóc'],
  ] as const) {
    if (imported[key].name && imported[key].name !== existing[key].name) {
      out[key].name = imported[key].name;
      changes.push(label);
    }
  }
  for (const [key, label] of [
    ['permanentAddress', 'Nơi thường trú'],
    ['currentAddress', 'Nơi ở hiện tại'],
  ] as const) {
    const a = imported[key];
    const b = existing[key];
    if (a.text && (a.text !== b.text || a.village !== b.village)) {
      out[key] = a;
      changes.push(label);
    }
  }
  let conflict: string | null = null;
  const ids: Identifier[] = [...existing.identifiers];
  for (const id of imported.identifiers) {
    const at = ids.findIndex((x) => x.kind === id.kind);
    if (at < 0) {
      ids.push(id);
      changes.push(ID_LABEL[id.kind] ?? id.kind);
    } else if (ids[at].value !== id.value) {
      // A new BHYT card is normal (cards are reissued); a different CCCD or CMND is not.
      if (id.kind === 'bhyt' || id.kind === 'passport') {
        ids[at] = { ...ids[at], value: id.value, validFrom: null, validTo: null };
        changes.push(ID_LABEL[id.kind] ?? id.kind);
      } else conflict = `${ID_LABEL[id.kind]} trong tệp (${id.value}) khác với hồ sơ (${ids[at].value}).`;
    }
  }
  out.identifiers = ids;
  return { fields: out, changes, conflict };
}
