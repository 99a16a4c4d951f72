/**
 * 831 D.3 "Kết quả cận lâm sàng": the paper form prints four test rows ready to fill
 * (/work/shared/reference/form-831-and-standards.md, part D item 3: xét nghiệm huyết học, sinh hóa
 * máu, sinh hóa nước tiểu, siêu âm ổ bụng). The exam shows them as rows with only the result to
 * type, the printed form always carries them (blank where nothing was done), and a preset row left
 * empty is not saved (it is the form's, not a test that was done).
 */
export interface LabRow {
  group: 'lab' | 'imaging';
  name: string;
  result: string;
}

export const D3_PRESET_LABS: readonly Readonly<LabRow>[] = [
  { group: 'lab', name: 'Xét nghiệm huyết học', result: '' },
  { group: 'lab', name: 'Sinh hóa máu', result: '' },
  { group: 'lab', name: 'Sinh hóa nước tiểu', result: '' },
  { group: 'imaging', name: 'Siêu âm ổ bụng', result: '' },
];

const key = (name: string) => name.trim().toLocaleLowerCase('vi');
const PRESET_KEYS = new Set(D3_PRESET_LABS.map((l) => key(l.name)));

export const isPresetLab = (name: string): boolean => PRESET_KEYS.has(key(name));

/** The four preset rows first (with the visit's result where it has one), then the visit's other tests. */
export function withPresetLabs<T extends LabRow>(labs: readonly T[]): LabRow[] {
  const presets = D3_PRESET_LABS.map((p) => {
    const done = labs.find((l) => key(l.name) === key(p.name));
    return done ? { group: done.group, name: done.name, result: done.result } : { ...p };
  });
  return [...presets, ...labs.filter((l) => !isPresetLab(l.name)).map((l) => ({ ...l }))];
}

/** What is saved: every row with something in it, a preset row only when it has a result. */
export const labsToSave = <T extends LabRow>(labs: readonly T[]): T[] =>
  labs.filter((l) =>
    isPresetLab(l.name) ? l.result.trim() !== '' : l.name.trim() !== '' || l.result.trim() !== '',
  );
