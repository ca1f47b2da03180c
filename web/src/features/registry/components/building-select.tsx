import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useBuildings } from '../api/list-buildings';
import { useRegistryI18n } from '../messages';

/** Buildings under a node, by number; disabled until a node is chosen so the list stays short. */
export function BuildingSelect({
  nodeId,
  value,
  onChange,
  placeholder,
  style,
  testId,
}: {
  nodeId: number | undefined;
  value?: number;
  onChange?: (id: number | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  testId?: string;
}) {
  const { t } = useRegistryI18n();
  const buildings = useBuildings({ nodeId }, nodeId !== undefined);
  return (
    <Select
      data-testid={testId}
      style={style}
      allowClear
      showSearch={{ optionFilterProp: 'search' }}
      placeholder={placeholder}
      disabled={nodeId === undefined}
      loading={buildings.isLoading}
      value={value}
      onChange={(id?: number) => onChange?.(id)}
      options={(buildings.data ?? []).map((b) => ({
        value: b.id,
        search: `${b.number} ${b.name ?? ''}`,
        label: b.name
          ? `${t('reg.building.label', { number: b.number })} · ${b.name}`
          : t('reg.building.label', { number: b.number }),
      }))}
    />
  );
}
