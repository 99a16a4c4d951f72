import { describe, expect, it } from 'vitest';
import { implausibility } from './plausibility.ts';
import { convertTcvn3Cell, isTcvn3Table, tcvn3Evidence, tcvn3Font } from './tcvn3.ts';
import { repairSheetText } from './text-cells.ts';

describe('TCVN3 (ABC, .VnTime fonts)', () => {
  it('converts text typed with .VnTime fonts to Unicode', () => {
    expect(convertTcvn3Cell('NguyÔn V¨n An')).toBe('Nguyễn Văn An');
    expect(convertTcvn3Cell('Hä vµ tªn')).toBe('Họ và tên');
    // ư is 0xAD, the soft hyphen: invisible in Excel, but there.
    expect(convertTcvn3Cell('Ng\u00adêi §\u00adîc')).toBe('Người Được');
    expect(convertTcvn3Cell('Ninh B×nh')).toBe('Ninh Bình');
  });

  it('upper-cases a cell typed in capitals (ASCII capitals, or a .VnTimeH font)', () => {
    expect(convertTcvn3Cell('NGUYÔN V¨N AN')).toBe('NGUYỄN VĂN AN');
    expect(convertTcvn3Cell('trÇn thÞ thñy', { capitals: true })).toBe('TRẦN THỊ THỦY');
  });

  it('leaves cells that cannot be TCVN3 alone', () => {
    expect(convertTcvn3Cell('Nguyễn Văn An')).toBe('Nguyễn Văn An');
    expect(convertTcvn3Cell('Lê Hà')).toBe('Lê Hà'); // à is not a VN3 byte
    expect(convertTcvn3Cell('Nguyen Van An')).toBe('Nguyen Van An');
    // Letters both encodings share are read as TCVN3: the function is only applied to TCVN3 tables.
    expect(convertTcvn3Cell('Thôn 3')).toBe('Thụn 3');
  });

  it('does not touch a Unicode table', () => {
    const sheet = {
      name: 'S',
      hidden: false,
      rows: [
        ['Họ và tên', 'Thôn'],
        ['Lê Hà', 'Thôn 3'],
        ['Trần Thị Bé', '«Xóm Chợ»'],
      ],
      typed: {},
      merges: [],
    };
    expect(repairSheetText(sheet, false).tcvn3Cells).toBe(0);
    expect(sheet.rows[1]).toEqual(['Lê Hà', 'Thôn 3']);
  });

  it('decides per table: telltale cells, not drowned out by Unicode cells', () => {
    expect(isTcvn3Table(tcvn3Evidence(['Hä vµ tªn', 'NguyÔn V¨n An', 'TrÇn ThÞ B×nh']))).toBe(true);
    expect(
      isTcvn3Table(tcvn3Evidence(['Họ và tên', 'Nguyễn Văn An', '«Thôn 3»', 'Trần Thị Bình', 'Lê Thị Hà'])),
    ).toBe(false);
    expect(isTcvn3Table(tcvn3Evidence(['Müller', 'Nguyen Van An']))).toBe(false);
  });

  it('recognises the ABC fonts by name, not the VNI ones', () => {
    expect(tcvn3Font('.VnTime')).toBe('normal');
    expect(tcvn3Font('.VnArialH')).toBe('capitals');
    expect(tcvn3Font('VNI-Times')).toBeNull();
    expect(tcvn3Font('Times New Roman')).toBeNull();
  });

  it('scores mis-decoded text as less plausible than Vietnamese', () => {
    expect(implausibility(['Nguyễn Văn An'])).toBe(0);
    expect(implausibility(['NguyÔn V¨n An'])).toBeGreaterThan(0);
    expect(implausibility(['Nguyờịn'])).toBeGreaterThan(0);
  });
});
