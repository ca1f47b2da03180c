import { Select } from 'antd';
import { type CSSProperties, useEffect, useState } from 'react';
import { useHouseholds } from '../api/list-households';
import type { HouseholdRow } from '../api/types';
import { useRegistryI18n } from '../messages';
import { TagSymbols } from './tag-chip';

/** Finds a household in the user's area by room label or householder name (server search, 20 at a time). */
export function HouseholdPicker({
  value,
  valueLabel,
  onChange,
  nodeId,
  excludeId,
  style,
  testId,
  id,
}: {
  value?: number;
  valueLabel?: string;
  onChange?: (id: number | undefined, row: HouseholdRow | undefined) => void;
  nodeId?: number;
  excludeId?: number | null;
  style?: CSSProperties;
  testId?: string;
  id?: string;
}) {
  const { t } = useRegistryI18n();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const list = useHouseholds({ q: q || undefined, nodeId, pageSize: 20 }, q.length > 0);
  const rows = (list.data?.items ?? []).filter((row) => row.id !== excludeId);
  const options = rows.map((row) => ({
    value: row.id,
    label: (
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
        <span className="og-room">{row.roomLabel}</span>
        {row.householderName ? <span className="og-muted">{row.householderName}</span> : null}
        {row.tags.length ? <TagSymbols tags={row.tags} max={4} /> : null}
      </span>
    ),
  }));
  if (value !== undefined && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: <span className="og-room">{valueLabel ?? `#${value}`}</span> });
  }
  return (
    <Select
      id={id}
      data-testid={testId}
      style={style}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false }}
      value={value}
      placeholder={t('reg.picker.household')}
      loading={list.isFetching}
      notFoundContent={q ? t('reg.picker.none') : null}
      onChange={(next?: number) => {
        onChange?.(
          next,
          rows.find((row) => row.id === next),
        );
        setSearch('');
      }}
      options={options}
      allowClear
    />
  );
}
