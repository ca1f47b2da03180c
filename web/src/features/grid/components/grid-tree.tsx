import { Empty, type GetRef, Spin, Tag, Tree, type TreeDataNode } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { useI18n } from '../../../lib/i18n';
import type { LazyGridTree, LazyTreeNode } from '../hooks/use-lazy-grid-tree';
import { LevelTag } from './level-tag';

interface GridTreeProps {
  tree: LazyGridTree;
  selectedId: number | null;
  onSelect: (id: number) => void;
  height: number;
  /** Bumped by the page after revealing a node, to scroll it into view. */
  scrollSignal?: number;
}

function NodeTitle({ item }: { item: LazyTreeNode }) {
  const { t } = useI18n();
  const { node } = item;
  return (
    <span className="og-tree-title" title={`${node.name} · ${node.code}`}>
      <span className={node.retired ? 'og-tree-name og-tree-title-retired' : 'og-tree-name'}>
        {node.name}
      </span>
      <LevelTag level={node.level} compact />
      {node.retired ? (
        <Tag style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '18px' }}>{t('grid.retired')}</Tag>
      ) : null}
      {node.childCount > 0 ? (
        <span style={{ color: 'rgba(0,0,0,0.38)', fontSize: 12 }}>{node.childCount}</span>
      ) : null}
    </span>
  );
}

function toDataNodes(items: LazyTreeNode[]): TreeDataNode[] {
  return items.map((item) => ({
    key: item.key,
    title: <NodeTitle item={item} />,
    isLeaf: item.isLeaf,
    children: item.children ? toDataNodes(item.children) : undefined,
  }));
}

/** The grid tree: virtual list, children fetched when a branch opens. */
export function GridTree({ tree, selectedId, onSelect, height, scrollSignal }: GridTreeProps) {
  const { t } = useI18n();
  const ref = useRef<GetRef<typeof Tree>>(null);
  const data = useMemo(() => toDataNodes(tree.treeData), [tree.treeData]);

  useEffect(() => {
    if (selectedId === null || scrollSignal === undefined) return;
    const timer = setTimeout(() => ref.current?.scrollTo({ key: selectedId, align: 'auto' }), 50);
    return () => clearTimeout(timer);
  }, [scrollSignal, selectedId]);

  if (tree.roots.isLoading) {
    return (
      <div style={{ textAlign: 'center', padding: 32 }}>
        <Spin />
      </div>
    );
  }
  if (data.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grid.tree.empty')} />;

  return (
    <div data-testid="grid-tree" className="og-tree">
      <Tree
        ref={ref}
        blockNode
        showLine={{ showLeafIcon: false }}
        virtual
        height={height}
        treeData={data}
        loadData={async (node) => {
          await tree.loadChildren(Number(node.key));
        }}
        loadedKeys={tree.loadedKeys}
        expandedKeys={tree.expandedKeys}
        onExpand={(keys) => tree.setExpandedKeys(keys.map(Number))}
        selectedKeys={selectedId === null ? [] : [selectedId]}
        onSelect={(_keys, info) => onSelect(Number(info.node.key))}
      />
    </div>
  );
}
