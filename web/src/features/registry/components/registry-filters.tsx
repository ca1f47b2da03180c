import { FilterOutlined, SearchOutlined } from '@ant-design/icons';
import { Badge, Button, Col, Grid, Input, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { HOUSEHOLD_USES } from '../../../../../common/registry';
import { GridNodePicker } from '../../grid/components/grid-node-picker';
import type { ListParams, ListPatch } from '../hooks/use-list-params';
import { useRegistryI18n } from '../messages';
import { BuildingSelect } from './building-select';
import { householdUseLabel } from './labels';
import { TagSelect } from './tag-select';

const RESIDENT_STATUSES = ['active', 'moved_out', 'deceased', 'all'] as const;

/**
 * The filter bar shared by 住户 and 居民: node (limited to the user's grid), building, tag, use or status,
 * and a search box. On a phone only the search shows; the rest folds behind a 筛选 button.
 */
export function RegistryFilters({
  params,
  onChange,
  kind,
}: {
  params: ListParams;
  onChange: (patch: ListPatch) => void;
  kind: 'households' | 'residents';
}) {
  const { t, locale } = useRegistryI18n();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [text, setText] = useState(params.q);
  const [open, setOpen] = useState(false);

  useEffect(() => setText(params.q), [params.q]);
  useEffect(() => {
    const timer = setTimeout(() => {
      if (text.trim() !== params.q) onChange({ q: text });
    }, 350);
    return () => clearTimeout(timer);
  }, [text, params.q, onChange]);

  const activeCount = [
    params.buildingId,
    params.tag,
    kind === 'households' ? params.use : undefined,
    kind === 'residents' && params.status !== 'active' ? params.status : undefined,
  ].filter((v) => v !== undefined).length;

  const search = (
    <Input
      allowClear
      prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
      placeholder={kind === 'households' ? t('reg.search.households') : t('reg.search.residents')}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onPressEnter={() => onChange({ q: text })}
      data-testid={`${kind}-search`}
    />
  );

  const fields = (
    <>
      <Col xs={24} sm={12} lg={7}>
        <GridNodePicker
          style={{ width: '100%' }}
          placeholder={t('reg.filter.node')}
          value={params.nodeId ?? null}
          valueLabel={params.nodeName}
          onChange={(id, node) => onChange({ nodeId: id, nodeName: node?.name })}
          data-testid={`${kind}-filter-node`}
        />
      </Col>
      <Col xs={12} sm={12} lg={4}>
        <BuildingSelect
          style={{ width: '100%' }}
          nodeId={params.nodeId}
          placeholder={t('reg.filter.building')}
          value={params.buildingId}
          onChange={(buildingId) => onChange({ buildingId })}
          testId={`${kind}-filter-building`}
        />
      </Col>
      <Col xs={12} sm={12} lg={4}>
        <TagSelect
          style={{ width: '100%' }}
          placeholder={t('reg.filter.tag')}
          value={params.tag}
          onChange={(tag) => onChange({ tag })}
          testId={`${kind}-filter-tag`}
        />
      </Col>
      <Col xs={12} sm={12} lg={3}>
        {kind === 'households' ? (
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('reg.filter.use')}
            value={params.use}
            onChange={(use?: string) => onChange({ use })}
            options={HOUSEHOLD_USES.map((u) => ({ value: u, label: householdUseLabel(u, locale) }))}
            data-testid="households-filter-use"
          />
        ) : (
          <Select
            style={{ width: '100%' }}
            placeholder={t('reg.filter.status')}
            value={params.status ?? 'active'}
            onChange={(status?: string) => onChange({ status })}
            options={RESIDENT_STATUSES.map((s) => ({ value: s, label: t(`reg.status.${s}`) }))}
            data-testid="residents-filter-status"
          />
        )}
      </Col>
    </>
  );

  if (narrow) {
    return (
      <div style={{ marginBottom: 12 }}>
        <div style={{ display: 'flex', gap: 8 }}>
          <div style={{ flex: 1, minWidth: 0 }}>{search}</div>
          <Badge count={activeCount} size="small" color="#c8161d">
            <Button
              icon={<FilterOutlined />}
              onClick={() => setOpen((v) => !v)}
              type={open ? 'primary' : 'default'}
              data-testid={`${kind}-filters-toggle`}
            >
              {t('reg.filter.moreOpen')}
            </Button>
          </Badge>
        </div>
        {open ? (
          <Row gutter={[8, 8]} style={{ marginTop: 8 }}>
            {fields}
          </Row>
        ) : null}
      </div>
    );
  }

  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {fields}
      <Col xs={24} sm={24} lg={6}>
        {search}
      </Col>
    </Row>
  );
}
