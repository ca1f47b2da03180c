import type { KeyboardEvent } from 'react';
import type { PublicCategory } from '../api/types';
import { CategoryIcon } from './category-icon';

/** Big icon buttons, three to a row: one tap picks what the matter is about (a radio group for screen readers). */
export function CategoryPicker({
  categories,
  value,
  onChange,
  label,
}: {
  categories: PublicCategory[];
  value?: number;
  onChange?: (id: number) => void;
  label: string;
}) {
  const move = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? 1
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? -1
          : 0;
    if (!step) return;
    e.preventDefault();
    const next = categories[(index + step + categories.length) % categories.length];
    if (next) onChange?.(next.id);
    const buttons = e.currentTarget.parentElement?.querySelectorAll('button');
    (
      buttons?.[(index + step + categories.length) % categories.length] as HTMLButtonElement | undefined
    )?.focus();
  };
  return (
    <div className="h5-cats" role="radiogroup" aria-label={label} data-testid="category-picker">
      {categories.map((c, i) => (
        <button
          key={c.id}
          type="button"
          role="radio"
          aria-checked={value === c.id}
          tabIndex={value === c.id || (value === undefined && i === 0) ? 0 : -1}
          className="h5-cat"
          data-testid={`category-${c.code}`}
          onClick={() => onChange?.(c.id)}
          onKeyDown={(e) => move(e, i)}
        >
          <CategoryIcon icon={c.icon} />
          <span>{c.name}</span>
        </button>
      ))}
    </div>
  );
}
