import { LoginOutlined } from '@ant-design/icons';
import { Alert, Button, Skeleton } from 'antd';
import { useNavigate } from 'react-router';
import { useMyCases } from '../../../features/resident/api/my-cases';
import { MyCaseList } from '../../../features/resident/components/my-case-list';
import { useResidentSession } from '../../../features/resident/hooks/use-resident-session';
import { useResidentText } from '../../../features/resident/messages';
import { errorMessage } from '../../../lib/errors';
import { useI18n } from '../../../lib/i18n';
import { H5Page } from './h5-layout';

/** 我的反映: a signed-in resident's reports (and the ones they follow after a merge). */
export function H5MinePage() {
  const rt = useResidentText();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const session = useResidentSession();
  const cases = useMyCases(session.isResident);
  return (
    <H5Page title={rt('h5.mine.title')} back="/h5">
      {session.pending ? (
        <Skeleton active />
      ) : !session.isResident ? (
        <section className="h5-card" style={{ textAlign: 'center' }}>
          <p className="h5-hint">{rt('h5.mine.needLogin')}</p>
          <Button
            type="primary"
            size="large"
            block
            icon={<LoginOutlined />}
            onClick={() => navigate('/h5/login?next=/h5/mine')}
            data-testid="mine-login"
          >
            {rt('h5.home.login')}
          </Button>
        </section>
      ) : cases.isError ? (
        <Alert type="error" showIcon title={errorMessage(cases.error, locale, t)} />
      ) : cases.isPending ? (
        <Skeleton active />
      ) : (
        <MyCaseList items={cases.data} onOpen={(id) => navigate(`/h5/mine/${id}`)} />
      )}
    </H5Page>
  );
}
