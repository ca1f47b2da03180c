import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useTags } from '../api/list-tags';
import type { Tag } from '../api/types';
import { useRegistryI18n } from '../messages';

/** A tag picker whose options carry the symbol in its colour, as on the grid chart. */
export function TagSelect({
  value,
  onChange,
  placeholder,
  filter,
  style,
  allowClear = true,
  testId,
  id,
}: {
  value?: string;
  onChange?: (code: string | undefined, tag: Tag | undefined) => void;
  placeholder?: string;
  filter?: (tag: Tag) => boolean;
  style?: CSSProperties;
  allowClear?: boolean;
  testId?: string;
  id?: string;
}) {
  const { locale } = useRegistryI18n();
  const tags = useTags();
  const items = (tags.data ?? []).filter((tag) => tag.active !== false && (!filter || filter(tag)));
  return (
    <Select
      id={id}
      data-testid={testId}
      style={style}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'search' }}
      placeholder={placeholder}
      loading={tags.isLoading}
      value={value}
      onChange={(code?: string) =>
        onChange?.(
          code,
          items.find((tag) => tag.code === code),
        )
      }
      options={items.map((tag) => ({
        value: tag.code,
        search: `${tag.name.zh} ${tag.name.en} ${tag.code}`,
        label: (
          <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
            <span className="og-tag-symbol" style={{ color: tag.color, width: 18 }}>
              {tag.symbol}
            </span>
            {locale === 'en' ? tag.name.en : tag.name.zh}
          </span>
        ),
      }))}
      popupMatchSelectWidth={false}
    />
  );
}
