import '../cases.css';
import { FilterOutlined } from '@ant-design/icons';
import { Badge, Button, Checkbox, Drawer, Grid, Input, Select } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import {
  CASE_SOURCE_LABELS,
  CASE_SOURCES,
  CASE_STATE_LABELS,
  CASE_STATES,
} from '../../../../../common/cases';
import { GridNodePicker } from '../../grid/components/grid-node-picker';
import type { CaseListParams, CaseListPatch } from '../hooks/use-case-list-params';
import { useCaseI18n } from '../messages';
import { CategorySelect } from './category-select';
import { UnitSelect } from './unit-select';

/**
 * 全部事件 filters: state, category, grid, unit, source, overdue, supervised and a text search. On a
 * desk they sit in one wrapping row; on a phone the search stays and the rest open in a drawer.
 */
export function CaseFilters({
  params,
  onChange,
  onReset,
}: {
  params: CaseListParams;
  onChange: (patch: CaseListPatch) => void;
  onReset: () => void;
}) {
  const { t, label } = useCaseI18n();
  const phone = Grid.useBreakpoint().md === false;
  const [drawer, setDrawer] = useState(false);
  const [q, setQ] = useState(params.q ?? '');
  useEffect(() => setQ(params.q ?? ''), [params.q]);

  const active = [
    params.state,
    params.categoryId,
    params.unitId,
    params.source,
    params.overdue || undefined,
    params.supervised || undefined,
  ].filter((v) => v !== undefined).length;

  const search = (
    <Input.Search
      allowClear
      value={q}
      onChange={(e) => setQ(e.target.value)}
      onSearch={(value) => onChange({ q: value })}
      placeholder={t('cases.filter.q')}
      style={{ width: phone ? '100%' : 240 }}
      data-testid="case-filter-q"
      aria-label={t('cases.filter.q')}
    />
  );

  const fields: ReactNode = (
    <>
      <GridNodePicker
        value={params.nodeId ?? null}
        valueLabel={params.nodeName}
        onChange={(id, node) => onChange({ nodeId: id, nodeName: node?.name })}
        placeholder={t('cases.filter.node')}
        style={{ width: phone ? '100%' : 200 }}
        data-testid="case-filter-node"
      />
      <Select
        allowClear
        value={params.state}
        onChange={(state) => onChange({ state })}
        placeholder={t('cases.filter.state')}
        style={{ width: phone ? '100%' : 120 }}
        options={CASE_STATES.map((s) => ({ value: s, label: label(CASE_STATE_LABELS[s]) }))}
        data-testid="case-filter-state"
        aria-label={t('cases.filter.state')}
      />
      <CategorySelect
        value={params.categoryId}
        onChange={(categoryId) => onChange({ categoryId })}
        placeholder={t('cases.filter.category')}
        style={{ width: phone ? '100%' : 160 }}
        testId="case-filter-category"
      />
      <UnitSelect
        value={params.unitId}
        onChange={(unitId) => onChange({ unitId: unitId as number | undefined })}
        placeholder={t('cases.filter.unit')}
        style={{ width: phone ? '100%' : 150 }}
        testId="case-filter-unit"
      />
      <Select
        allowClear
        value={params.source}
        onChange={(source) => onChange({ source })}
        placeholder={t('cases.filter.source')}
        style={{ width: phone ? '100%' : 130 }}
        options={CASE_SOURCES.map((s) => ({ value: s, label: label(CASE_SOURCE_LABELS[s]) }))}
        data-testid="case-filter-source"
        aria-label={t('cases.filter.source')}
      />
      <Checkbox
        checked={params.overdue}
        onChange={(e) => onChange({ overdue: e.target.checked })}
        data-testid="case-filter-overdue"
      >
        {t('cases.filter.overdue')}
      </Checkbox>
      <Checkbox
        checked={params.supervised}
        onChange={(e) => onChange({ supervised: e.target.checked })}
        data-testid="case-filter-supervised"
      >
        {t('cases.filter.supervised')}
      </Checkbox>
      <Select
        value={params.sort}
        onChange={(sort) => onChange({ sort })}
        style={{ width: phone ? '100%' : 120 }}
        options={[
          { value: 'due', label: t('cases.sort.due') },
          { value: 'created', label: t('cases.sort.created') },
        ]}
        data-testid="case-filter-sort"
        aria-label={t('cases.filter.sort')}
      />
      <Button onClick={onReset} type="link" data-testid="case-filter-reset">
        {t('common.reset')}
      </Button>
    </>
  );

  if (phone) {
    return (
      <div className="cs-filters-phone">
        {search}
        <Badge count={active} size="small">
          <Button icon={<FilterOutlined />} onClick={() => setDrawer(true)} data-testid="case-filter-open">
            {t('cases.filter.more')}
          </Button>
        </Badge>
        <Drawer
          open={drawer}
          onClose={() => setDrawer(false)}
          placement="bottom"
          size="auto"
          title={t('cases.filter.more')}
        >
          <div className="cs-filters-stack">{fields}</div>
        </Drawer>
      </div>
    );
  }
  return (
    <div className="cs-filters" data-testid="case-filters">
      {search}
      {fields}
    </div>
  );
}
