import { Button, Result, Space } from 'antd';
import { isRouteErrorResponse, useNavigate, useRouteError } from 'react-router';
import { useI18n } from '../../../lib/i18n';

export function ForbiddenPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      className="og-status-page"
      status="403"
      title={t('status.403.title')}
      subTitle={t('status.403.subtitle')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('status.backHome')}
        </Button>
      }
      data-testid="page-403"
    />
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      className="og-status-page"
      status="404"
      title={t('status.404.title')}
      subTitle={t('status.404.subtitle')}
      extra={
        <Space wrap>
          <Button onClick={() => navigate(-1)}>{t('status.back')}</Button>
          <Button type="primary" onClick={() => navigate('/')}>
            {t('status.backHome')}
          </Button>
        </Space>
      }
      data-testid="page-404"
    />
  );
}

/** Shown for a crash while rendering a route; never shows a stack trace to the user. */
export function RouteErrorPage() {
  const { t } = useI18n();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  if (import.meta.env.DEV) console.error(error);
  return (
    <Result
      className="og-status-page"
      status="500"
      title={t('status.500.title')}
      subTitle={t('status.500.subtitle')}
      extra={
        <Space wrap>
          <Button onClick={() => window.location.reload()}>{t('status.reload')}</Button>
          <Button type="primary" onClick={() => window.location.assign('/')}>
            {t('status.backHome')}
          </Button>
        </Space>
      }
      data-testid="page-error"
    />
  );
}
