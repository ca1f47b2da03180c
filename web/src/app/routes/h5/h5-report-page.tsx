import { Alert, Skeleton } from 'antd';
import { useNavigate } from 'react-router';
import { ReportForm } from '../../../features/resident/components/report-form';
import { useResidentSession } from '../../../features/resident/hooks/use-resident-session';
import { useResidentText } from '../../../features/resident/messages';
import { H5Page } from './h5-layout';

/** 我要反映. */
export function H5ReportPage() {
  const rt = useResidentText();
  const navigate = useNavigate();
  const session = useResidentSession();
  return (
    <H5Page title={rt('h5.report.title')} back="/h5">
      {session.pending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          {session.isStaff ? (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={rt('h5.staffNotice')} />
          ) : null}
          <ReportForm
            account={session.account}
            onDone={(r) => navigate(`/h5/report/done?no=${encodeURIComponent(r.number)}`, { replace: true })}
          />
        </>
      )}
    </H5Page>
  );
}
