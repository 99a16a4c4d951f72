import { describe, expect, it } from 'vitest';
import { cardSamples } from '../test-support/card-samples.ts';
import { detectCard, parseCard } from './detect.ts';

const S = cardSamples();

describe('detectCard', () => {
  it('tells the real CCCD and BHYT samples apart', () => {
    for (const [name, payload] of Object.entries(S))
      expect(detectCard(payload), name).toBe(name.startsWith('cccd') ? 'cccd' : 'bhyt');
  });

  it('recognises the 6-field CCCD and rejects other barcodes', () => {
    expect(detectCard('034303011829|Nguyễn Thị Hoa|21032003|Nữ|X|14082021')).toBe('cccd');
    expect(detectCard('8934563138165')).toBe('unknown');
    expect(detectCard('https://example.vn/?q=1|2|3')).toBe('unknown');
    expect(detectCard(undefined)).toBe('unknown');
  });

  it('parses through one entry point', () => {
    expect(parseCard(S['bhyt-2023-nguyen-tien-dat']).result.card?.fullName).toBe('Nguyễn Tiến Đạt');
    expect(parseCard(S['cccd-le-van-luong']).result.card?.fullName).toBe('Lê Văn Lương');
    expect(parseCard('EAN 8934563138165').result.errors[0]).toMatch(/không phải mã QR/);
  });
});
