import {
  EditOutlined,
  FileAddOutlined,
  HomeOutlined,
  PlusOutlined,
  TagsOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../../lib/errors';
import { formatDate } from '../../../lib/format';
import { useGridNode } from '../../grid/api/node';
import { useGridRoots } from '../../grid/api/roots';
import { LevelTag } from '../../grid/components/level-tag';
import { useHouseholdTags } from '../api/household-tags';
import { useTags } from '../api/list-tags';
import { useRemoveTagAssignment } from '../api/remove-tag-assignment';
import type { HouseholdCard, TagAssignment, Tag as TagDef, TagRef } from '../api/types';
import { useRegistryI18n } from '../messages';
import { allows } from './allowed';
import { AssignTagModal, tagName } from './assign-tag-modal';
import { EditUseModal } from './edit-use-modal';
import { householdUseLabel, USE_COLORS } from './labels';
import { ResidentFormModal } from './resident-form-modal';
import { ResidentsTable } from './residents-table';
import { TagChip } from './tag-chip';
import { VisitList } from './visit-list';

type ModalKind = 'resident' | 'use' | 'tag' | null;

interface TagItem {
  key: string;
  tag: TagRef;
  /** Present on hand-made assignments, which can be removed; derived tags have none. */
  assignmentId: number | null;
  derived: boolean;
  residentName: string | null;
}

/**
 * The chips of a household card: each hand-made assignment (with the member it is on), then the tags the
 * server computed (党员户, 独居老人, 出租户 …) which no one can remove by hand.
 */
export function householdTagItems(
  household: HouseholdCard,
  assignments: TagAssignment[],
  dictionary: TagDef[],
): TagItem[] {
  const names = new Map(household.members.map((m) => [m.id, m.name]));
  const assigned = new Set(assignments.map((a) => a.tag.code));
  const derivedCodes = new Set(dictionary.filter((d) => d.derived).map((d) => d.code));
  return [
    ...assignments.map((a) => ({
      key: `a${a.id}`,
      tag: a.tag,
      assignmentId: a.id,
      derived: false,
      residentName: a.residentId === null ? null : (names.get(a.residentId) ?? null),
    })),
    ...household.tags
      .filter((tag) => !assigned.has(tag.code))
      .map((tag) => ({
        key: `d${tag.code}`,
        tag,
        assignmentId: null,
        derived: derivedCodes.has(tag.code) || dictionary.length === 0,
        residentName: null,
      })),
  ];
}

/** 住户详情: where the home is, who lives there, its tags, what is open and when it was last visited. */
export function HouseholdDetail({ household }: { household: HouseholdCard }) {
  const { t, locale } = useRegistryI18n();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const node = useGridNode(household.nodeId);
  const roots = useGridRoots();
  const remove = useRemoveTagAssignment();
  const [open, setOpen] = useState<ModalKind>(null);
  const assignments = useHouseholdTags(household.id);
  const dictionary = useTags();
  const can = (name: string) => allows(household.allowedActions, name);
  const canWrite = can('edit');
  const canTag = can('assign_tag');
  const canAddResident = can('add_resident');

  const removeTag = (item: TagItem) =>
    modal.confirm({
      title: t('reg.tag.remove.confirm', { tag: tagName(item.tag, locale) }),
      okText: t('common.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        item.assignmentId
          ? remove
              .mutateAsync(item.assignmentId)
              .then(() => message.success(t('reg.tag.removed')))
              .catch((error: unknown) => message.error(errorMessage(error, locale, t)))
          : undefined,
    });

  const tagItems = householdTagItems(household, assignments.data ?? [], dictionary.data ?? []);

  const breadcrumb = node.data
    ? [
        ...node.data.ancestors.map((a) => ({ id: a.id, name: a.name })),
        { id: node.data.id, name: node.data.name },
      ]
    : [];
  // Nodes above the user's own top nodes are outside their area: shown as text, not links.
  const rootIds = new Set((roots.data ?? []).map((r) => r.id));
  const rootIndex = breadcrumb.findIndex((item) => rootIds.has(item.id));
  const firstReachable = rootIndex === -1 ? breadcrumb.length : rootIndex;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="household-detail">
      <Card className="og-card">
        <Breadcrumb
          style={{ marginBottom: 12 }}
          data-testid="household-breadcrumb"
          items={[
            ...breadcrumb.map((item, index) => ({
              key: item.id,
              title:
                index >= firstReachable ? (
                  <Link to={`/registry/households?node=${item.id}&nodeName=${encodeURIComponent(item.name)}`}>
                    {item.name}
                  </Link>
                ) : (
                  <span>{item.name}</span>
                ),
            })),
            {
              key: 'building',
              title: (
                <Link
                  to={`/registry/households?node=${household.nodeId}&building=${household.buildingId}${
                    node.data ? `&nodeName=${encodeURIComponent(node.data.name)}` : ''
                  }`}
                >
                  {t('reg.building.label', { number: household.buildingNumber })}
                </Link>
              ),
            },
          ]}
        />
        <div className="og-detail-head">
          <Space size={10} wrap align="center">
            <span className="og-detail-icon">
              <HomeOutlined />
            </span>
            <Typography.Title
              level={3}
              style={{ margin: 0 }}
              className="og-room"
              data-testid="household-room"
            >
              {household.roomLabel}
            </Typography.Title>
            <Tag color={USE_COLORS[household.use] ?? 'default'}>
              {householdUseLabel(household.use, locale)}
            </Tag>
          </Space>
          <Space wrap size={8} data-testid="household-actions">
            {canAddResident ? (
              <Button
                type="primary"
                icon={<UserAddOutlined />}
                onClick={() => setOpen('resident')}
                data-testid="household-add-resident"
              >
                {t('reg.household.addResident')}
              </Button>
            ) : null}
            {can('record_visit') ? (
              <Button
                icon={<FileAddOutlined />}
                onClick={() => navigate(`/visits/new?householdId=${household.id}`)}
                data-testid="household-record-visit"
              >
                {t('reg.household.recordVisit')}
              </Button>
            ) : null}
            {canWrite ? (
              <Button icon={<EditOutlined />} onClick={() => setOpen('use')} data-testid="household-edit-use">
                {t('reg.household.editUse')}
              </Button>
            ) : null}
          </Space>
        </div>

        <div className="og-tag-row" data-testid="household-tags">
          <Typography.Text type="secondary" style={{ marginInlineEnd: 4 }}>
            <TagsOutlined /> {t('reg.household.tags')}
          </Typography.Text>
          {household.tags.length === 0 ? (
            <Typography.Text type="secondary">{t('reg.household.noTags')}</Typography.Text>
          ) : (
            tagItems.map((item) => (
              <TagChip
                key={item.key}
                tag={item.tag}
                onClose={canTag && item.assignmentId ? () => removeTag(item) : undefined}
                closeLabel={`${t('common.remove')} ${tagName(item.tag, locale)}`}
                suffix={
                  item.derived ? (
                    <Tooltip title={t('reg.tag.derived')}>
                      <span className="og-tag-auto">{t('reg.tag.derivedShort')}</span>
                    </Tooltip>
                  ) : item.residentName ? (
                    <span className="og-tag-risk">{item.residentName}</span>
                  ) : null
                }
              />
            ))
          )}
          {canTag ? (
            <Button
              size="small"
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => setOpen('tag')}
              data-testid="tag-assign"
            >
              {t('reg.household.assignTag')}
            </Button>
          ) : null}
        </div>

        <Descriptions
          style={{ marginTop: 16 }}
          size="small"
          bordered
          column={{ xs: 1, sm: 2, xl: 4 }}
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={[
            {
              key: 'position',
              label: t('reg.household.info'),
              children: t('reg.household.unitFloor', {
                unit: household.unitNo,
                floor: household.floor,
                room: String(household.roomNo).padStart(2, '0'),
              }),
            },
            {
              key: 'node',
              label: t('reg.household.node'),
              children: node.data ? (
                <Space size={4}>
                  {node.data.name}
                  <LevelTag level={node.data.level} compact />
                </Space>
              ) : (
                (household.nodeName ?? '—')
              ),
            },
            {
              key: 'householder',
              label: t('reg.col.householder'),
              children: household.householderName ?? '—',
            },
            {
              key: 'lastVisit',
              label: t('reg.col.lastVisit'),
              children: household.lastVisitAt ? (
                formatDate(household.lastVisitAt)
              ) : (
                <Typography.Text type="warning">{t('reg.never')}</Typography.Text>
              ),
            },
          ]}
        />
      </Card>

      <Card
        className="og-card"
        title={t('reg.household.members', { count: household.members.length })}
        styles={{ body: { padding: household.members.length ? 0 : undefined } }}
      >
        {household.members.length ? (
          <ResidentsTable
            data={household.members}
            showRoom={false}
            onOpen={(row) => navigate(`/registry/residents/${row.id}`)}
            testId="household-members"
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reg.household.noMembers')} />
        )}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card
            className="og-card"
            title={t('reg.household.openMatters', { count: household.openMatters.length })}
          >
            <VisitList
              visits={household.openMatters}
              empty={t('reg.household.noMatters')}
              testId="household-matters"
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card className="og-card" title={t('reg.household.visits')}>
            <VisitList
              visits={household.visits}
              empty={t('reg.household.noVisits')}
              testId="household-visits"
            />
          </Card>
        </Col>
      </Row>

      {open === 'resident' ? (
        <ResidentFormModal
          open
          mode="create"
          household={{ id: household.id, roomLabel: household.roomLabel }}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {open === 'use' ? <EditUseModal open household={household} onClose={() => setOpen(null)} /> : null}
      {open === 'tag' ? <AssignTagModal open household={household} onClose={() => setOpen(null)} /> : null}
    </Space>
  );
}
