import { CheckOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { parseCaseNumber } from '../../../../../common/cases';
import { TrackingNumber } from '../../../features/resident/components/tracking-number';
import { useResidentSession } from '../../../features/resident/hooks/use-resident-session';
import { useResidentText } from '../../../features/resident/messages';
import { H5Page } from './h5-layout';

/** 提交成功: the tracking number big and copyable. */
export function H5DonePage() {
  const rt = useResidentText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const session = useResidentSession();
  const number = params.get('no') ?? '';
  const valid = parseCaseNumber(number) !== null;
  return (
    <H5Page title={rt('h5.done.title')} back="/h5">
      <section className="h5-card" style={{ textAlign: 'center', paddingTop: 24 }} data-testid="report-done">
        <div className="h5-success-icon">
          <CheckOutlined />
        </div>
        <h1 style={{ margin: 0, fontSize: 22 }}>{rt('h5.done.title')}</h1>
        <p className="h5-hint" style={{ margin: '8px 0 0' }}>
          {rt('h5.done.sub')}
        </p>
        {valid ? <TrackingNumber number={number} /> : null}
        <p className="h5-hint" style={{ textAlign: 'left', margin: 0 }}>
          {rt('h5.done.keep')}
        </p>
      </section>
      <Button
        type="primary"
        size="large"
        block
        style={{ marginTop: 16 }}
        data-testid="done-track"
        onClick={() =>
          navigate(session.isResident ? '/h5/mine' : `/h5/track?no=${encodeURIComponent(number)}`)
        }
      >
        {rt('h5.done.track')}
      </Button>
      <Button size="large" block style={{ marginTop: 10 }} onClick={() => navigate('/h5/report')}>
        {rt('h5.done.again')}
      </Button>
    </H5Page>
  );
}
