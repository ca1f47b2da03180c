import { EditOutlined } from '@ant-design/icons';
import { Button, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import type { Tag as TagData } from '../api/types';
import { useRegistryI18n } from '../messages';
import { roleName, SENSITIVITY_COLORS, sensitivityLabel } from './labels';
import { TagChip } from './tag-chip';

/** 标签字典 table: symbol in colour, names, target, sensitivity, who may see it, source and levels. */
export function TagsTable({
  data,
  loading,
  canEdit,
  onEdit,
}: {
  data: TagData[];
  loading: boolean;
  canEdit: boolean;
  onEdit: (tag: TagData) => void;
}) {
  const { t, locale } = useRegistryI18n();
  const columns: TableColumnsType<TagData> = [
    {
      title: t('reg.tags.col.symbol'),
      key: 'symbol',
      fixed: 'left',
      width: 150,
      render: (_v, tag) => <TagChip tag={tag} />,
    },
    {
      title: t('reg.tags.col.code'),
      dataIndex: 'code',
      width: 160,
      responsive: ['md'],
      render: (code: string) => (
        <span className="og-mono" style={{ fontSize: 12 }}>
          {code}
        </span>
      ),
    },
    {
      title: t('reg.tags.col.name'),
      key: 'name',
      width: 200,
      responsive: ['lg'],
      render: (_v, tag) => (
        <div>
          <div>{tag.name.zh}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {tag.name.en}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('reg.tags.col.appliesTo'),
      dataIndex: 'appliesTo',
      width: 80,
      render: (a: string) =>
        a === 'person' ? t('reg.tags.appliesTo.person') : t('reg.tags.appliesTo.household'),
    },
    {
      title: t('reg.tags.col.sensitivity'),
      dataIndex: 'sensitivity',
      width: 96,
      render: (s: string) => (
        <Tag color={SENSITIVITY_COLORS[s] ?? 'default'}>{sensitivityLabel(s, locale)}</Tag>
      ),
    },
    {
      title: t('reg.tags.col.visibleRoles'),
      dataIndex: 'visibleRoles',
      responsive: ['md'],
      render: (roles: string[]) =>
        roles.length ? (
          <Space size={[4, 4]} wrap>
            {roles.map((r) => (
              <Tag key={r} color="red" variant="outlined">
                {roleName(r, locale)}
              </Tag>
            ))}
          </Space>
        ) : (
          <Tooltip title={t('reg.tags.visible.defaultHint')}>
            <Typography.Text type="secondary">{t('reg.tags.visible.default')}</Typography.Text>
          </Tooltip>
        ),
    },
    {
      title: t('reg.tags.col.derived'),
      dataIndex: 'derived',
      width: 96,
      responsive: ['sm'],
      render: (derived: boolean) =>
        derived ? <Tag color="geekblue">{t('reg.tags.derived')}</Tag> : <Tag>{t('reg.tags.manual')}</Tag>,
    },
    {
      title: t('reg.tags.col.riskLevels'),
      dataIndex: 'riskLevels',
      responsive: ['lg'],
      render: (levels: string[] | null) =>
        levels?.length ? (
          <Space size={[4, 4]} wrap>
            {levels.map((l) => (
              <Tag key={l}>{l}</Tag>
            ))}
          </Space>
        ) : (
          <span className="og-muted">—</span>
        ),
    },
    {
      title: t('reg.tags.col.active'),
      dataIndex: 'active',
      width: 70,
      responsive: ['sm'],
      render: (active: boolean) =>
        active ? <Tag color="green">{t('reg.form.yes')}</Tag> : <Tag>{t('reg.form.no')}</Tag>,
    },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 72,
            render: (_v: unknown, tag: TagData) => (
              <Button
                type="text"
                icon={<EditOutlined />}
                aria-label={t('reg.tags.edit')}
                onClick={() => onEdit(tag)}
                data-testid={`tag-edit-${tag.code}`}
              />
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<TagData>
      data-testid="tags-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data}
      loading={loading}
      scroll={{ x: 'max-content' }}
      rowClassName={(tag) => (tag.active ? '' : 'og-row-inactive')}
      pagination={false}
    />
  );
}
