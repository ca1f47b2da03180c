import {
  ApartmentOutlined,
  DragOutlined,
  EditOutlined,
  EnvironmentOutlined,
  PlusOutlined,
  StopOutlined,
} from '@ant-design/icons';
import {
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { childLevel } from '../../../../../common/admin-codes';
import {
  GRID_SUBJECT_LABELS,
  type GridSubject,
  PARTY_ORG_TYPE_LABELS,
  type PartyOrgType,
} from '../../../../../common/grid';
import { formatDateTime } from '../../../lib/format';
import { pickLabel, useI18n } from '../../../lib/i18n';
import { useGridChildren } from '../api/children';
import type { GridNode, NodeDetail as NodeDetailData } from '../api/types';
import { LevelTag } from './level-tag';
import { StaffTable } from './staff-table';

const SUBJECT_COLORS: Record<GridSubject, string> = {
  party: 'red',
  governance: 'blue',
  civil: 'green',
  petition: 'orange',
  urban: 'purple',
};

export interface NodeDetailActions {
  onCreateChild: () => void;
  onEdit: () => void;
  onMove: () => void;
  onRetire: () => void;
}

/** Right-hand panel of 网格管理: where the node sits, what it is, who works there, what you may do. */
export function NodeDetail({
  node,
  onNavigate,
  actions,
  rootIds,
}: {
  node: NodeDetailData;
  onNavigate: (id: number) => void;
  actions: NodeDetailActions;
  /** The user's top nodes: ancestors above them are shown as plain text, not links (outside scope). */
  rootIds: number[];
}) {
  const { t, locale } = useI18n();
  const children = useGridChildren(node.childCount > 0 ? node.id : null);
  const can = (action: string) => node.allowedActions.includes(action);
  const partyType = node.partyOrg?.type as PartyOrgType | undefined;
  const rootIndex = node.ancestors.findIndex((a) => rootIds.includes(a.id));
  const firstReachable = rootIndex === -1 ? node.ancestors.length : rootIndex;

  const childColumns: TableColumnsType<GridNode> = [
    {
      title: t('grid.field.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Typography.Link onClick={() => onNavigate(row.id)} delete={row.retired}>
          {name}
        </Typography.Link>
      ),
    },
    {
      title: t('grid.field.level'),
      dataIndex: 'level',
      width: 120,
      render: (level: string) => <LevelTag level={level} />,
    },
    {
      title: t('grid.field.code'),
      dataIndex: 'code',
      responsive: ['sm'],
      render: (code: string) => <span className="og-mono">{code}</span>,
    },
    { title: t('grid.field.childCount'), dataIndex: 'childCount', width: 90, align: 'right' },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="node-detail">
      <Card className="og-card">
        <Breadcrumb
          data-testid="node-breadcrumb"
          style={{ marginBottom: 12 }}
          items={[
            ...node.ancestors.map((a, index) => ({
              key: a.id,
              title:
                index >= firstReachable ? (
                  <Typography.Link onClick={() => onNavigate(a.id)} data-testid="breadcrumb-item">
                    {a.name}
                  </Typography.Link>
                ) : (
                  <span data-testid="breadcrumb-item">{a.name}</span>
                ),
            })),
            { key: node.id, title: <span data-testid="breadcrumb-current">{node.name}</span> },
          ]}
        />
        <div
          style={{
            display: 'flex',
            flexWrap: 'wrap',
            alignItems: 'center',
            gap: 12,
            justifyContent: 'space-between',
          }}
        >
          <Space size={10} wrap align="center">
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="node-name" delete={node.retired}>
              {node.name}
            </Typography.Title>
            <LevelTag level={node.level} />
            {node.retired ? <Tag color="default">{t('grid.retired')}</Tag> : null}
          </Space>
          <Space wrap size={8} data-testid="node-actions">
            {can('create_child') && childLevel(node.level) ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={actions.onCreateChild}
                data-testid="action-create-child"
              >
                {t('grid.action.createChild')}
              </Button>
            ) : null}
            {can('rename') ? (
              <Button icon={<EditOutlined />} onClick={actions.onEdit} data-testid="action-edit">
                {t('grid.action.edit')}
              </Button>
            ) : null}
            {can('move') ? (
              <Button icon={<DragOutlined />} onClick={actions.onMove} data-testid="action-move">
                {t('grid.action.moveShort')}
              </Button>
            ) : null}
            {can('retire') ? (
              <Button danger icon={<StopOutlined />} onClick={actions.onRetire} data-testid="action-retire">
                {t('grid.action.retire')}
              </Button>
            ) : null}
          </Space>
        </div>
        <Descriptions
          style={{ marginTop: 16 }}
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={[
            {
              key: 'code',
              label: t('grid.field.code'),
              children: (
                <Typography.Text className="og-mono" copyable data-testid="node-code">
                  {node.code}
                </Typography.Text>
              ),
            },
            { key: 'level', label: t('grid.field.level'), children: <LevelTag level={node.level} /> },
            { key: 'children', label: t('grid.field.childCount'), children: node.childCount },
            {
              key: 'party',
              label: t('grid.field.partyOrg'),
              span: { xs: 1, md: 2, xl: 2 },
              children: node.partyOrg ? (
                <Space size={6} wrap>
                  <Tag color="red">
                    {partyType && PARTY_ORG_TYPE_LABELS[partyType]
                      ? pickLabel(PARTY_ORG_TYPE_LABELS[partyType], locale)
                      : node.partyOrg.type}
                  </Tag>
                  <span>{node.partyOrg.name}</span>
                  {node.partyOrg.secretaryName ? (
                    <Typography.Text type="secondary">
                      {t('grid.partyOrg.secretary', { name: node.partyOrg.secretaryName })}
                    </Typography.Text>
                  ) : null}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('grid.partyOrg.none')}</Typography.Text>
              ),
            },
            {
              key: 'boundary',
              label: t('grid.field.boundary'),
              children: node.boundary ? (
                <Tag icon={<EnvironmentOutlined />} color="green">
                  {t('grid.boundary.yes')}
                </Tag>
              ) : (
                <Tag>{t('grid.boundary.no')}</Tag>
              ),
            },
            {
              key: 'subjects',
              label: t('grid.field.subjects'),
              span: { xs: 1, md: 2, xl: 3 },
              children:
                node.subjects.length > 0 ? (
                  <Space size={[4, 4]} wrap>
                    {node.subjects.map((s) => (
                      <Tag key={s} color={SUBJECT_COLORS[s as GridSubject] ?? 'default'}>
                        {GRID_SUBJECT_LABELS[s as GridSubject]
                          ? pickLabel(GRID_SUBJECT_LABELS[s as GridSubject], locale)
                          : s}
                      </Tag>
                    ))}
                  </Space>
                ) : (
                  '—'
                ),
            },
            { key: 'created', label: t('common.createdAt'), children: formatDateTime(node.createdAt) },
            { key: 'updated', label: t('common.updatedAt'), children: formatDateTime(node.updatedAt) },
          ]}
        />
      </Card>

      <StaffTable nodeId={node.id} staff={node.staff} canEdit={can('edit_staff') && !node.retired} />

      {node.childCount > 0 ? (
        <Card
          className="og-card"
          title={
            <Space>
              <ApartmentOutlined />
              {t('grid.children.title', { count: node.childCount })}
            </Space>
          }
          styles={{ body: { padding: 0 } }}
        >
          <Table<GridNode>
            rowKey="id"
            size="middle"
            columns={childColumns}
            dataSource={children.data ?? []}
            loading={children.isLoading}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
          />
        </Card>
      ) : null}
    </Space>
  );
}
