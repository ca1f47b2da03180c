import { ArrowLeftOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Card, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { type RegistryMessageKey, useRegistryI18n } from '../messages';

export function parseRecordId(raw: string | undefined): number | null {
  return raw && /^\d+$/.test(raw) ? Number(raw) : null;
}

/**
 * The frame of a registry detail page: back button, loading skeleton, and a 404 page when the record is
 * missing or outside the user's area (the server answers 404 for both, so existence does not leak).
 */
export function RecordPage<T>({
  id,
  query,
  listPath,
  backKey,
  notFoundKey,
  testId,
  children,
}: {
  id: number | null;
  query: UseQueryResult<T>;
  listPath: string;
  backKey: RegistryMessageKey;
  notFoundKey: RegistryMessageKey;
  testId: string;
  children: (data: T) => ReactNode;
}) {
  const { t, locale } = useRegistryI18n();
  const navigate = useNavigate();
  if (id === null) return <Navigate to={listPath} replace />;

  const back = (
    <Button
      type="text"
      icon={<ArrowLeftOutlined />}
      onClick={() => (window.history.length > 1 ? navigate(-1) : navigate(listPath))}
      style={{ marginBottom: 8, paddingInline: 4 }}
      data-testid={testId}
    >
      {t(backKey)}
    </Button>
  );

  if (query.isPending)
    return (
      <>
        {back}
        <Card className="og-card">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </>
    );
  if (query.isError) {
    const notFound = isApiError(query.error) && query.error.status === 404;
    return (
      <Card className="og-card">
        <Result
          status={notFound ? '404' : 'warning'}
          title={notFound ? t(notFoundKey) : t('status.500.title')}
          subTitle={notFound ? undefined : errorMessage(query.error, locale, t)}
          extra={
            <Button type="primary" onClick={() => navigate(listPath)}>
              {t(backKey)}
            </Button>
          }
        />
      </Card>
    );
  }
  return (
    <>
      {back}
      {children(query.data)}
    </>
  );
}
