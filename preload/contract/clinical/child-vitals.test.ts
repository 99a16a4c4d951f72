import { describe, expect, it } from 'vitest';
import { labsToSave, withPresetLabs } from './labs.ts';
import { assessVitals } from './vitals.ts';

describe('head circumference and MUAC: impossible refused, rare confirmed', () => {
  it('refuses an impossible head or arm, with a hint for a MUAC typed in cm', () => {
    expect(assessVitals({ headCircumferenceCm: 90 }, 1).map((f) => [f.level, f.message])).toEqual([
      ['block', 'Vòng đầu 90 cm là không thể có: chỉ nhận 15–80 cm.'],
    ]);
    expect(assessVitals({ muacMm: 12 }, 2).map((f) => [f.level, f.message])).toEqual([
      [
        'block',
        'Vòng cánh tay (MUAC) 12 mm là không thể có: chỉ nhận 50–600 mm. Có thể đã nhập cm thay vì mm?',
      ],
    ]);
  });
  it('asks to confirm a value rare for the age, and passes an ordinary one', () => {
    expect(assessVitals({ headCircumferenceCm: 58 }, 1).map((f) => [f.level, f.message])).toEqual([
      ['confirm', 'Vòng đầu 58 cm nằm ngoài khoảng thường gặp (40–56 cm).'],
    ]);
    expect(assessVitals({ muacMm: 75 }, 3).map((f) => f.message)).toEqual([
      'Vòng cánh tay (MUAC) 75 mm nằm ngoài khoảng thường gặp (80–230 mm).',
    ]);
    expect(assessVitals({ headCircumferenceCm: 46, muacMm: 112 }, 1)).toEqual([]);
  });
});

describe('831 D.3 preset test rows', () => {
  it('puts the four preset rows first, with a result where the visit has one, then the other tests', () => {
    expect(
      withPresetLabs([
        { group: 'lab', name: 'Đường huyết mao mạch', result: '7,2 mmol/L' },
        { group: 'lab', name: 'sinh hóa máu', result: 'Ure 5' },
      ]),
    ).toEqual([
      { group: 'lab', name: 'Xét nghiệm huyết học', result: '' },
      { group: 'lab', name: 'sinh hóa máu', result: 'Ure 5' },
      { group: 'lab', name: 'Sinh hóa nước tiểu', result: '' },
      { group: 'imaging', name: 'Siêu âm ổ bụng', result: '' },
      { group: 'lab', name: 'Đường huyết mao mạch', result: '7,2 mmol/L' },
    ]);
  });
  it('saves a preset row only with a result, and any other row with something in it', () => {
    expect(
      labsToSave([
        { group: 'lab', name: 'Xét nghiệm huyết học', result: '' },
        { group: 'imaging', name: 'Siêu âm ổ bụng', result: 'Gan nhiễm mỡ độ 1' },
        { group: 'lab', name: '', result: '' },
        { group: 'lab', name: 'Test nhanh sốt xuất huyết', result: '' },
      ]),
    ).toEqual([
      { group: 'imaging', name: 'Siêu âm ổ bụng', result: 'Gan nhiễm mỡ độ 1' },
      { group: 'lab', name: 'Test nhanh sốt xuất huyết', result: '' },
    ]);
  });
});
