import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useCaseMeta } from '../api/meta';
import { useCaseI18n } from '../messages';

/** Units (住建局, 物业公司 …) from /api/cases/meta, searchable by name or code. */
export function UnitSelect({
  value,
  onChange,
  multiple = false,
  excludeIds = [],
  placeholder,
  style,
  testId,
  id,
  allowClear = true,
}: {
  value?: number | number[] | null;
  onChange?: (value: number | number[] | undefined) => void;
  multiple?: boolean;
  excludeIds?: number[];
  placeholder?: string;
  style?: CSSProperties;
  testId?: string;
  id?: string;
  allowClear?: boolean;
}) {
  const { label } = useCaseI18n();
  const meta = useCaseMeta();
  const options = (meta.data?.units ?? [])
    .filter((u) => u.active !== false && !excludeIds.includes(u.id))
    .map((u) => ({ value: u.id, label: label(u.name), search: `${label(u.name)} ${u.code}` }));
  return (
    <Select
      id={id}
      data-testid={testId}
      mode={multiple ? 'multiple' : undefined}
      style={style}
      value={value ?? undefined}
      onChange={(next: number | number[] | undefined) => onChange?.(next)}
      options={options}
      loading={meta.isLoading}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'search' }}
      maxTagCount="responsive"
    />
  );
}
