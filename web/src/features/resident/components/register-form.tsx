import { Alert, Button, Checkbox, Form, Input, Select } from 'antd';
import { parseMobile } from '../../../../../common/phone';
import { PasswordHints } from '../../../components/password-hints';
import { errorMessage } from '../../../lib/errors';
import { applyFieldErrors } from '../../../lib/form-errors';
import { useI18n } from '../../../lib/i18n';
import { useCommunities } from '../api/communities';
import { useRegisterResident } from '../api/register';
import { useResidentText } from '../messages';

interface Values {
  phone: string;
  name: string;
  communityId?: number;
  roomText: string;
  password: string;
  password2: string;
  consent: boolean;
}

/** 注册: phone, name, community, room and a password under the password policy; the account then waits for staff. */
export function RegisterForm({ onDone }: { onDone: (communityName: string) => void }) {
  const rt = useResidentText();
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const communities = useCommunities();
  const registration = useRegisterResident();
  const password = Form.useWatch('password', form) ?? '';
  const phone = Form.useWatch('phone', form) ?? '';

  const submit = (v: Values) =>
    registration.mutate(
      {
        phone: v.phone.trim(),
        name: v.name.trim(),
        communityId: v.communityId as number,
        roomText: v.roomText.trim(),
        password: v.password,
      },
      {
        onSuccess: (r) => onDone(r.communityName),
        onError: (error) => applyFieldErrors(form, error),
      },
    );

  const parsed = parseMobile(phone);
  return (
    <Form<Values> form={form} layout="vertical" size="large" requiredMark={false} onFinish={submit}>
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
        <Input data-testid="register-phone" inputMode="tel" autoComplete="tel" maxLength={20} />
      </Form.Item>
      <Form.Item
        name="name"
        label={rt('h5.register.name')}
        rules={[{ required: true, whitespace: true, message: rt('h5.register.name.required') }]}
      >
        <Input data-testid="register-name" autoComplete="name" maxLength={50} />
      </Form.Item>
      <Form.Item
        name="communityId"
        label={rt('h5.register.community')}
        rules={[{ required: true, message: rt('h5.report.community.required') }]}
      >
        <Select
          data-testid="register-community"
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={rt('h5.report.community.placeholder')}
          loading={communities.isPending}
          options={(communities.data ?? []).map((c) => ({
            value: c.id,
            label: c.parentName ? `${c.name}（${c.parentName}）` : c.name,
          }))}
        />
      </Form.Item>
      <Form.Item
        name="roomText"
        label={rt('h5.register.room')}
        rules={[{ required: true, whitespace: true, message: rt('h5.register.room.required') }]}
      >
        <Input data-testid="register-room" maxLength={50} placeholder={rt('h5.register.room.placeholder')} />
      </Form.Item>
      <Form.Item
        name="password"
        label={rt('h5.register.password')}
        rules={[{ required: true, message: rt('h5.login.password.required') }]}
        extra={<PasswordHints password={password} username={parsed.ok ? parsed.value : undefined} />}
      >
        <Input.Password data-testid="register-password" autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item
        name="password2"
        label={rt('h5.register.password2')}
        dependencies={['password']}
        rules={[
          { required: true, message: rt('h5.login.password.required') },
          ({ getFieldValue }) => ({
            validator: (_, v: string | undefined) =>
              !v || v === getFieldValue('password')
                ? Promise.resolve()
                : Promise.reject(new Error(rt('h5.register.mismatch'))),
          }),
        ]}
      >
        <Input.Password data-testid="register-password2" autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item
        name="consent"
        valuePropName="checked"
        rules={[
          {
            validator: (_, v: boolean) =>
              v ? Promise.resolve() : Promise.reject(new Error(rt('h5.register.consent.required'))),
          },
        ]}
      >
        <Checkbox data-testid="register-consent">{rt('h5.register.consent')}</Checkbox>
      </Form.Item>
      {registration.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={errorMessage(registration.error, locale, t)}
        />
      ) : null}
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={registration.isPending}
        data-testid="register-submit"
      >
        {rt('h5.register.submit')}
      </Button>
    </Form>
  );
}
