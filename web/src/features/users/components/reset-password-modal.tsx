import { Alert, App, Form, Input, Modal } from 'antd';
import { PasswordHints, passwordProblemsText } from '../../../components/password-hints';
import { errorMessage } from '../../../lib/errors';
import { applyFieldErrors } from '../../../lib/form-errors';
import { useI18n } from '../../../lib/i18n';
import { useResetUserPassword } from '../api/reset-password';
import type { User } from '../api/types';

export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useResetUserPassword();
  const password = Form.useWatch('password', form) ?? '';

  return (
    <Modal
      open
      title={t('users.resetPassword.title', { name: user.displayName })}
      okText={t('users.resetPassword.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('users.resetPassword.hint')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={({ password: value }) =>
          reset.mutate(
            { id: user.id, password: value },
            {
              onSuccess: () => {
                message.success(t('users.resetPassword.done'));
                onClose();
              },
              onError: (error) => {
                if (!applyFieldErrors(form, error)) {
                  form.setFields([{ name: 'password', errors: [errorMessage(error, locale, t)] }]);
                }
              },
            },
          )
        }
      >
        <Form.Item
          name="password"
          label={t('users.field.newPassword')}
          extra={<PasswordHints password={password} username={user.username} />}
          rules={[
            { required: true, message: t('password.new.required') },
            {
              validator: (_rule, value: string) => {
                const problems = value ? passwordProblemsText(value, user.username, locale) : null;
                return problems ? Promise.reject(new Error(problems)) : Promise.resolve();
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
