import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../features/auth/api/me';
import { hasPermission } from '../features/auth/hooks/use-permissions';
import { errorMessage } from '../lib/errors';
import { useI18n } from '../lib/i18n';
import { AppLayout } from './layouts/app-layout';
import { ForbiddenPage } from './routes/errors/status-pages';

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** Everything behind the login: no session sends the user to /login and back here afterwards. */
export function RequireAuth() {
  const { t, locale } = useI18n();
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    return (
      <Result
        className="og-status-page"
        status="warning"
        title={t('status.offline.title')}
        subTitle={errorMessage(me.error, locale, t)}
        extra={
          <Button type="primary" onClick={() => me.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <AppLayout me={me.data} />;
}

export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { data: me } = useMe();
  if (!hasPermission(me, permission)) return <ForbiddenPage />;
  return <>{children}</>;
}
