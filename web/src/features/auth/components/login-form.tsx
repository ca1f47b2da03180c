import { ArrowLeftOutlined, LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useLogin } from '../api/login';
import type { Me } from '../api/types';

interface Credentials {
  username: string;
  password: string;
}

type Problem = { kind: 'error'; text: string } | { kind: 'locked'; until: string | null };

function lockedUntilOf(error: unknown): string | null {
  if (!isApiError(error)) return null;
  const value = error.extra.lockedUntil;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

function minutesLeft(until: string): number | null {
  const ms = new Date(until).getTime() - Date.now();
  return Number.isFinite(ms) && ms > 0 ? Math.ceil(ms / 60_000) : null;
}

/** Username and password first; a second step asks for the 6-digit TOTP code when the server wants one. */
export function LoginForm({ onSuccess }: { onSuccess: (me: Me) => void }) {
  const { t, locale } = useI18n();
  const login = useLogin();
  const [step, setStep] = useState<'credentials' | 'totp'>('credentials');
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [credentialsForm] = Form.useForm<Credentials>();
  const [totpForm] = Form.useForm<{ totp: string }>();

  const handleError = (error: unknown, creds: Credentials) => {
    if (isApiError(error) && error.code === 'AUTH_TOTP_REQUIRED') {
      setCredentials(creds);
      setStep('totp');
      setProblem(null);
      return;
    }
    if (isApiError(error) && error.code === 'AUTH_LOCKED') {
      setProblem({ kind: 'locked', until: lockedUntilOf(error) });
      return;
    }
    if (isApiError(error) && error.code === 'AUTH_TOTP_INVALID') {
      totpForm.setFields([{ name: 'totp', errors: [errorMessage(error, locale, t)] }]);
      setProblem(null);
      return;
    }
    setProblem({ kind: 'error', text: errorMessage(error, locale, t) });
  };

  const submitCredentials = (values: Credentials) => {
    setProblem(null);
    const creds = { username: values.username.trim(), password: values.password };
    login.mutate(creds, { onSuccess, onError: (error) => handleError(error, creds) });
  };

  const submitTotp = (values: { totp: string }) => {
    if (!credentials) return;
    setProblem(null);
    login.mutate(
      { ...credentials, totp: values.totp.trim() },
      { onSuccess, onError: (error) => handleError(error, credentials) },
    );
  };

  const backToCredentials = () => {
    setStep('credentials');
    setProblem(null);
    totpForm.resetFields();
  };

  const alert =
    problem === null ? null : problem.kind === 'locked' ? (
      <Alert
        type="warning"
        showIcon
        data-testid="login-locked"
        style={{ marginBottom: 16 }}
        title={t('login.locked.title')}
        description={
          problem.until
            ? t('login.locked.until', {
                time: formatDateTime(problem.until),
                minutes: minutesLeft(problem.until) ?? 1,
              })
            : t('login.locked.generic')
        }
      />
    ) : (
      <Alert
        type="error"
        showIcon
        data-testid="login-error"
        style={{ marginBottom: 16 }}
        title={problem.text}
      />
    );

  if (step === 'totp') {
    return (
      // Distinct keys: React must not reuse one <Form> for both steps, or the second keeps the first's store.
      <Form
        key="totp"
        form={totpForm}
        layout="vertical"
        onFinish={submitTotp}
        requiredMark={false}
        size="large"
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
          <SafetyOutlined style={{ color: '#2f8f46', marginInlineEnd: 6 }} />
          {t('login.totp.hint')}
        </Typography.Paragraph>
        {alert}
        <Form.Item
          name="totp"
          label={t('login.totp.label')}
          rules={[
            { required: true, message: t('login.totp.required') },
            { pattern: /^\d{6}$/, message: t('login.totp.format') },
          ]}
        >
          <Input
            data-testid="login-totp"
            autoFocus
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            placeholder="000000"
            className="og-mono"
            style={{ letterSpacing: 8, textAlign: 'center', fontSize: 20 }}
          />
        </Form.Item>
        <Button data-testid="login-submit" type="primary" htmlType="submit" block loading={login.isPending}>
          {t('login.totp.submit')}
        </Button>
        <Button
          type="link"
          block
          icon={<ArrowLeftOutlined />}
          onClick={backToCredentials}
          style={{ marginTop: 8 }}
        >
          {t('login.totp.back')}
        </Button>
      </Form>
    );
  }

  return (
    <Form
      key="credentials"
      form={credentialsForm}
      layout="vertical"
      onFinish={submitCredentials}
      requiredMark={false}
      size="large"
      initialValues={credentials ?? undefined}
    >
      {alert}
      <Form.Item
        name="username"
        label={t('login.username')}
        rules={[{ required: true, message: t('login.username.required') }]}
      >
        <Input
          data-testid="login-username"
          prefix={<UserOutlined />}
          autoComplete="username"
          autoFocus
          placeholder={t('login.username.placeholder')}
        />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('login.password')}
        rules={[{ required: true, message: t('login.password.required') }]}
      >
        <Input.Password
          data-testid="login-password"
          prefix={<LockOutlined />}
          autoComplete="current-password"
          placeholder={t('login.password.placeholder')}
        />
      </Form.Item>
      <Button data-testid="login-submit" type="primary" htmlType="submit" block loading={login.isPending}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}
