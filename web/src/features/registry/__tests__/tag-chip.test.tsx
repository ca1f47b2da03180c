import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_TAGS } from '../../../../../common/tags';
import { renderWithProviders } from '../../../testing/render-with-providers';
import { type ChipTag, TagChip, TagSymbols, tint } from '../components/tag-chip';

function chip(code: string, riskLevel?: string): ChipTag {
  const def = DEFAULT_TAGS.find((t) => t.code === code);
  if (!def) throw new Error(`no default tag ${code}`);
  return { code, symbol: def.symbol, color: def.color, name: def.name, riskLevel };
}

describe('TagChip', () => {
  it('when shown in full, then the symbol carries the tag colour and the Chinese name and risk level follow', () => {
    const { container } = renderWithProviders(<TagChip tag={chip('severe_mental', '3级')} />);
    const symbol = container.querySelector('.og-tag-symbol') as HTMLElement;
    expect(symbol.textContent).toBe('⊕');
    expect(symbol.style.color).toBe('rgb(158, 16, 104)');
    expect(screen.getByText('严重精神障碍')).toBeTruthy();
    expect(screen.getByText('3级')).toBeTruthy();
    expect(container.querySelector('[data-tag="severe_mental"]')).toBeTruthy();
  });

  it('when the UI is in English, then the English name shows', () => {
    renderWithProviders(<TagChip tag={chip('elderly_alone')} />, { locale: 'en' });
    expect(screen.getByText('Elderly living alone')).toBeTruthy();
    expect(screen.queryByText('独居老人')).toBeNull();
  });

  it('when compact, then only the symbol shows and the name (with level) is its accessible label', () => {
    renderWithProviders(<TagChip tag={chip('community_correction', '缓刑')} compact />);
    const img = screen.getByRole('img', { name: '社区矫正 · 缓刑' });
    expect(img.textContent).toBe('矫');
    expect(screen.queryByText('社区矫正')).toBeNull();
  });

  it('when removable, then the close button calls back and says what it removes', () => {
    const onClose = vi.fn();
    renderWithProviders(<TagChip tag={chip('safe_family')} onClose={onClose} closeLabel="移除" />);
    fireEvent.click(screen.getByTestId('tag-remove-safe_family'));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('when not removable, then there is no close button', () => {
    renderWithProviders(<TagChip tag={chip('party_household')} />);
    expect(screen.queryByTestId('tag-remove-party_household')).toBeNull();
  });
});

describe('TagSymbols', () => {
  it('when a household has tags, then each symbol shows in order, in its own colour', () => {
    const { container } = renderWithProviders(
      <TagSymbols tags={[chip('party_household'), chip('elderly_alone'), chip('rented')]} />,
    );
    const symbols = [...container.querySelectorAll('.og-tag-symbol')] as HTMLElement[];
    expect(symbols.map((s) => s.textContent)).toEqual(['★', '◉', '租']);
    expect(symbols.map((s) => s.style.color)).toEqual([
      'rgb(200, 22, 29)',
      'rgb(212, 107, 8)',
      'rgb(124, 179, 5)',
    ]);
    expect(screen.getByRole('img', { name: '党员户' })).toBeTruthy();
  });

  it('when there are more tags than room, then the rest is counted', () => {
    const codes = ['party_household', 'elderly_alone', 'rented', 'volunteer', 'safe_family'];
    renderWithProviders(<TagSymbols tags={codes.map((c) => chip(c))} max={3} />);
    expect(screen.getAllByRole('img')).toHaveLength(3);
    expect(screen.getByText('+2')).toBeTruthy();
  });

  it('when there are no tags, then a dash keeps the cell from collapsing', () => {
    renderWithProviders(<TagSymbols tags={[]} />);
    expect(screen.getByText('—')).toBeTruthy();
  });
});

describe('tint', () => {
  it('turns a hex colour into a light rgba background and ignores anything else', () => {
    expect(tint('#c8161d', 0.1)).toBe('rgba(200, 22, 29, 0.1)');
    expect(tint('red')).toBe('rgba(0,0,0,0.04)');
  });
});
