import { ApartmentOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Empty, Grid, Result, Skeleton, Space, Switch, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { useGridNode } from '../../../features/grid/api/node';
import { GridSearch } from '../../../features/grid/components/grid-search';
import { GridTree } from '../../../features/grid/components/grid-tree';
import { MoveNodeModal } from '../../../features/grid/components/move-node-modal';
import { NodeDetail } from '../../../features/grid/components/node-detail';
import { NodeFormModal } from '../../../features/grid/components/node-form-modal';
import { RetireNodeModal } from '../../../features/grid/components/retire-node-modal';
import { useLazyGridTree } from '../../../features/grid/hooks/use-lazy-grid-tree';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useI18n } from '../../../lib/i18n';
import { useScope } from '../../../lib/scope';
import { useWindowHeight } from '../../../lib/use-window-height';

type ModalKind = 'create' | 'edit' | 'move' | 'retire' | null;

function parseId(raw: string | undefined): number | null {
  if (!raw || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

/** 网格管理: lazy tree and search on the left, the chosen node on the right (a drawer holds the tree on phones). */
export function GridPage() {
  const { t, locale } = useI18n();
  const params = useParams();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const wide = Boolean(screens.lg);
  const windowHeight = useWindowHeight();
  const { scope } = useScope();
  const nodeId = parseId(params.nodeId);
  const tree = useLazyGridTree();
  const detail = useGridNode(nodeId);
  const [search, setSearch] = useState('');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [modal, setModal] = useState<ModalKind>(null);
  const [scrollSignal, setScrollSignal] = useState(0);
  const { revealPath, upsert } = tree;

  // The detail answer is the freshest view of the node: keep its tree entry (name, count) in step.
  useEffect(() => {
    if (detail.data) upsert(detail.data);
  }, [detail.data, upsert]);

  const ancestorKey = detail.data
    ? `${detail.data.id}:${detail.data.ancestors.map((a) => a.id).join('/')}`
    : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: ancestorKey captures the ancestors that matter.
  useEffect(() => {
    if (!detail.data) return;
    let cancelled = false;
    // Open the path down to the node, and the node itself so its sub-grids show in the tree.
    const ids = detail.data.ancestors.map((a) => a.id);
    if (detail.data.childCount > 0) ids.push(detail.data.id);
    void revealPath(ids).then(() => {
      if (!cancelled) setScrollSignal((n) => n + 1);
    });
    return () => {
      cancelled = true;
    };
  }, [ancestorKey, revealPath]);

  const open = (id: number) => {
    setSearch('');
    setDrawerOpen(false);
    navigate(`/grid/${id}`);
  };

  if (params.nodeId !== undefined && nodeId === null) return <Navigate to="/grid" replace />;
  if (nodeId === null) {
    const first = scope?.id ?? tree.roots.data?.[0]?.id;
    if (first !== undefined) return <Navigate to={`/grid/${first}`} replace />;
  }

  const treeHeight = Math.max(320, windowHeight - (wide ? 300 : 220));

  const treePanel = (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <GridSearch value={search} onChange={setSearch} onPick={open} />
      {search.trim() ? null : (
        <>
          <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
            <Space size={6}>
              <Switch
                size="small"
                checked={tree.includeRetired}
                onChange={tree.setIncludeRetired}
                data-testid="grid-show-retired"
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('grid.tree.showRetired')}
              </Typography.Text>
            </Space>
            <Button
              size="small"
              type="text"
              icon={<ReloadOutlined />}
              onClick={() => void tree.refreshBranches(tree.expandedKeys)}
              aria-label={t('common.refresh')}
            />
          </div>
          <GridTree
            tree={tree}
            selectedId={nodeId}
            onSelect={open}
            height={treeHeight}
            scrollSignal={scrollSignal}
          />
        </>
      )}
    </Space>
  );

  let right: ReactNode;
  if (nodeId === null) {
    right = tree.roots.isLoading ? (
      <Card className="og-card">
        <Skeleton active />
      </Card>
    ) : (
      <Card className="og-card">
        <Empty description={t('grid.noRoots')} />
      </Card>
    );
  } else if (detail.isPending) {
    right = (
      <Card className="og-card" data-testid="node-detail-loading">
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  } else if (detail.isError) {
    const notFound = isApiError(detail.error) && detail.error.status === 404;
    right = (
      <Card className="og-card">
        <Result
          status={notFound ? '404' : 'warning'}
          title={notFound ? t('grid.notFound.title') : t('status.500.title')}
          subTitle={notFound ? t('grid.notFound.subtitle') : errorMessage(detail.error, locale, t)}
          extra={
            <Button type="primary" onClick={() => navigate('/grid')}>
              {t('grid.backToTree')}
            </Button>
          }
        />
      </Card>
    );
  } else {
    const node = detail.data;
    right = (
      <>
        <NodeDetail
          node={node}
          rootIds={tree.roots.data?.map((n) => n.id) ?? []}
          onNavigate={open}
          actions={{
            onCreateChild: () => setModal('create'),
            onEdit: () => setModal('edit'),
            onMove: () => setModal('move'),
            onRetire: () => setModal('retire'),
          }}
        />
        {modal === 'create' ? (
          <NodeFormModal
            mode="create"
            open
            parent={node}
            onClose={() => setModal(null)}
            onDone={() => {
              setModal(null);
              void tree
                .refreshBranches([node.id])
                .then(() => tree.setExpandedKeys((keys) => [...new Set([...keys, node.id])]));
            }}
          />
        ) : null}
        {modal === 'edit' ? (
          <NodeFormModal
            mode="edit"
            open
            node={node}
            onClose={() => setModal(null)}
            onDone={(saved) => {
              setModal(null);
              tree.upsert(saved);
            }}
          />
        ) : null}
        {modal === 'move' ? (
          <MoveNodeModal
            open
            node={node}
            onClose={() => setModal(null)}
            onDone={(moved, oldParentId) => {
              setModal(null);
              void tree.refreshBranches([oldParentId, moved.parentId]);
            }}
          />
        ) : null}
        {modal === 'retire' ? (
          <RetireNodeModal
            open
            node={node}
            onClose={() => setModal(null)}
            onDone={(retired) => {
              setModal(null);
              tree.upsert(retired);
              void tree.refreshBranches([node.parentId]);
            }}
          />
        ) : null}
      </>
    );
  }

  return (
    <div data-testid="grid-page">
      <PageHeader
        title={t('nav.grid')}
        subtitle={t('grid.subtitle')}
        extra={
          wide ? null : (
            <Button
              icon={<ApartmentOutlined />}
              onClick={() => setDrawerOpen(true)}
              data-testid="grid-tree-open"
            >
              {t('grid.tree.open')}
            </Button>
          )
        }
      />
      {wide ? (
        <div className="og-grid-layout">
          <Card className="og-card og-tree-panel" size="small" styles={{ body: { padding: 12 } }}>
            {treePanel}
          </Card>
          <div style={{ minWidth: 0 }}>{right}</div>
        </div>
      ) : (
        <>
          <div style={{ minWidth: 0 }}>{right}</div>
          <Drawer
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            placement="left"
            size="min(92vw, 380px)"
            title={t('grid.tree.title')}
            styles={{ body: { padding: 12 } }}
            forceRender
          >
            {treePanel}
          </Drawer>
        </>
      )}
    </div>
  );
}
