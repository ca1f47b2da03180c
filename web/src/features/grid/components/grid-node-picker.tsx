import { useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { type CSSProperties, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { fetchChildren } from '../api/children';
import { gridKeys } from '../api/keys';
import { useGridRoots } from '../api/roots';
import { useGridSearch } from '../api/search';
import type { GridNode } from '../api/types';
import { levelLabel } from './level-tag';

export interface PickedNode {
  id: number;
  name: string;
  level: string;
  code: string;
}

interface GridNodePickerProps {
  value?: number | null;
  /** Label to show for `value` before its branch of the tree has been opened. */
  valueLabel?: string;
  onChange?: (id: number | null, node: PickedNode | null) => void;
  /** Nodes that cannot be picked and are not opened (a node being moved cannot go under itself). */
  disabledIds?: number[];
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  className?: string;
  variant?: 'outlined' | 'borderless' | 'filled';
  'data-testid'?: string;
  id?: string;
}

interface FlatOption {
  id: number;
  pId: number;
  value: number;
  title: string;
  label: string;
  isLeaf: boolean;
  disabled?: boolean;
}

function toOption(
  node: GridNode,
  locale: 'zh-CN' | 'en',
  disabled: Set<number>,
  rootIds: Set<number>,
): FlatOption {
  return {
    id: node.id,
    // Roots hang from 0 so simple mode puts them at the top whatever their real parent is.
    pId: rootIds.has(node.id) ? 0 : (node.parentId ?? 0),
    value: node.id,
    title: `${node.name} · ${levelLabel(node.level, locale)}`,
    label: node.name,
    isLeaf: node.childCount === 0 || disabled.has(node.id),
    disabled: disabled.has(node.id),
  };
}

/**
 * A grid node picker that loads one level at a time (never the whole tree) and switches to the
 * server search when the user types, so it stays quick on trees of 10,000+ nodes.
 */
export function GridNodePicker({
  value,
  valueLabel,
  onChange,
  disabledIds,
  placeholder,
  allowClear = true,
  style,
  className,
  variant,
  id,
  'data-testid': testId,
}: GridNodePickerProps) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const roots = useGridRoots();
  const [loaded, setLoaded] = useState<Map<number, GridNode>>(new Map());
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  const hits = useGridSearch(debounced);

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search), 250);
    return () => clearTimeout(timer);
  }, [search]);

  const disabled = useMemo(() => new Set(disabledIds ?? []), [disabledIds]);

  const treeData = useMemo(() => {
    const rootList = roots.data ?? [];
    const rootIds = new Set(rootList.map((n) => n.id));
    if (debounced.trim()) {
      return (hits.data ?? []).map((hit) => ({
        ...toOption(hit, locale, disabled, rootIds),
        pId: 0,
        isLeaf: true,
        title: `${hit.pathNames.join(' / ')} · ${levelLabel(hit.level, locale)}`,
      }));
    }
    const all = new Map<number, GridNode>();
    for (const node of rootList) all.set(node.id, node);
    for (const [key, node] of loaded) all.set(key, node);
    return [...all.values()].map((node) => toOption(node, locale, disabled, rootIds));
  }, [roots.data, loaded, debounced, hits.data, locale, disabled]);

  const lookup = (nodeId: number): GridNode | undefined =>
    loaded.get(nodeId) ?? roots.data?.find((n) => n.id === nodeId) ?? hits.data?.find((n) => n.id === nodeId);

  const loadData = async (option: { value?: unknown }) => {
    const nodeId = Number(option.value);
    if (!Number.isFinite(nodeId) || disabled.has(nodeId)) return;
    const children = await queryClient.fetchQuery({
      queryKey: gridKeys.children(nodeId, false),
      queryFn: () => fetchChildren(nodeId, false),
      staleTime: 30_000,
    });
    setLoaded((prev) => {
      const next = new Map(prev);
      for (const child of children) next.set(child.id, child);
      return next;
    });
  };

  const current = value === null || value === undefined ? undefined : value;
  const currentNode = current === undefined ? undefined : lookup(current);
  const labelled =
    current === undefined
      ? undefined
      : { value: current, label: currentNode?.name ?? valueLabel ?? `#${current}` };

  return (
    <TreeSelect
      id={id}
      data-testid={testId}
      className={className}
      style={style}
      variant={variant}
      treeDataSimpleMode
      treeData={treeData}
      loadData={debounced.trim() ? undefined : loadData}
      labelInValue
      value={labelled}
      onChange={(next: { value: number; label?: unknown } | undefined) => {
        if (!next) {
          onChange?.(null, null);
          return;
        }
        const node = lookup(next.value);
        onChange?.(
          next.value,
          node
            ? { id: node.id, name: node.name, level: node.level, code: node.code }
            : { id: next.value, name: String(next.label ?? next.value), level: '', code: '' },
        );
        setSearch('');
      }}
      showSearch={{
        searchValue: search,
        onSearch: setSearch,
        filterTreeNode: false,
      }}
      treeNodeLabelProp="label"
      placeholder={placeholder ?? t('grid.picker.placeholder')}
      allowClear={allowClear}
      loading={roots.isLoading || hits.isFetching}
      notFoundContent={debounced.trim() ? t('grid.search.empty') : t('common.empty')}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'min(92vw, 480px)', minWidth: 260 } } }}
      listHeight={360}
    />
  );
}
