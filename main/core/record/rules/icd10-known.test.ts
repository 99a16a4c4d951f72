import { describe, expect, it } from 'vitest';
import { defaultResourcesDir } from '../../paths.ts';
import { Icd10Catalogue } from './icd10.ts';
import { unknownIcdCodes } from './icd10-known.ts';

const list = new Icd10Catalogue(defaultResourcesDir);
const dx = (code: string, name = 'Chẩn đoán') => ({ code, name });

describe('ICD-10 codes checked against the Ministry’s list when a visit is saved', () => {
  it('accepts listed codes, asterisk codes (missing from the list), dagger codes and a diagnosis without code', () => {
    expect(
      unknownIcdCodes([dx('I10'), dx('E11.9'), dx('G01*'), dx('J17.0*'), dx('A17.0†'), dx('')], list),
    ).toEqual([]);
  });
  it('refuses a code that is not in the list, naming the diagnosis', () => {
    expect(unknownIcdCodes([dx('I10'), dx('X99.9', 'Sốt')], list)).toEqual([
      {
        index: 1,
        code: 'X99.9',
        message:
          'Chẩn đoán 2 (Sốt): mã ICD-10 “X99.9” không có trong danh mục ICD-10 của Bộ Y tế. Chọn mã từ danh sách gợi ý; mã dấu sao ghi kèm “*” (ví dụ G01*).',
      },
    ]);
    expect(unknownIcdCodes([dx('I1O'), dx('G01**')], list).map((u) => u.code)).toEqual(['I1O', 'G01**']);
  });
});
