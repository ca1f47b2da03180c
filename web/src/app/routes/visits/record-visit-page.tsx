import { ArrowLeftOutlined, HistoryOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Skeleton, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useHouseholdVisits } from '../../../features/visits/api/household-visits';
import { VisitForm } from '../../../features/visits/components/visit-form';
import { useVisitText } from '../../../features/visits/messages';
import { errorMessage } from '../../../lib/errors';
import { formatDate } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';

const positiveInt = (s: string | null) => (s && /^\d+$/.test(s) && Number(s) > 0 ? Number(s) : null);

/** 登记走访 for one household (`/visits/new?householdId=`), laid out for a 375 px phone first. */
export function RecordVisitPage() {
  const { t, locale } = useI18n();
  const vt = useVisitText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const householdId = positiveInt(params.get('householdId'));
  const planId = positiveInt(params.get('planId'));
  const history = useHouseholdVisits(householdId);

  const back = (
    <Button
      type="text"
      icon={<ArrowLeftOutlined />}
      onClick={() => navigate(-1)}
      style={{ paddingInline: 4 }}
    >
      {vt('visits.back')}
    </Button>
  );
  if (householdId === null)
    return (
      <div style={{ maxWidth: 560, margin: '0 auto' }}>
        {back}
        <Alert type="info" showIcon title={vt('visits.new.missing')} style={{ marginTop: 12 }} />
      </div>
    );
  return (
    <div style={{ maxWidth: 560, margin: '0 auto' }} data-testid="record-visit-page">
      {back}
      {history.isError ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(history.error, locale, t)}
          style={{ marginTop: 12 }}
        />
      ) : history.isPending ? (
        <Skeleton active />
      ) : (
        <>
          <div
            style={{
              display: 'flex',
              alignItems: 'baseline',
              justifyContent: 'space-between',
              margin: '8px 0 4px',
            }}
          >
            <Typography.Title level={3} style={{ margin: 0 }}>
              {vt('visits.new.title')} · <span className="og-mono">{history.data.household.roomLabel}</span>
            </Typography.Title>
            <Link to={`/visits/household/${householdId}`} style={{ whiteSpace: 'nowrap' }}>
              <HistoryOutlined /> {vt('visits.today.history')}
            </Link>
          </div>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
            {history.data.items[0]
              ? vt('visits.today.last', { date: formatDate(history.data.items[0].visitedAt) })
              : vt('visits.today.never')}
          </Typography.Paragraph>
          <Card className="og-card" styles={{ body: { padding: 16 } }}>
            <VisitForm
              householdId={householdId}
              planId={planId}
              onSaved={() => navigate('/visits', { replace: true })}
            />
          </Card>
        </>
      )}
    </div>
  );
}
