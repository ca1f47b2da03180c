import {
  AlertOutlined,
  ClockCircleOutlined,
  FlagOutlined,
  InboxOutlined,
  RollbackOutlined,
  StarOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useMarkRead } from '../api/mark-read';
import type { NotificationItem, NotificationKind } from '../api/types';
import { useNotificationText } from '../messages';
import '../notifications.css';
import { notificationText, relativeTime } from './notification-text';

const KIND_ICON: Record<NotificationKind, ReactNode> = {
  new_task: <InboxOutlined />,
  returned: <RollbackOutlined />,
  supervised: <FlagOutlined />,
  rated: <StarOutlined />,
  deadline_yellow: <ClockCircleOutlined />,
  deadline_red: <AlertOutlined />,
};

/** Notification lines: unread ones marked; a click marks it read and opens the case. */
export function NotificationList({
  items,
  compact = false,
  onOpened,
  testId = 'notification-list',
}: {
  items: NotificationItem[];
  compact?: boolean;
  onOpened?: () => void;
  testId?: string;
}) {
  const { t, locale } = useNotificationText();
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const open = (n: NotificationItem) => {
    if (!n.readAt) markRead.mutate(n.id);
    onOpened?.();
    if (n.caseId) navigate(`/cases/${n.caseId}`);
  };
  return (
    <ul className={`ntf-list${compact ? ' ntf-list-compact' : ''}`} data-testid={testId}>
      {items.map((n) => (
        <li key={n.id}>
          <button
            type="button"
            className={`ntf-item ntf-kind-${n.kind}${n.readAt ? '' : ' ntf-unread'}`}
            onClick={() => open(n)}
            data-testid="notification-item"
            data-unread={n.readAt ? undefined : 'true'}
          >
            <span className="ntf-icon" aria-hidden>
              {KIND_ICON[n.kind]}
            </span>
            <span className="ntf-body">
              <span className="ntf-head">
                <span className="ntf-kind">{t(`ntf.kind.${n.kind}`)}</span>
                {n.caseNumber ? <span className="ntf-number">{n.caseNumber}</span> : null}
                <span className="ntf-time" title={n.createdAt}>
                  {relativeTime(n.createdAt, locale)}
                </span>
              </span>
              {n.caseTitle ? <span className="ntf-title">{n.caseTitle}</span> : null}
              <span className="ntf-text">{notificationText(n, t)}</span>
            </span>
            <span
              className={n.readAt ? 'ntf-dot ntf-dot-read' : 'ntf-dot'}
              aria-label={n.readAt ? undefined : t('ntf.filter.unread')}
            />
          </button>
        </li>
      ))}
    </ul>
  );
}
