import {
  FileSearchOutlined,
  FormOutlined,
  LoginOutlined,
  LogoutOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useNavigate } from 'react-router';
import { useLogout } from '../../../features/auth/api/logout';
import { useResidentSession } from '../../../features/resident/hooks/use-resident-session';
import { useResidentText } from '../../../features/resident/messages';
import { H5Page } from './h5-layout';

/** 首页: report, track, my matters, log in / register. */
export function H5HomePage() {
  const rt = useResidentText();
  const navigate = useNavigate();
  const session = useResidentSession();
  const logout = useLogout();
  const name = session.account?.name ?? session.me?.user.displayName;

  return (
    <H5Page title={rt('h5.brand')}>
      <section className="h5-hero">
        <h1>
          {session.account ? rt('h5.home.greeting', { name: session.account.name }) : rt('h5.home.hero')}
        </h1>
        <p>{rt('h5.home.heroSub')}</p>
      </section>

      <div className="h5-tiles">
        <button
          type="button"
          className="h5-tile h5-tile-primary"
          data-testid="h5-go-report"
          onClick={() => navigate('/h5/report')}
        >
          <span className="h5-tile-icon">
            <FormOutlined />
          </span>
          <span>
            <span className="h5-tile-title">{rt('h5.home.report')}</span>
            <br />
            <span className="h5-tile-sub">{rt('h5.home.reportSub')}</span>
          </span>
        </button>
        <button
          type="button"
          className="h5-tile"
          data-testid="h5-go-track"
          onClick={() => navigate('/h5/track')}
        >
          <span className="h5-tile-icon">
            <FileSearchOutlined />
          </span>
          <span className="h5-tile-title">{rt('h5.home.track')}</span>
          <span className="h5-tile-sub">{rt('h5.home.trackSub')}</span>
        </button>
        <button
          type="button"
          className="h5-tile"
          data-testid="h5-go-mine"
          onClick={() => navigate('/h5/mine')}
        >
          <span className="h5-tile-icon">
            <ProfileOutlined />
          </span>
          <span className="h5-tile-title">{rt('h5.home.mine')}</span>
          <span className="h5-tile-sub">
            {rt(session.isResident ? 'h5.home.mineSubIn' : 'h5.home.mineSub')}
          </span>
        </button>
      </div>

      <section className="h5-card" style={{ marginTop: 16 }}>
        <h2 className="h5-section-title">{rt('h5.home.account')}</h2>
        {session.me ? (
          <>
            <div className="h5-account">
              <span className="h5-avatar">{(name ?? '?').slice(0, 1)}</span>
              <div style={{ minWidth: 0 }}>
                <div style={{ fontWeight: 600 }}>{name}</div>
                <div className="h5-hint">
                  {session.account
                    ? `${session.account.phoneMasked} · ${session.account.communityName} ${session.account.roomLabel ?? ''}`
                    : null}
                </div>
              </div>
            </div>
            {session.isStaff ? (
              <Alert type="info" showIcon style={{ marginTop: 12 }} title={rt('h5.staffNotice')} />
            ) : null}
            <Button
              block
              size="large"
              icon={<LogoutOutlined />}
              style={{ marginTop: 12 }}
              loading={logout.isPending}
              onClick={() => logout.mutate()}
              data-testid="h5-logout"
            >
              {rt('h5.home.logout')}
            </Button>
          </>
        ) : (
          <>
            <p className="h5-hint" style={{ margin: 0 }}>
              {rt('h5.home.accountHint')}
            </p>
            <div className="h5-row-buttons">
              <Button
                size="large"
                type="primary"
                icon={<LoginOutlined />}
                onClick={() => navigate('/h5/login')}
                data-testid="h5-go-login"
              >
                {rt('h5.home.login')}
              </Button>
              <Button
                size="large"
                icon={<UserAddOutlined />}
                onClick={() => navigate('/h5/register')}
                data-testid="h5-go-register"
              >
                {rt('h5.home.register')}
              </Button>
            </div>
          </>
        )}
      </section>

      <footer className="h5-foot">
        <div>
          <SafetyCertificateOutlined /> {rt('h5.home.privacy')}
        </div>
        <div style={{ marginTop: 4 }}>{rt('h5.home.hotline')}</div>
      </footer>
    </H5Page>
  );
}
