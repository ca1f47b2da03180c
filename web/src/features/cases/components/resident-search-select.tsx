import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useResidents } from '../../registry/api/list-residents';
import type { ResidentRow } from '../../registry/api/types';
import { useCaseI18n } from '../messages';

/** The reporter among registered residents, by name fragment or room label (server search, 20 at a time). */
export function ResidentSearchSelect({
  value,
  onChange,
  nodeId,
  testId,
  id,
}: {
  value?: number;
  onChange?: (id: number | undefined, row: ResidentRow | undefined) => void;
  nodeId?: number;
  testId?: string;
  id?: string;
}) {
  const { t } = useCaseI18n();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<ResidentRow | undefined>();
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const list = useResidents({ q: q || undefined, nodeId, pageSize: 20 }, q.length > 0);
  const rows = list.data?.items ?? [];
  const shown = picked && !rows.some((r) => r.id === picked.id) ? [picked, ...rows] : rows;
  const options = shown.map((row) => ({
    value: row.id,
    label: (
      <span className="cs-option">
        <span>{row.name}</span>
        {row.roomLabel ? <span className="og-room">{row.roomLabel}</span> : null}
        {row.phoneMasked ? <span className="og-muted">{row.phoneMasked}</span> : null}
      </span>
    ),
  }));
  return (
    <Select
      id={id}
      data-testid={testId}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false }}
      value={value}
      placeholder={t('cases.form.reporter.search')}
      loading={list.isFetching}
      notFoundContent={q ? t('common.empty') : null}
      onChange={(next?: number) => {
        const row = shown.find((r) => r.id === next);
        setPicked(row);
        onChange?.(next, row);
        setSearch('');
      }}
      options={options}
      allowClear
    />
  );
}
