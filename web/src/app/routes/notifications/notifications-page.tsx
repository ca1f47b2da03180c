import { CheckOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Pagination, Segmented, Spin } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../../components/page-header';
import { useNotifications } from '../../../features/notifications/api/list-notifications';
import { useMarkAllRead } from '../../../features/notifications/api/mark-read';
import { NotificationList } from '../../../features/notifications/components/notification-list';
import { useNotificationText } from '../../../features/notifications/messages';
import { errorMessage } from '../../../lib/errors';

const PAGE_SIZE = 20;

/** 通知中心: the caller's notifications, unread first; a click opens the case. */
export function NotificationsPage() {
  const { t, tCore, locale } = useNotificationText();
  const { message } = App.useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useNotifications(unreadOnly, page, PAGE_SIZE);
  const markAll = useMarkAllRead();
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];

  return (
    <div data-testid="notifications-page">
      <PageHeader
        title={t('ntf.title')}
        subtitle={t('ntf.subtitle')}
        extra={
          <Button
            icon={<CheckOutlined />}
            disabled={unread === 0}
            loading={markAll.isPending}
            onClick={() =>
              markAll.mutate(undefined, { onSuccess: () => message.success(t('ntf.readAll.done')) })
            }
            data-testid="notifications-read-all"
          >
            {t('ntf.readAll')}
          </Button>
        }
      />
      <Card className="og-card" styles={{ body: { padding: 0 } }}>
        <div className="ntf-toolbar">
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => {
              setUnreadOnly(v === 'unread');
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('ntf.filter.all') },
              { value: 'unread', label: `${t('ntf.filter.unread')} ${unread}` },
            ]}
            data-testid="notifications-filter"
          />
        </div>
        {list.isError ? (
          <Alert
            type="error"
            showIcon
            title={errorMessage(list.error, locale, tCore)}
            style={{ margin: 16 }}
          />
        ) : null}
        {list.isLoading ? (
          <div style={{ padding: 48, textAlign: 'center' }}>
            <Spin />
          </div>
        ) : items.length ? (
          <NotificationList items={items} />
        ) : (
          <Empty
            style={{ padding: '48px 0' }}
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={unreadOnly ? t('ntf.empty.unread') : t('ntf.empty')}
          />
        )}
        {(list.data?.total ?? 0) > PAGE_SIZE ? (
          <div className="ntf-pager">
            <Pagination
              current={page}
              pageSize={PAGE_SIZE}
              total={list.data?.total ?? 0}
              onChange={setPage}
              showSizeChanger={false}
              size="small"
            />
          </div>
        ) : null}
      </Card>
    </div>
  );
}
