import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import SearchSelect from './SearchSelect.svelte';

const items = [
  { value: '16279', label: 'Xã Nông Cống' },
  { value: '16300', label: 'Xã Đông Sơn' },
  { value: '16312', label: 'Phường Hạc Thành' },
];

afterEach(cleanup);

describe('SearchSelect', () => {
  it('filters without diacritics or đ, and Enter picks the highlighted item', async () => {
    const onselect = vi.fn();
    render(SearchSelect, { props: { id: 'commune', items, value: '', onselect } });
    const input = screen.getByRole('combobox');
    await fireEvent.input(input, { target: { value: 'dong son' } });
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.textContent?.trim())).toEqual(['Xã Đông Sơn']);
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(onselect).toHaveBeenCalledWith('16300');
    expect((input as HTMLInputElement).value).toBe('Xã Đông Sơn');
  });

  it('moves through options with the arrow keys and closes on Escape', async () => {
    const onselect = vi.fn();
    render(SearchSelect, { props: { id: 'c2', items, value: '', onselect } });
    const input = screen.getByRole('combobox');
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).toBe('c2-opt-1');
    await fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryAllByRole('option')).toHaveLength(0);
    expect(onselect).not.toHaveBeenCalled();
  });
});
