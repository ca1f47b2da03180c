import { Card, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { BrandMark } from '../../../components/brand-mark';
import { useMe } from '../../../features/auth/api/me';
import { LangToggle } from '../../../features/auth/components/lang-toggle';
import { LoginForm } from '../../../features/auth/components/login-form';
import { useI18n } from '../../../lib/i18n';
import { FullPageSpin } from '../../require-auth';

/** Only same-site paths are followed after login, so ?next= cannot send anyone elsewhere. */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

export function LoginPage() {
  const { t, setLocale } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const next = safeNext(params.get('next'));

  if (me.isPending) return <FullPageSpin />;
  if (me.data) return <Navigate to={next} replace />;

  return (
    <div className="og-login">
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: '12px 16px' }}>
        <LangToggle className="og-header-button" onDark />
      </div>
      <main className="og-login-main">
        <section className="og-login-hero" aria-hidden="true">
          <span className="og-brand-mark" style={{ width: 56, height: 56, borderRadius: 14 }}>
            <BrandMark size={34} />
          </span>
          <h1>{t('login.hero.title')}</h1>
          <div className="og-slogan">{t('login.hero.slogan')}</div>
          <Typography.Paragraph
            style={{ color: 'rgba(255,255,255,0.82)', marginTop: 24, fontSize: 14, lineHeight: 1.9 }}
          >
            {t('login.hero.body')}
          </Typography.Paragraph>
        </section>
        <div className="og-login-mobile-brand">
          <span className="og-brand-mark" style={{ width: 44, height: 44, margin: '0 auto 8px' }}>
            <BrandMark size={26} />
          </span>
          <div style={{ fontSize: 22, fontWeight: 600, letterSpacing: 3 }}>{t('login.hero.title')}</div>
          <div style={{ color: '#f6c36b', letterSpacing: 2, marginTop: 4 }}>{t('login.hero.slogan')}</div>
        </div>
        <Card className="og-login-card" variant="borderless">
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {t('login.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
            {t('login.subtitle')}
          </Typography.Paragraph>
          <LoginForm
            onSuccess={(signedIn) => {
              if (signedIn.user.locale === 'en' || signedIn.user.locale === 'zh-CN')
                setLocale(signedIn.user.locale);
              // A resident account (no staff role) belongs on the residents' phone pages, not the staff workbench.
              const residentOnly =
                signedIn.assignments.length > 0 && signedIn.assignments.every((a) => a.role === 'resident');
              navigate(residentOnly ? '/h5' : next, { replace: true });
            }}
          />
        </Card>
      </main>
      <footer className="og-login-footer">{t('login.footer')}</footer>
    </div>
  );
}
