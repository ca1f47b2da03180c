import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { CASE_STATE_LABELS, isOpenState } from '../../../../../common/cases';
import { useCases } from '../api/list-cases';
import { useCaseI18n } from '../messages';

/** Finds an open case to merge into, by number or words; the case itself is left out. */
export function CaseSearchSelect({
  value,
  valueLabel,
  onChange,
  excludeId,
  testId,
  id,
}: {
  value?: number;
  valueLabel?: string;
  onChange?: (id: number | undefined) => void;
  excludeId?: number;
  testId?: string;
  id?: string;
}) {
  const { t, label } = useCaseI18n();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const list = useCases({ view: 'all', q, pageSize: 20, sort: 'created' }, q.length > 0);
  const rows = (list.data?.items ?? []).filter((row) => row.id !== excludeId && isOpenState(row.state));
  const options = rows.map((row) => ({
    value: row.id,
    label: (
      <span className="cs-option">
        <span className="cs-number">{row.number}</span>
        <span className="cs-option-title">{row.title}</span>
        <span className="og-muted">{label(CASE_STATE_LABELS[row.state])}</span>
      </span>
    ),
  }));
  if (value !== undefined && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: <span className="cs-number">{valueLabel ?? `#${value}`}</span> });
  }
  return (
    <Select
      id={id}
      data-testid={testId}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false }}
      value={value}
      placeholder={t('cases.action.master.placeholder')}
      loading={list.isFetching}
      notFoundContent={q ? t('cases.empty.list') : null}
      onChange={(next?: number) => {
        onChange?.(next);
        setSearch('');
      }}
      options={options}
      allowClear
    />
  );
}
