import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { residentKeys } from '../../../features/resident/api/keys';
import { PhoneLoginForm } from '../../../features/resident/components/phone-login-form';
import { useResidentText } from '../../../features/resident/messages';
import { H5Page } from './h5-layout';

/** 登录: phone + password, then back where the resident came from. */
export function H5LoginPage() {
  const rt = useResidentText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const next = params.get('next');
  const target = next?.startsWith('/h5') ? next : '/h5';
  return (
    <H5Page title={rt('h5.login.title')} back="/h5">
      <section className="h5-card">
        <PhoneLoginForm
          onSuccess={() => {
            void queryClient.invalidateQueries({ queryKey: residentKeys.all });
            navigate(target, { replace: true });
          }}
        />
      </section>
      <p className="h5-hint" style={{ textAlign: 'center', marginTop: 16, fontSize: 15 }}>
        {rt('h5.login.noAccount')} <Link to="/h5/register">{rt('h5.login.toRegister')}</Link>
      </p>
      <p className="h5-hint" style={{ textAlign: 'center' }}>
        <Link to="/login" style={{ color: '#8c8079' }}>
          {rt('h5.login.staff')}
        </Link>
      </p>
    </H5Page>
  );
}
