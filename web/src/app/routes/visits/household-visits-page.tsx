import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Pagination, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useHouseholdVisits } from '../../../features/visits/api/household-visits';
import { VisitHistory } from '../../../features/visits/components/visit-history';
import { useVisitText } from '../../../features/visits/messages';
import { errorMessage } from '../../../lib/errors';
import { useI18n } from '../../../lib/i18n';

/** A household's visit history (`/visits/household/:id`). */
export function HouseholdVisitsPage() {
  const { t, locale } = useI18n();
  const vt = useVisitText();
  const navigate = useNavigate();
  const { householdId } = useParams();
  const id = householdId && /^\d+$/.test(householdId) ? Number(householdId) : null;
  const [page, setPage] = useState(1);
  const history = useHouseholdVisits(id, page);
  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }} data-testid="household-visits-page">
      <Button
        type="text"
        icon={<ArrowLeftOutlined />}
        onClick={() => navigate(-1)}
        style={{ paddingInline: 4 }}
      >
        {vt('visits.back')}
      </Button>
      {history.isError ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(history.error, locale, t)}
          style={{ marginTop: 12 }}
        />
      ) : history.isPending || !history.data ? (
        <Skeleton active />
      ) : (
        <>
          <div
            style={{
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'space-between',
              gap: 8,
              margin: '8px 0 12px',
              flexWrap: 'wrap',
            }}
          >
            <Typography.Title level={3} style={{ margin: 0 }}>
              {vt('visits.history.title', { room: history.data.household.roomLabel })}
            </Typography.Title>
            {history.data.allowedActions.includes('record_visit') ? (
              <Link to={`/visits/new?householdId=${history.data.household.id}`}>
                <Button type="primary" icon={<EditOutlined />}>
                  {vt('visits.today.record')}
                </Button>
              </Link>
            ) : null}
          </div>
          <VisitHistory visits={history.data.items} />
          {history.data.total > 20 ? (
            <Pagination
              style={{ marginTop: 12, textAlign: 'center' }}
              current={page}
              pageSize={20}
              total={history.data.total}
              onChange={setPage}
              size="small"
              showSizeChanger={false}
            />
          ) : null}
        </>
      )}
    </div>
  );
}
