import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Grid, Popover, Spin } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useNotifications } from '../api/list-notifications';
import { useMarkAllRead } from '../api/mark-read';
import { useUnreadCount } from '../api/unread-count';
import { useNotificationText } from '../messages';
import { NotificationList } from './notification-list';

/** The bell in the top bar: unread count as a badge, the latest few in a panel, the centre one click away. */
export function NotificationBell({ className }: { className?: string }) {
  const { t } = useNotificationText();
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  // On a phone the panel would not fit beside the header controls: the bell opens the centre instead.
  const phone = !Grid.useBreakpoint().md;
  const unread = useUnreadCount();
  const latest = useNotifications(false, 1, 6, open);
  const markAll = useMarkAllRead();
  const count = unread.data?.count ?? 0;
  const items = latest.data?.items ?? [];

  const panel = (
    <div className="ntf-panel" data-testid="notification-panel">
      <div className="ntf-panel-head">
        <span className="ntf-panel-title">{t('ntf.title')}</span>
        <Button
          type="link"
          size="small"
          disabled={count === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
          data-testid="notification-read-all"
        >
          {t('ntf.readAll')}
        </Button>
      </div>
      {latest.isLoading ? (
        <div className="ntf-panel-empty">
          <Spin />
        </div>
      ) : items.length ? (
        <NotificationList
          items={items}
          compact
          onOpened={() => setOpen(false)}
          testId="notification-panel-list"
        />
      ) : (
        <Empty
          className="ntf-panel-empty"
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('ntf.empty')}
        />
      )}
      <Link
        className="ntf-panel-foot"
        to="/notifications"
        onClick={() => setOpen(false)}
        data-testid="notification-view-all"
      >
        {t('ntf.viewAll')}
      </Link>
    </div>
  );

  const button = (
    <Button
      type="text"
      className={className}
      aria-label={count ? t('ntf.bell.unread', { count }) : t('ntf.bell')}
      data-testid="notification-bell"
      data-count={count}
      onClick={phone ? () => navigate('/notifications') : undefined}
    >
      <Badge count={count} size="small" overflowCount={99} offset={[2, -2]} className="ntf-badge">
        <BellOutlined style={{ fontSize: 18, color: 'inherit' }} />
      </Badge>
    </Button>
  );
  if (phone) return button;

  return (
    <Popover
      content={panel}
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      arrow={false}
      styles={{ container: { padding: 0 } }}
    >
      {button}
    </Popover>
  );
}
