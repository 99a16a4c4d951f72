import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { vnDay } from '../clock.ts';
import { makeSampleResident, pdfText } from './testing.ts';

let t: TestCore;
afterEach(() => t?.close());

describe('831 D.3 on the printed visit form', () => {
  it('prints the four preset test rows, numbered, even when no test was done', async () => {
    t = await makeSignedInCore();
    const id = await makeSampleResident(t.ok, [vnDay(new Date())]);
    const r = await t.ok('forms.render', { form: 'visit', personId: id });
    const text = pdfText(Buffer.from(r.pdfBase64, 'base64')).replace(/[ \t]+/g, ' ');
    expect(text).toMatch(
      /1 Xét nghiệm huyết học[\s\S]*2 Sinh hóa máu[\s\S]*3 Sinh hóa nước tiểu[\s\S]*4 Siêu âm ổ bụng/,
    );
  });
});
