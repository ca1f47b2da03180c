import { LockOutlined, MobileOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { parseMobile } from '../../../../../common/phone';
import { errorMessage } from '../../../lib/errors';
import { useI18n } from '../../../lib/i18n';
import { useLogin } from '../../auth/api/login';
import type { Me } from '../../auth/api/types';
import { useResidentText } from '../messages';

/** 登录: a resident's mobile number is their user name (the server finds the account by the phone's blind index). */
export function PhoneLoginForm({ onSuccess }: { onSuccess: (me: Me) => void }) {
  const rt = useResidentText();
  const { t, locale } = useI18n();
  const login = useLogin();
  const submit = (v: { phone: string; password: string }) => {
    const parsed = parseMobile(v.phone);
    login.mutate(
      { username: parsed.ok ? parsed.value : v.phone.trim(), password: v.password },
      { onSuccess },
    );
  };
  return (
    <Form layout="vertical" size="large" requiredMark={false} onFinish={submit}>
      <Form.Item
        name="phone"
        label={rt('h5.login.phone')}
        rules={[
          { required: true, message: rt('h5.login.phone.required') },
          {
            validator: (_, v: string | undefined) =>
              !v || parseMobile(v).ok
                ? Promise.resolve()
                : Promise.reject(new Error(t('form.phone.invalid'))),
          },
        ]}
      >
        <Input
          prefix={<MobileOutlined />}
          data-testid="h5-login-phone"
          inputMode="tel"
          autoComplete="tel"
          maxLength={20}
        />
      </Form.Item>
      <Form.Item
        name="password"
        label={rt('h5.login.password')}
        rules={[{ required: true, message: rt('h5.login.password.required') }]}
      >
        <Input.Password
          prefix={<LockOutlined />}
          data-testid="h5-login-password"
          autoComplete="current-password"
        />
      </Form.Item>
      {login.isError ? (
        <Alert
          type={
            login.error && 'code' in login.error && String(login.error.code).startsWith('AUTH_ACCOUNT')
              ? 'warning'
              : 'error'
          }
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="h5-login-error"
          title={errorMessage(login.error, locale, t)}
        />
      ) : null}
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={login.isPending}
        data-testid="h5-login-submit"
      >
        {rt('h5.login.submit')}
      </Button>
    </Form>
  );
}
