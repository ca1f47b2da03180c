import { EditOutlined, FileSearchOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Grid,
  List,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../../lib/i18n';
import { useHousehold } from '../../registry/api/household';
import { householdUseLabel, relationLabel, visitMethodLabel } from '../../registry/components/labels';
import { TagChip } from '../../registry/components/tag-chip';
import type { ChartBuilding, ChartData, RoomTuple } from '../api/types';
import { useGcText } from '../messages';
import { fullRoomLabel } from '../model';

const fmtDate = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '—');

/**
 * The household card of a clicked cell: members (masked by the server), the tags the viewer may see,
 * open matters, the last visit, and the actions (记录走访, details).
 */
export function HouseholdDrawer({
  data,
  householdId,
  onClose,
}: {
  data: ChartData;
  householdId: number | null;
  onClose: () => void;
}) {
  const t = useGcText();
  const { locale } = useI18n();
  const screens = Grid.useBreakpoint();
  const card = useHousehold(householdId);
  let building: ChartBuilding | undefined;
  let room: RoomTuple | undefined;
  if (householdId !== null)
    for (const b of data.buildings) {
      const r = b.rooms.find((x) => x[0] === householdId);
      if (r) {
        building = b;
        room = r;
        break;
      }
    }
  const label = card.data?.roomLabel ?? (building && room ? fullRoomLabel(building, room) : '');
  const chartTags = room ? room[5].map((i) => data.tags[i]).filter(Boolean) : [];
  const lastVisit = card.data?.lastVisitAt ?? card.data?.visits?.[0]?.visitedAt ?? null;
  return (
    <Drawer
      open={householdId !== null}
      onClose={onClose}
      placement={screens.md ? 'right' : 'bottom'}
      size={screens.md ? 440 : '85%'}
      title={t('gc.card.title', { room: label })}
      className="gc-drawer"
      destroyOnHidden
      extra={
        householdId !== null ? (
          <Link to={`/visits/new?householdId=${householdId}`}>
            <Button type="primary" icon={<EditOutlined />} data-testid="household-card-record-visit">
              {t('gc.card.recordVisit')}
            </Button>
          </Link>
        ) : null
      }
    >
      <div data-testid="household-card">
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label={locale === 'en' ? 'Use' : '用途'}>
            {householdUseLabel(card.data?.use ?? (room ? data.uses[room[4]] : null), locale)}
          </Descriptions.Item>
          <Descriptions.Item label={t('gc.card.tags')}>
            {chartTags.length ? (
              <Space size={[4, 4]} wrap>
                {chartTags.map((tag) => (
                  <TagChip key={tag.code} tag={tag} small />
                ))}
              </Space>
            ) : (
              t('gc.card.noTags')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('gc.card.lastVisit')}>
            {card.isPending ? '…' : lastVisit ? fmtDate(lastVisit) : t('gc.card.never')}
          </Descriptions.Item>
        </Descriptions>
        {card.isError ? (
          <Alert type="warning" showIcon title={t('gc.card.loadFailed')} style={{ marginBottom: 16 }} />
        ) : null}
        <Typography.Title level={5}>{t('gc.card.members')}</Typography.Title>
        {card.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : card.data?.members?.length ? (
          <List
            size="small"
            dataSource={card.data.members}
            renderItem={(m) => (
              <List.Item key={m.id}>
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Space wrap size={6}>
                    <Link to={`/registry/residents/${m.id}`}>
                      <Typography.Text strong>{m.name}</Typography.Text>
                    </Link>
                    <Tag>{relationLabel(m.relation, locale)}</Tag>
                    {m.age !== null ? (
                      <Typography.Text type="secondary">{t('gc.age', { age: m.age })}</Typography.Text>
                    ) : null}
                    {m.idNumberMasked ? (
                      <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
                        {m.idNumberMasked}
                      </Typography.Text>
                    ) : null}
                  </Space>
                  {m.tags?.length ? (
                    <Space size={[4, 4]} wrap>
                      {m.tags.map((tag) => (
                        <TagChip key={tag.code} tag={tag} small />
                      ))}
                    </Space>
                  ) : null}
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('gc.card.noMembers')} />
        )}
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('gc.card.matters')}
        </Typography.Title>
        {card.data?.openMatters?.length ? (
          <List
            size="small"
            dataSource={card.data.openMatters}
            renderItem={(v) => (
              <List.Item key={v.id}>
                <Space direction="vertical" size={2}>
                  <Space size={6} wrap>
                    <Tag color="volcano">{t('gc.card.dispute')}</Tag>
                    {v.flagged ? <Tag color="purple">{t('gc.card.flagged')}</Tag> : null}
                    {v.followUp ? <Tag color="gold">{t('gc.card.followUp')}</Tag> : null}
                    <Typography.Text type="secondary">
                      {fmtDate(v.visitedAt)} · {visitMethodLabel(v.method, locale)}
                    </Typography.Text>
                  </Space>
                  {v.findings ? <Typography.Text>{v.findings}</Typography.Text> : null}
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Typography.Text type="secondary">{card.isPending ? '…' : t('gc.card.noMatters')}</Typography.Text>
        )}
        {householdId !== null ? (
          <div style={{ marginTop: 20 }}>
            <Link to={`/registry/households/${householdId}`}>
              <Button icon={<FileSearchOutlined />} block>
                {t('gc.card.details')}
              </Button>
            </Link>
          </div>
        ) : null}
      </div>
    </Drawer>
  );
}
