import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Result, Skeleton } from 'antd';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useHousehold } from '../../../features/registry/api/household';
import { HouseholdDetail } from '../../../features/registry/components/household-detail';
import { useRegistryI18n } from '../../../features/registry/messages';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';

function parseId(raw: string | undefined): number | null {
  return raw && /^\d+$/.test(raw) ? Number(raw) : null;
}

/** 住户详情 (/registry/households/:id). Outside the user's area the server answers 404, shown as such. */
export function HouseholdPage() {
  const { t, locale } = useRegistryI18n();
  const navigate = useNavigate();
  const id = parseId(useParams().id);
  const card = useHousehold(id);
  if (id === null) return <Navigate to="/registry/households" replace />;

  const back = (
    <Button
      type="text"
      icon={<ArrowLeftOutlined />}
      onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/registry/households'))}
      style={{ marginBottom: 8, paddingInline: 4 }}
      data-testid="household-back"
    >
      {t('reg.household.back')}
    </Button>
  );

  if (card.isPending)
    return (
      <>
        {back}
        <Card className="og-card">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </>
    );
  if (card.isError) {
    const notFound = isApiError(card.error) && card.error.status === 404;
    return (
      <Card className="og-card">
        <Result
          status={notFound ? '404' : 'warning'}
          title={notFound ? t('reg.household.notFound') : t('status.500.title')}
          subTitle={notFound ? undefined : errorMessage(card.error, locale, t)}
          extra={
            <Button type="primary" onClick={() => navigate('/registry/households')}>
              {t('reg.household.back')}
            </Button>
          }
        />
      </Card>
    );
  }
  return (
    <>
      {back}
      <HouseholdDetail household={card.data} />
    </>
  );
}
