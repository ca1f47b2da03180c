import { CheckCircleOutlined, ExclamationCircleOutlined, FlagOutlined } from '@ant-design/icons';
import { Empty, Space, Tag, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../../lib/format';
import type { Visit } from '../api/types';
import { useRegistryI18n } from '../messages';
import { visitMethodLabel } from './labels';

/** Visits on a household card, newest first: how, who, what was found, and whether a dispute is open. */
export function VisitList({ visits, empty, testId }: { visits: Visit[]; empty: string; testId?: string }) {
  const { t, locale } = useRegistryI18n();
  if (visits.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} data-testid={testId} />;
  return (
    <Timeline
      data-testid={testId}
      style={{ marginTop: 8 }}
      items={visits.map((v) => {
        const openDispute = v.disputeFound && !v.disputeResolvedAt;
        return {
          key: v.id,
          color: openDispute ? 'red' : v.flagged ? 'orange' : 'green',
          icon: openDispute ? <ExclamationCircleOutlined /> : undefined,
          content: (
            <div>
              <Space size={6} wrap>
                <Typography.Text strong>{formatDateTime(v.visitedAt).slice(0, 16)}</Typography.Text>
                <Tag>{visitMethodLabel(v.method, locale)}</Tag>
                {v.visitorName ? <Typography.Text type="secondary">{v.visitorName}</Typography.Text> : null}
                {openDispute ? (
                  <Tag color="red" icon={<ExclamationCircleOutlined />}>
                    {t('reg.visit.openDispute')}
                  </Tag>
                ) : v.disputeFound ? (
                  <Tag color="green" icon={<CheckCircleOutlined />}>
                    {t('reg.visit.resolved')}
                  </Tag>
                ) : null}
                {v.flagged ? (
                  <Tag color="orange" icon={<FlagOutlined />}>
                    {t('reg.visit.flagged')}
                  </Tag>
                ) : null}
                {v.followUp ? <Tag color="gold">{t('reg.visit.followUp')}</Tag> : null}
              </Space>
              {v.findings ? (
                <Typography.Paragraph style={{ margin: '4px 0 0' }} ellipsis={{ rows: 3, expandable: true }}>
                  {v.findings}
                </Typography.Paragraph>
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}
