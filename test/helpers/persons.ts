import type { PersonInput } from '#contract/ops/persons.ts';

/** A valid part-A input; tests override what they are about. */
export function personInput(over: Partial<PersonInput> = {}): PersonInput {
  return {
    fullName: 'Nguyễn Văn An',
    sex: 'M',
    birthDate: '1962-05-14',
    identifiers: [],
    currentAddress: {
      village: 'Thôn Đông',
      provinceCode: '01',
      communeCode: '00004',
      text: 'Thôn Đông, Phường Ba Đình, Thành phố Hà Nội',
    },
    ...over,
  };
}

/** A CCCD number consistent with sex and birth year (province 001 Hà Nội, 6 given digits). */
export function cccdFor(sex: 'M' | 'F', year: number, tail = '123456'): string {
  const g = (Math.floor(year / 100) - 19) * 2 + (sex === 'F' ? 1 : 0);
  return `001${g}${String(year % 100).padStart(2, '0')}${tail}`;
}
