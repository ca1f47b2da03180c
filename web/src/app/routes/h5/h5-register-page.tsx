import { ClockCircleOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { RegisterForm } from '../../../features/resident/components/register-form';
import { useResidentText } from '../../../features/resident/messages';
import { H5Page } from './h5-layout';

/** 注册: the account waits for the community to confirm it against the residents register. */
export function H5RegisterPage() {
  const rt = useResidentText();
  const navigate = useNavigate();
  const [done, setDone] = useState<string | null>(null);
  return (
    <H5Page title={rt('h5.register.title')} back="/h5">
      {done ? (
        <section
          className="h5-card"
          style={{ textAlign: 'center', paddingTop: 24 }}
          data-testid="register-done"
        >
          <div
            className="h5-success-icon"
            style={{ background: 'linear-gradient(135deg, #d48806, #f0b03f)' }}
          >
            <ClockCircleOutlined />
          </div>
          <h1 style={{ margin: 0, fontSize: 22 }}>{rt('h5.register.done.title')}</h1>
          <p className="h5-hint">{rt('h5.register.done.sub', { community: done })}</p>
          <Button type="primary" size="large" block onClick={() => navigate('/h5')}>
            {rt('h5.home')}
          </Button>
        </section>
      ) : (
        <>
          <p className="h5-hint" style={{ marginTop: 0 }}>
            {rt('h5.register.sub')}
          </p>
          <section className="h5-card">
            <RegisterForm onDone={setDone} />
          </section>
        </>
      )}
    </H5Page>
  );
}
