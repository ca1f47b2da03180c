import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Result, Skeleton } from 'antd';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useResident } from '../../../features/registry/api/resident';
import { ResidentDetail } from '../../../features/registry/components/resident-detail';
import { useRegistryI18n } from '../../../features/registry/messages';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';

function parseId(raw: string | undefined): number | null {
  return raw && /^\d+$/.test(raw) ? Number(raw) : null;
}

/** 居民详情 (/registry/residents/:id). */
export function ResidentPage() {
  const { t, locale } = useRegistryI18n();
  const navigate = useNavigate();
  const id = parseId(useParams().id);
  const resident = useResident(id);
  if (id === null) return <Navigate to="/registry/residents" replace />;

  const back = (
    <Button
      type="text"
      icon={<ArrowLeftOutlined />}
      onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/registry/residents'))}
      style={{ marginBottom: 8, paddingInline: 4 }}
      data-testid="resident-back"
    >
      {t('reg.resident.back')}
    </Button>
  );

  if (resident.isPending)
    return (
      <>
        {back}
        <Card className="og-card">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </>
    );
  if (resident.isError) {
    const notFound = isApiError(resident.error) && resident.error.status === 404;
    return (
      <Card className="og-card">
        <Result
          status={notFound ? '404' : 'warning'}
          title={notFound ? t('reg.resident.notFound') : t('status.500.title')}
          subTitle={notFound ? undefined : errorMessage(resident.error, locale, t)}
          extra={
            <Button type="primary" onClick={() => navigate('/registry/residents')}>
              {t('reg.resident.back')}
            </Button>
          }
        />
      </Card>
    );
  }
  return (
    <>
      {back}
      <ResidentDetail resident={resident.data} />
    </>
  );
}
