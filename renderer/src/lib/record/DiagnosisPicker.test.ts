import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The picker talks to the core through window.hssk; here a stand-in answers `codes.icd10Search`
 * the way the core does (the filtering itself is tested on the real list in
 * main/core/codes/icd10-search.test.ts): for a man, no pregnancy codes and a count of those left out.
 */
const calls = vi.hoisted(() => {
  const calls: { q: string; sex?: string | null; ageYears?: number | null }[] = [];
  const pregnancy = [
    { code: 'O26.9', name: 'Tình trạng liên quan đến mang thai, không đặc hiệu' },
    { code: 'Z33', name: 'Tình trạng mang thai, ngẫu nhiên' },
  ];
  const other = [{ code: 'Z64.0', name: 'Vấn đề liên quan đến mang thai ngoài ý muốn' }];
  Object.defineProperty(window, 'hssk', {
    configurable: true,
    value: {
      codes: {
        icd10Search: (input: { q: string; sex?: 'M' | 'F' | null; ageYears?: number | null }) => {
          calls.push(input);
          const forMan = input.sex === 'M';
          return Promise.resolve({
            ok: true,
            value: forMan
              ? {
                  hits: other,
                  hidden: 2,
                  hiddenReason:
                    'Nhóm thai nghén, sinh đẻ và hậu sản (O00–O99) chỉ dùng cho nữ từ 10 đến 55 tuổi; người này là nam.',
                }
              : { hits: [...pregnancy, ...other], hidden: 0, hiddenReason: null },
          });
        },
      },
    },
  });
  return calls;
});

import DiagnosisPicker from './DiagnosisPicker.svelte';

beforeEach(() => (calls.length = 0));
afterEach(cleanup);

async function type(text: string): Promise<HTMLElement> {
  const input = screen.getByRole('combobox', { name: 'Tìm chẩn đoán ICD-10' });
  await fireEvent.input(input, { target: { value: text } });
  return input;
}

describe('DiagnosisPicker', () => {
  it('for a man: asks for his sex and age, offers no O-code, and says what it left out', async () => {
    render(DiagnosisPicker, { props: { diagnoses: [], sex: 'M', ageYears: 40 } });
    const input = await type('mang thai');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    expect(calls.at(-1)).toMatchObject({ q: 'mang thai', sex: 'M', ageYears: 40 });
    const offered = screen.getAllByRole('option').map((o) => o.textContent ?? '');
    expect(offered.filter((t) => /\bO\d\d/.test(t))).toEqual([]);
    expect(screen.getByRole('note').textContent).toMatch(
      /Đã ẩn 2 mã không dùng được cho người này\..*người này là nam/,
    );
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByRole('list', { name: 'Chẩn đoán đã chọn' }).textContent).toContain('Z64.0');
  });

  it('without a person (sex and age unknown) asks for everything', async () => {
    render(DiagnosisPicker, { props: { diagnoses: [] } });
    await type('mang thai');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(3));
    expect(calls.at(-1)).toMatchObject({ q: 'mang thai', sex: null, ageYears: null });
    expect(screen.queryByRole('note')).toBeNull();
  });
});
