import { TreeSelect } from 'antd';
import { type CSSProperties, useMemo } from 'react';
import { useCaseMeta } from '../api/meta';
import type { CaseCategory } from '../api/types';
import { useCaseI18n } from '../messages';

interface TreeOption {
  value: number;
  title: string;
  search: string;
  children?: TreeOption[];
}

/** The categories as a tree, whether the server sends it nested (children) or flat (parentId). */
export function categoryTree(categories: CaseCategory[]): CaseCategory[] {
  if (categories.some((c) => c.children && c.children.length > 0)) return categories;
  const byParent = new Map<number | null, CaseCategory[]>();
  for (const c of categories) {
    const list = byParent.get(c.parentId ?? null) ?? [];
    list.push(c);
    byParent.set(c.parentId ?? null, list);
  }
  const build = (parentId: number | null): CaseCategory[] =>
    (byParent.get(parentId) ?? [])
      .slice()
      .sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0) || a.code.localeCompare(b.code))
      .map((c) => ({ ...c, children: build(c.id) }));
  return build(null);
}

/** Every category, flattened (for look-ups by id). */
export function flattenCategories(categories: CaseCategory[]): CaseCategory[] {
  const out: CaseCategory[] = [];
  const walk = (list: CaseCategory[]) => {
    for (const c of list) {
      out.push(c);
      if (c.children) walk(c.children);
    }
  };
  walk(categoryTree(categories));
  return out;
}

/** 事件类别: a tree select, searchable by name or code (MS01 房屋漏水). */
export function CategorySelect({
  value,
  onChange,
  placeholder,
  style,
  testId,
  id,
  allowClear = true,
}: {
  value?: number | null;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  testId?: string;
  id?: string;
  allowClear?: boolean;
}) {
  const { label } = useCaseI18n();
  const meta = useCaseMeta();
  const treeData = useMemo(() => {
    const toOption = (c: CaseCategory): TreeOption => ({
      value: c.id,
      title: `${label(c.name)}`,
      search: `${c.code} ${label(c.name)}`,
      children: c.children?.length ? c.children.map(toOption) : undefined,
    });
    return categoryTree(meta.data?.categories ?? [])
      .filter((c) => c.active !== false)
      .map(toOption);
  }, [meta.data, label]);
  return (
    <TreeSelect
      id={id}
      data-testid={testId}
      style={style}
      value={value ?? undefined}
      onChange={(next?: number) => onChange?.(next)}
      treeData={treeData}
      loading={meta.isLoading}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'search' }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 260 } } }}
    />
  );
}
